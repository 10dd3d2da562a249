import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { WARNING_LABELS } from '../../../lib/warning.ts';
import type { Db } from '../../db/client.ts';
import type { DeadlineKind } from '../../db/types.ts';
import type { UnitScope } from '../access/scope.ts';
import {
  type CalendarSource,
  computeDeadline,
  DAY_UNIT_WORDS,
  type DayUnit,
  type DeadlineResult,
  type Extension,
  type Suspension,
} from '../calendar/engine.ts';
import { type CalendarCache, loadCalendar } from '../calendar/store.ts';
import { type ExternalChannel, notify, unitUserIds } from '../notify/notify.ts';
import {
  changesOf,
  closeOpenSuspension,
  countOpen,
  type DeadlineFilter,
  extensionsOf,
  findDeadline,
  insertChanges,
  insertDeadline,
  insertExtension,
  insertSuspension,
  listDeadlines,
  lockDeadline,
  openDeadlinesPage,
  type StoredDates,
  setStatus,
  suspensionsOf,
  updateDates,
  warnableDeadlines,
} from './deadline.repo.ts';

/** Scoped reads for modules (the repository stays private to this folder). */
export { countOpen as countOpenDeadlines, type DeadlineFilter, findDeadline, listDeadlines };

// A reusable time limit in working days (DOMAIN.md): domain modules create one per case,
// consultation, commitment …; its dates are derived from the calendar and its suspensions.

export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  legal: '法定时限',
  promised: '承诺时限',
  reply: '答复时限',
  commitment: '承诺事项',
  decision: '议定事项',
  claim: '认领时限',
  target: '目标时限',
};

export const today = (zone = 'Asia/Shanghai') => todayIn(zone);

type Row = Awaited<ReturnType<typeof lockDeadline>>;
type SuspensionRow = Awaited<ReturnType<typeof suspensionsOf>>[number];

const toSuspension = (s: SuspensionRow): Suspension => ({
  kind: s.kind,
  from: s.from_date,
  to: s.to_date,
  reason: s.reason,
});

type ExtensionRow = Awaited<ReturnType<typeof extensionsOf>>[number];
const toExtension = (e: ExtensionRow): Extension => ({ days: e.days, reason: e.reason });

/** The suspensions and extensions of one deadline, as the calendar engine takes them. */
async function procedures(db: Db, id: number) {
  return { suspensions: await suspensionsOf(db, [id]), extensions: await extensionsOf(db, [id]) };
}

function compute(
  cal: CalendarSource,
  row: Pick<Row, 'start_date' | 'limit_days' | 'day_unit' | 'yellow_override'>,
  suspensions: Suspension[],
  on: IsoDate,
  extensions: Extension[] = [],
) {
  return computeDeadline(cal, {
    start: row.start_date,
    limitDays: row.limit_days,
    unit: row.day_unit,
    suspensions,
    extensions,
    yellowOverride: row.yellow_override,
    // A deadline may be created for a start day after today (rare); compute as of its start.
    today: on < row.start_date ? row.start_date : on,
  });
}

const stored = (id: number, r: DeadlineResult): StoredDates => ({
  id,
  due_date: r.dueDate,
  yellow_from: r.yellowFrom,
  provisional: r.provisional,
});

export interface NewDeadline {
  subjectType: string;
  subjectId: string;
  kind: DeadlineKind;
  title: string;
  regionCode: string;
  unitId: number;
  ownerUserId?: number | null;
  startDate: IsoDate;
  limitDays: number;
  /** 自然日 limits count every day (R-CAT-1); working days otherwise. */
  unit?: DayUnit;
  yellowOverride?: number | null;
}

type Limit = Pick<NewDeadline, 'regionCode' | 'startDate' | 'limitDays' | 'unit' | 'yellowOverride'>;

async function computeNew(db: Db, input: Limit, on: IsoDate) {
  const { calendar, revision } = await loadCalendar(db, input.regionCode);
  const r = compute(
    calendar,
    {
      start_date: input.startDate,
      limit_days: input.limitDays,
      day_unit: input.unit ?? 'working',
      yellow_override: input.yellowOverride ?? null,
    },
    [],
    on,
  );
  return { r, revision };
}

/** The due date a new deadline would get, without writing it (for checks before the change). */
export async function dueDateOf(db: Db, input: Limit, on: IsoDate = today()): Promise<IsoDate> {
  return (await computeNew(db, input, on)).r.dueDate!;
}

