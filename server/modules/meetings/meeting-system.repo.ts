// The meeting system's SQL: the joint-meeting system, standing schedules of regular meetings, the
// figures regular meetings report, and what the minute sweep picks up.
import { type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { JointMeetingSystemTable, MeetingScheduleTable, MeetingTable } from '../../db/types.ts';

// --- the joint-meeting system ---------------------------------------------------------------------

export function findJointSystem(db: Db, regionCode: string) {
  return db
    .selectFrom('joint_meeting_system')
    .selectAll()
    .where('region_code', '=', regionCode)
    .executeTakeFirst();
}
export type JointSystemRow = NonNullable<Awaited<ReturnType<typeof findJointSystem>>>;

/** Creates the region's system (version 0 expected) or updates it at the given version. */
export async function saveJointSystem(
  db: Db,
  version: number,
  row: Omit<Insertable<JointMeetingSystemTable>, 'version' | 'updated_at'>,
) {
  if (version === 0) {
    const r = await db
      .insertInto('joint_meeting_system')
      .values(row)
      .onConflict((oc) => oc.column('region_code').doNothing())
      .returning('region_code')
      .executeTakeFirst();
    return r !== undefined;
  }
  const r = await db
    .updateTable('joint_meeting_system')
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where('region_code', '=', row.region_code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Users by id with their unit's region (conveners, deputies and group leads). */
export function usersByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('app_user as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.display_name', 'a.enabled', 'u.name as unit_name', 'u.region_code'])
    .where('a.id', 'in', ids)
    .execute();
}

// --- standing schedules of regular meetings ---------------------------------------------------------

const scheduleColumns = [
  's.id',
  's.region_code',
  's.center_unit_id',
  's.title',
  's.cadence',
  's.day',
  's.start_time',
  's.place',
  's.chair',
  's.invitee_unit_ids',
  's.notice_days',
  's.lead_days',
  's.enabled',
  's.created_by',
  's.version',
] as const;

export function schedulesOf(db: Db, regionCode: string) {
  return db
    .selectFrom('meeting_schedule as s')
    .select(scheduleColumns)
    .where('s.region_code', '=', regionCode)
    .orderBy('s.id')
    .execute();
}
export type ScheduleRow = Awaited<ReturnType<typeof schedulesOf>>[number];

export function findSchedule(db: Db, regionCode: string, id: number) {
  return db
    .selectFrom('meeting_schedule as s')
    .select(scheduleColumns)
    .where('s.id', '=', id)
    .where('s.region_code', '=', regionCode)
    .executeTakeFirst();
}

export function enabledSchedules(db: Db) {
  return db
    .selectFrom('meeting_schedule as s')
    .select(scheduleColumns)
    .where('s.enabled', '=', true)
    .execute();
}

export async function insertSchedule(
  db: Db,
  row: Omit<Insertable<MeetingScheduleTable>, 'version' | 'created_at' | 'updated_at'>,
) {
  const r = await db.insertInto('meeting_schedule').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateSchedule(
  db: Db,
  id: number,
  version: number,
  set: Partial<Insertable<MeetingScheduleTable>>,
) {
  const r = await db
    .updateTable('meeting_schedule')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Inserts a schedule's meeting unless its date is already planned (then null). */
export async function insertScheduledMeeting(db: Db, row: Insertable<MeetingTable>) {
  const r = await db
    .insertInto('meeting')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['schedule_id', 'schedule_on']).where('schedule_id', 'is not', null).doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

/** The schedule's meeting on a date, whatever its state (a cancelled one is not planned again). */
export function scheduledMeeting(db: Db, scheduleId: number, on: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'state'])
    .where('schedule_id', '=', scheduleId)
    .where('schedule_on', '=', on)
    .executeTakeFirst();
}

// --- figures of a regular meeting ---------------------------------------------------------------------

const CONCLUDED = ['approved', 'denied', 'delivered', 'archived'] as const;
const OPEN = ['accepted', 'tolerantly_accepted', 'in_review'] as const;

/**
 * A region's approval figures for [from, to] (Beijing dates), per department: cases accepted,
 * concluded and concluded on time in the period, open now and open past their promised date,
 * and the cases returned for correction and withdrawn in the period (each case once).
 */
export function departmentFigures(db: Db, regionCode: string, from: string, to: string, today: string) {
  const start = sql`(${from}::date)::timestamp at time zone 'Asia/Shanghai'`;
  const end = sql`((${to}::date + 1))::timestamp at time zone 'Asia/Shanghai'`;
  const inPeriod = (col: string) => sql<SqlBool>`${sql.ref(col)} >= ${start} and ${sql.ref(col)} < ${end}`;
  const steps = (event: string) =>
    sql<number>`(select count(distinct st.case_id) from case_step st join service_case sc on sc.id = st.case_id
      where sc.department_id = u.id and sc.region_code = ${regionCode} and st.event = ${event}
      and st.at >= ${start} and st.at < ${end})`;
  return db
    .selectFrom('unit as u')
    .leftJoin('service_case as c', (j) =>
      j.onRef('c.department_id', '=', 'u.id').on('c.region_code', '=', regionCode),
    )
    .select([
      'u.id',
      'u.name',
      // 受理: accepted (or tolerantly accepted) in the period, not merely submitted.
      sql<number>`count(c.id) filter (where ${inPeriod('c.accepted_at')})`.as('received'),
      sql<number>`count(c.id) filter (where c.state in (${sql.join(CONCLUDED)}) and ${inPeriod('c.decided_at')})`.as(
        'concluded',
      ),
      sql<number>`count(c.id) filter (where c.state in (${sql.join(CONCLUDED)}) and ${inPeriod('c.decided_at')}
        and (c.promised_due is null or (c.decided_at at time zone 'Asia/Shanghai')::date <= c.promised_due))`.as(
        'on_time',
      ),
      sql<number>`count(c.id) filter (where c.state in (${sql.join(OPEN)}))`.as('open'),
      sql<number>`count(c.id) filter (where c.state in (${sql.join(OPEN)}) and c.promised_due < ${today}::date)`.as(
        'overdue',
      ),
      steps('request_correction').as('corrections'),
      steps('withdraw').as('withdrawals'),
    ])
    .where('u.region_code', '=', regionCode)
    .where('u.kind', '=', 'department')
    .where('u.enabled', '=', true)
    .groupBy(['u.id', 'u.name'])
    .orderBy('u.id')
    .execute();
}

/** The items with the most returns for correction and withdrawals in the period (the analysis). */
export function returnedItems(db: Db, regionCode: string, from: string, to: string, limit = 5) {
  const start = sql`(${from}::date)::timestamp at time zone 'Asia/Shanghai'`;
  const end = sql`((${to}::date + 1))::timestamp at time zone 'Asia/Shanghai'`;
  return db
    .selectFrom('case_step as st')
    .innerJoin('service_case as c', 'c.id', 'st.case_id')
    .innerJoin('service_item_version as v', 'v.id', 'c.item_version_id')
    .select([
      'v.name as item_name',
      sql<number>`count(distinct st.case_id) filter (where st.event = 'request_correction')`.as(
        'corrections',
      ),
      sql<number>`count(distinct st.case_id) filter (where st.event = 'withdraw')`.as('withdrawals'),
    ])
    .where('c.region_code', '=', regionCode)
    .where('st.event', 'in', ['request_correction', 'withdraw'])
    .where(sql<SqlBool>`st.at >= ${start} and st.at < ${end}`)
    .groupBy('v.name')
    .orderBy(sql`count(distinct st.case_id)`, 'desc')
    .orderBy('v.name')
    .limit(limit)
    .execute();
}

// --- the minute sweep -------------------------------------------------------------------------------

/** When the system reminds: a day before the meeting, two days after the minutes. */
export const REMIND = { beforeMeeting: 86_400_000, noticeAge: 12 * 3_600_000, afterMinutes: 2 * 86_400_000 };

/**
 * Meetings with units to remind by the system: convened ones starting within a day, whose notice
 * is at least 12 hours old (an urgent notice is not chased at once), with silent invitees never
 * reminded; and issued minutes two days old not yet signed for by a unit never reminded.
 */
export async function meetingsToRemind(db: Db, now: Date) {
  const notice = await db
    .selectFrom('meeting as m')
    .innerJoin('meeting_invitee as i', 'i.meeting_id', 'm.id')
    .innerJoin('document as n', 'n.id', 'm.notice_document_id')
    .select('m.id')
    .distinct()
    .where('m.state', '=', 'convened')
    .where('m.starts_at', '>', now)
    .where('m.starts_at', '<=', new Date(now.getTime() + REMIND.beforeMeeting))
    .where('n.created_at', '<=', new Date(now.getTime() - REMIND.noticeAge))
    .where('i.acknowledged_at', 'is', null)
    .where('i.reminded_at', 'is', null)
    .execute();
  const minutes = await db
    .selectFrom('meeting as m')
    .innerJoin('meeting_minutes_receipt as r', 'r.document_id', 'm.minutes_document_id')
    .innerJoin('document as d', 'd.id', 'r.document_id')
    .select('m.id')
    .distinct()
    .where('m.state', '=', 'minutes_issued')
    .where('d.created_at', '<=', new Date(now.getTime() - REMIND.afterMinutes))
    .where('r.received_at', 'is', null)
    .where('r.reminded_at', 'is', null)
    .execute();
  return [...new Set([...notice, ...minutes].map((r) => Number(r.id)))];
}
