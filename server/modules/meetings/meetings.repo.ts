import { type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { DB, MeetingDecisionTable, MeetingTable } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

/** A staff reader: the center's meetings in the scope of meeting:read, or those its units are invited to. */
export interface MeetingReader {
  scope: UnitScope;
}

function visible(eb: ExpressionBuilder<DB & { m: MeetingTable }, 'm'>, reader: MeetingReader) {
  return eb.or([
    inScope(eb, reader.scope, { unit: 'm.center_unit_id' }),
    eb.exists(
      eb
        .selectFrom('meeting_invitee as i')
        .select('i.id')
        .whereRef('i.meeting_id', '=', 'm.id')
        .where((e) => inScope(e, reader.scope, { unit: 'i.unit_id' })),
    ),
    // A decision's owner the minutes went to without being invited.
    eb.exists(
      eb
        .selectFrom('meeting_minutes_receipt as r')
        .select('r.id')
        .whereRef('r.meeting_id', '=', 'm.id')
        .where((e) => inScope(e, reader.scope, { unit: 'r.unit_id' })),
    ),
  ]);
}

const columns = [
  'm.id',
  'm.region_code',
  'm.center_unit_id',
  'cu.name as center_name',
  'm.kind',
  'm.state',
  'm.title',
  'm.starts_at',
  'm.place',
  'm.chair',
  'm.urgent',
  'm.request_id',
  'm.notice_days',
  'm.notice_document_id',
  'm.minutes_summary',
  'm.minutes_approved_by',
  'm.minutes_approved_at',
  'm.minutes_document_id',
  'm.cancel_reason',
  'm.schedule_id',
  'm.schedule_on',
  'm.figures',
  'm.chair_user_id',
  'm.agenda_approved_by',
  'm.agenda_approved_at',
  'm.correction_reason',
  'js.convener_user_id',
  'm.version',
  'm.created_at',
] as const;

function base(db: Db) {
  return (
    db
      .selectFrom('meeting as m')
      .innerJoin('unit as cu', 'cu.id', 'm.center_unit_id')
      // A joint meeting's convener is the region's, as the system now stands.
      .leftJoin('joint_meeting_system as js', (j) =>
        j.onRef('js.region_code', '=', 'm.region_code').on('m.kind', '=', 'joint'),
      )
      .select(columns)
  );
}

export function findMeeting(db: Db, reader: MeetingReader, id: number) {
  return base(db)
    .where('m.id', '=', id)
    .where((eb) => visible(eb, reader))
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof findMeeting>>>;

export function lockMeeting(db: Db, id: number) {
  return db.selectFrom('meeting').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Meetings in scope starting within [from, to), for the calendar. */
export function meetingsBetween(db: Db, reader: MeetingReader, from: Date, to: Date) {
  return base(db)
    .where('m.starts_at', '>=', from)
    .where('m.starts_at', '<', to)
    .where((eb) => visible(eb, reader))
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .limit(1000)
    .execute();
}

export function meetingsOfRequest(db: Db, requestId: number) {
  return base(db).where('m.request_id', '=', requestId).orderBy('m.id').execute();
}

export async function insertMeeting(db: Db, row: Insertable<MeetingTable>) {
  const r = await db.insertInto('meeting').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateMeeting(
  db: Db,
  id: number,
  version: number,
  set: Partial<Insertable<MeetingTable>>,
  tokens?: string[],
) {
  const r = await db
    .updateTable('meeting')
    .set({
      ...set,
      ...(tokens ? { search: sql`to_tsvector('simple', ${tokens.join(' ')})` } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function topicsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('meeting_topic')
    .select(['id', 'seq', 'title', 'request_id', 'discussion'])
    .where('meeting_id', '=', meetingId)
    .orderBy('seq')
    .execute();
}
export type TopicRow = Awaited<ReturnType<typeof topicsOf>>[number];

export async function replaceTopics(
  db: Db,
  meetingId: number,
  topics: { title: string; requestId: number | null; discussion?: string }[],
) {
  const old = await topicsOf(db, meetingId);
  // Topics are numbered 1…n; a rewrite keeps the rows (decisions point at them) and adds or drops the tail.
  for (const [i, t] of topics.entries()) {
    const row = old[i];
    if (row) {
      await db
        .updateTable('meeting_topic')
        .set({ title: t.title, request_id: t.requestId, discussion: t.discussion ?? row.discussion })
        .where('id', '=', row.id)
        .execute();
    } else {
      await db
        .insertInto('meeting_topic')
        .values({
          meeting_id: meetingId,
          seq: i + 1,
          title: t.title,
          request_id: t.requestId,
          discussion: t.discussion ?? '',
        })
        .execute();
    }
  }
  const dropped = old.slice(topics.length).map((r) => Number(r.id));
  if (dropped.length) await db.deleteFrom('meeting_topic').where('id', 'in', dropped).execute();
}

export function inviteesOf(db: Db, meetingId: number) {
  return db
    .selectFrom('meeting_invitee as i')
    .innerJoin('unit as u', 'u.id', 'i.unit_id')
    .select([
      'i.id',
      'i.unit_id',
      'u.name as unit_name',
      'u.region_code as unit_region',
      'i.acknowledged_at',
      'i.attendee',
      'i.substitute',
      'i.reminded_at',
      'i.attendance',
      'i.absence_reason',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.id')
    .execute();
}
export type InviteeRow = Awaited<ReturnType<typeof inviteesOf>>[number];

export async function setInvitees(db: Db, meetingId: number, unitIds: number[]) {
  await db
    .deleteFrom('meeting_invitee')
    .where('meeting_id', '=', meetingId)
    .where('unit_id', 'not in', unitIds.length ? unitIds : [0])
    .execute();
  if (unitIds.length) {
    await db
      .insertInto('meeting_invitee')
      .values(unitIds.map((unit_id) => ({ meeting_id: meetingId, unit_id })))
      .onConflict((oc) => oc.columns(['meeting_id', 'unit_id']).doNothing())
      .execute();
  }
}

export function acknowledgeInvitee(
  db: Db,
  meetingId: number,
  unitId: number,
  set: { attendee: string; substitute: boolean; acknowledged_by: number | null },
) {
  return db
    .updateTable('meeting_invitee')
    .set({ ...set, acknowledged_at: sql`now()` })
    .where('meeting_id', '=', meetingId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

export function markReminded(db: Db, inviteeIds: number[]) {
  if (!inviteeIds.length) return Promise.resolve();
  return db
    .updateTable('meeting_invitee')
    .set({ reminded_at: sql`now()` })
    .where('id', 'in', inviteeIds)
    .execute()
    .then(() => undefined);
}

export function setAttendance(
  db: Db,
  inviteeId: number,
  set: {
    attendance: 'present' | 'substitute' | 'absent';
    attendee: string | null;
    absence_reason: string | null;
  },
) {
  return db.updateTable('meeting_invitee').set(set).where('id', '=', inviteeId).execute();
}

export function decisionsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('meeting_decision as d')
    .innerJoin('unit as u', 'u.id', 'd.owner_unit_id')
    .select([
      'd.id',
      'd.seq',
      'd.topic_id',
      'd.request_id',
      'd.content',
      'd.owner_unit_id',
      'u.name as owner_name',
      'd.co_owner_unit_ids',
      sql<
        string[]
      >`array(select cu.name from unit cu where cu.id = any(d.co_owner_unit_ids) order by cu.id)`.as(
        'co_owner_names',
      ),
      'd.due_days',
      'd.due_on',
    ])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.seq')
    .execute();
}
export type DecisionRow = Awaited<ReturnType<typeof decisionsOf>>[number];

export async function replaceDecisions(
  db: Db,
  meetingId: number,
  rows: Omit<Insertable<MeetingDecisionTable>, 'meeting_id' | 'seq'>[],
) {
  await db.deleteFrom('meeting_decision').where('meeting_id', '=', meetingId).execute();
  if (rows.length) {
    await db
      .insertInto('meeting_decision')
      .values(rows.map((r, i) => ({ ...r, meeting_id: meetingId, seq: i + 1 })))
      .execute();
  }
}

/** Units by id with their names and regions (invitees and decision owners must exist). */
export function unitsByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'region_code', 'kind', 'enabled'])
    .where('id', 'in', ids)
    .execute();
}

export function updateDiscussion(db: Db, topicId: number, discussion: string) {
  return db.updateTable('meeting_topic').set({ discussion }).where('id', '=', topicId).execute();
}

/** Issued minutes matching any of the words (jieba tokens), best first: precedents for triage. */
export function similarMinutes(
  db: Db,
  reader: MeetingReader,
  words: string[],
  exceptRequestId: number,
  limit: number,
) {
  const query = words.join(' | ');
  return db
    .selectFrom('meeting as m')
    .innerJoin('document as d', 'd.id', 'm.minutes_document_id')
    .select([
      'm.id',
      'm.title',
      'm.starts_at',
      'd.number as minutes_number',
      sql<number>`ts_rank(m.search, to_tsquery('simple', ${query}))`.as('rank'),
    ])
    .where('m.state', '=', 'minutes_issued')
    .where((eb) => eb.or([eb('m.request_id', 'is', null), eb('m.request_id', '!=', exceptRequestId)]))
    .where(sql<SqlBool>`m.search @@ to_tsquery('simple', ${query})`)
    .where((eb) => visible(eb, reader))
    .orderBy('rank', 'desc')
    .orderBy('m.id', 'desc')
    .limit(limit)
    .execute();
}

// --- topic proposals ------------------------------------------------------------------------------

export function proposalsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('meeting_topic_proposal as p')
    .innerJoin('unit as u', 'u.id', 'p.unit_id')
    .innerJoin('app_user as a', 'a.id', 'p.proposed_by')
    .select([
      'p.id',
      'p.unit_id',
      'u.name as unit_name',
      'p.title',
      'p.reason',
      'p.state',
      'a.display_name as proposed_by_name',
      'p.proposed_at',
      'p.decline_reason',
    ])
    .where('p.meeting_id', '=', meetingId)
    .orderBy('p.id')
    .execute();
}
export type ProposalRow = Awaited<ReturnType<typeof proposalsOf>>[number];

export async function insertProposal(
  db: Db,
  row: { meeting_id: number; unit_id: number; title: string; reason: string; proposed_by: number },
) {
  const r = await db
    .insertInto('meeting_topic_proposal')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Decides a waiting proposal of the meeting; false when there is none with that id. */
export async function decideProposal(
  db: Db,
  meetingId: number,
  id: number,
  set: { state: 'accepted' | 'declined'; decided_by: number; decline_reason: string | null },
) {
  const r = await db
    .updateTable('meeting_topic_proposal')
    .set({ ...set, decided_at: sql`now()` })
    .where('id', '=', id)
    .where('meeting_id', '=', meetingId)
    .where('state', '=', 'proposed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// --- materials ------------------------------------------------------------------------------------

export function materialsOf(db: Db, meetingId: number) {
  return db
    .selectFrom('meeting_material')
    .select(['id', 'file_name', 'content_type', 'size', 'blob_hash', 'created_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('id')
    .execute();
}

export async function insertMaterial(
  db: Db,
  row: {
    meeting_id: number;
    file_name: string;
    blob_hash: string;
    content_type: string;
    size: number;
    uploaded_by: number;
  },
) {
  const r = await db.insertInto('meeting_material').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function deleteMaterial(db: Db, meetingId: number, id: number) {
  const r = await db
    .deleteFrom('meeting_material')
    .where('id', '=', id)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

// --- receipts of issued minutes -------------------------------------------------------------------

export function receiptsOf(db: Db, documentId: number | null) {
  if (documentId === null) return Promise.resolve([]);
  return db
    .selectFrom('meeting_minutes_receipt as r')
    .innerJoin('unit as u', 'u.id', 'r.unit_id')
    .leftJoin('app_user as a', 'a.id', 'r.received_by')
    .select([
      'r.id',
      'r.unit_id',
      'u.name as unit_name',
      'u.region_code as unit_region',
      'r.received_at',
      'a.display_name as received_by_name',
      'r.reminded_at',
    ])
    .where('r.document_id', '=', documentId)
    .orderBy('r.id')
    .execute();
}
export type ReceiptRow = Awaited<ReturnType<typeof receiptsOf>>[number];

export async function insertReceipts(db: Db, meetingId: number, documentId: number, unitIds: number[]) {
  if (!unitIds.length) return;
  await db
    .insertInto('meeting_minutes_receipt')
    .values(unitIds.map((unit_id) => ({ meeting_id: meetingId, document_id: documentId, unit_id })))
    .execute();
}

export function markReceived(db: Db, receiptId: number, userId: number) {
  return db
    .updateTable('meeting_minutes_receipt')
    .set({ received_at: sql`now()`, received_by: userId })
    .where('id', '=', receiptId)
    .where('received_at', 'is', null)
    .execute();
}

export function markReceiptsReminded(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve();
  return db
    .updateTable('meeting_minutes_receipt')
    .set({ reminded_at: sql`now()` })
    .where('id', 'in', ids)
    .execute()
    .then(() => undefined);
}