/** Creates a deadline with the caller's executor (inside the transaction of the change). */
export async function createDeadline(db: Db, input: NewDeadline, on: IsoDate = today()) {
  const { r, revision } = await computeNew(db, input, on);
  return insertDeadline(db, {
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    kind: input.kind,
    title: input.title,
    region_code: input.regionCode,
    unit_id: input.unitId,
    owner_user_id: input.ownerUserId ?? null,
    start_date: input.startDate,
    limit_days: input.limitDays,
    day_unit: input.unit ?? 'working',
    yellow_override: input.yellowOverride ?? null,
    due_date: r.dueDate,
    yellow_from: r.yellowFrom,
    provisional: r.provisional,
    calendar_revision: revision,
  });
}

/** A deadline in the reader's scope with its ledger explained line by line. */
export async function explainDeadline(
  db: Db,
  scope: UnitScope,
  id: number,
  cache: CalendarCache,
  on: IsoDate = today(),
) {
  const row = await findDeadline(db, scope, id);
  if (!row) return undefined;
  const { suspensions, extensions } = await procedures(db, row.id);
  const { calendar } = await cache.get(db, row.region_code);
  const result = compute(calendar, row, suspensions.map(toSuspension), on, extensions.map(toExtension));
  return { row, suspensions, extensions, result, changes: await changesOf(db, row.id) };
}

/** Recomputes one deadline after its suspensions changed; logs a due-date change. */
async function recomputeOne(db: Db, row: Row, reason: string, on: IsoDate) {
  const { calendar, revision } = await loadCalendar(db, row.region_code);
  const { suspensions, extensions } = await procedures(db, row.id);
  const r = compute(calendar, row, suspensions.map(toSuspension), on, extensions.map(toExtension));
  await updateDates(db, [stored(row.id, r)], revision);
  if (r.dueDate !== row.due_date || r.provisional !== row.provisional) {
    await insertChanges(db, [
      {
        deadline_id: row.id,
        old_due: row.due_date,
        new_due: r.dueDate,
        old_provisional: row.provisional,
        new_provisional: r.provisional,
        reason,
        calendar_revision: revision,
      },
    ]);
  }
  return r;
}

/** Stops the clock (特别程序) from `from`; the caller has checked access with a scoped read. */
export async function suspendDeadline(
  db: Db,
  id: number,
  s: { kind: string; from: IsoDate; reason: string; by: number | null },
  on: IsoDate = today(),
) {
  const row = await lockDeadline(db, id);
  await insertSuspension(db, {
    deadline_id: id,
    kind: s.kind,
    from_date: s.from,
    reason: s.reason,
    created_by: s.by,
  });
  return recomputeOne(db, row, `挂起：${s.reason}`, on);
}

/** Adds approved days, in the deadline's unit, to the limit (延长审批): the clock keeps running. */
export async function extendDeadline(
  db: Db,
  id: number,
  e: { days: number; reason: string; by: number | null },
  on: IsoDate = today(),
) {
  const row = await lockDeadline(db, id);
  await insertExtension(db, { deadline_id: id, days: e.days, reason: e.reason, created_by: e.by });
  return recomputeOne(db, row, `延长审批 ${e.days} ${DAY_UNIT_WORDS[row.day_unit]}：${e.reason}`, on);
}

/** Restarts the clock: counting resumes on the first working day after `to`. */
export async function resumeDeadline(
  db: Db,
  id: number,
  to: IsoDate,
  on: IsoDate = today(),
): Promise<DeadlineResult | undefined> {
  const row = await lockDeadline(db, id);
  if (!(await closeOpenSuspension(db, id, to))) return undefined;
  return recomputeOne(db, row, `恢复计时：${to}`, on);
}

export async function closeDeadline(db: Db, id: number, status: 'done' | 'cancelled', on: IsoDate = today()) {
  await setStatus(db, id, status, on);
}

export interface RecomputeChange {
  id: number;
  title: string;
  unitId: number;
  ownerUserId: number | null;
  oldDue: string | null;
  newDue: string | null;
  oldProvisional: boolean;
  newProvisional: boolean;
}

/**
 * Recomputes every open deadline of the given regions (null: all) with the caller's executor, so
 * a calendar change and its consequences commit together; logs and returns the changes.
 */
export async function recomputeOpenDeadlines(
  db: Db,
  regionCodes: string[] | null,
  reason: string,
  opts: { on?: IsoDate; onProgress?: (done: number) => void; batch?: number } = {},
): Promise<RecomputeChange[]> {
  const on = opts.on ?? today();
  const calendars = new Map<string, { calendar: CalendarSource; revision: number }>();
  const changes: RecomputeChange[] = [];
  let after = 0;
  let done = 0;
  for (;;) {
    const rows = await openDeadlinesPage(db, regionCodes, after, opts.batch ?? 2000);
    if (!rows.length) break;
    const ids = rows.map((r) => r.id);
    const suspensions = await suspensionsOf(db, ids);
    const extensions = await extensionsOf(db, ids);
    const updates: StoredDates[] = [];
    const logs: Parameters<typeof insertChanges>[1] = [];
    let revision = 0;
    for (const row of rows) {
      let cal = calendars.get(row.region_code);
      if (!cal) {
        cal = await loadCalendar(db, row.region_code);
        calendars.set(row.region_code, cal);
      }
      revision = cal.revision;
      const own = suspensions.filter((s) => s.deadline_id === row.id).map(toSuspension);
      const added = extensions.filter((e) => e.deadline_id === row.id).map(toExtension);
      const r = compute(cal.calendar, row, own, on, added);
      if (r.dueDate === row.due_date && r.yellowFrom === row.yellow_from && r.provisional === row.provisional)
        continue;
      updates.push(stored(row.id, r));
      if (r.dueDate !== row.due_date || r.provisional !== row.provisional) {
        logs.push({
          deadline_id: row.id,
          old_due: row.due_date,
          new_due: r.dueDate,
          old_provisional: row.provisional,
          new_provisional: r.provisional,
          reason,
          calendar_revision: cal.revision,
        });
        changes.push({
          id: row.id,
          title: row.title,
          unitId: row.unit_id,
          ownerUserId: row.owner_user_id,
          oldDue: row.due_date,
          newDue: r.dueDate,
          oldProvisional: row.provisional,
          newProvisional: r.provisional,
        });
      }
    }
    await updateDates(db, updates, revision);
    await insertChanges(db, logs);
    after = rows.at(-1)!.id;
    done += rows.length;
    opts.onProgress?.(done);
  }
  return changes;
}

/** Tells each affected owner (or the owning unit) that a due date moved. */
export async function notifyChanges(
  db: Db,
  changes: RecomputeChange[],
  why: string,
  channels: readonly ExternalChannel[] = [],
) {
  for (const c of changes) {
    const users = c.ownerUserId ? [c.ownerUserId] : await unitUserIds(db, c.unitId);
    await notify(
      db,
      {
        userIds: users,
        kind: 'deadline.changed',
        title: `办理时限调整：${c.title}`,
        body: `截止日由 ${c.oldDue ?? '（暂停计时）'} 调整为 ${c.newDue ?? '（暂停计时）'}${c.newProvisional ? '（暂定）' : ''}。原因：${why}`,
        link: `/deadlines/${c.id}`,
      },
      channels,
    );
  }
}

/**
 * The warning sweep: every open deadline that is yellow or red today notifies its owner once per
 * level and due date (the unique key makes re-runs write nothing). A missed run heals on the next.
 */
export async function sweepDeadlines(
  db: Db,
  on: IsoDate = today(),
  channels: readonly ExternalChannel[] = [],
) {
  let after = 0;
  let created = 0;
  for (;;) {
    const rows = await warnableDeadlines(db, on, after, 1000);
    if (!rows.length) break;
    for (const d of rows) {
      const users = d.owner_user_id ? [Number(d.owner_user_id)] : await unitUserIds(db, Number(d.unit_id));
      created += await notify(
        db,
        {
          userIds: users,
          kind: `deadline.${d.level}`,
          title: `【${WARNING_LABELS[d.level]}】${d.title}`,
          body:
            d.level === 'red'
              ? `已超过截止日 ${d.due_date}，请立即办理。`
              : `截止日 ${d.due_date ?? '暂停计时中'}，请抓紧办理。`,
          link: `/deadlines/${d.id}`,
          dedupeKey: `deadline:${d.id}:${d.level}:${d.due_date ?? 'paused'}`,
        },
        channels,
      );
    }
    after = Number(rows.at(-1)!.id);
  }
  return created;
}
