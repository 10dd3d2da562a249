import { type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { containing, type PageRequest, readPage } from '../../db/paging.ts';
import type { DB, SupervisionItemTable } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

// The supervision tracker's SQL: items seen through the owner unit's scope, their reports and
// evidence files, urgings and extension requests.

function visible(eb: ExpressionBuilder<DB & { s: SupervisionItemTable }, 's'>, scope: UnitScope) {
  return inScope(eb, scope, { unit: 's.owner_unit_id' });
}

const columns = [
  's.id',
  's.region_code',
  's.source',
  's.source_id',
  's.source_title',
  's.source_link',
  's.owner_unit_id',
  'u.name as owner_name',
  'u.region_code as owner_region',
  's.co_owner_unit_ids',
  's.responsible_person',
  's.content',
  's.deadline_id',
  's.status',
  's.urged_count',
  's.last_urged_at',
  's.reported_at',
  's.confirmed_at',
  's.cancel_reason',
  's.return_reason',
  's.version',
  's.created_at',
  'd.due_date',
  'd.yellow_from',
  'd.limit_days',
] as const;

function base(db: Db) {
  return db
    .selectFrom('supervision_item as s')
    .innerJoin('unit as u', 'u.id', 's.owner_unit_id')
    .leftJoin('deadline as d', 'd.id', 's.deadline_id')
    .select(columns);
}

export function findItem(db: Db, scope: UnitScope, id: number) {
  return base(db)
    .where('s.id', '=', id)
    .where((eb) => visible(eb, scope))
    .executeTakeFirst();
}
export type ItemRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

export function lockItem(db: Db, id: number) {
  return db.selectFrom('supervision_item').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface ItemFilter {
  status?: 'open' | 'reported' | 'done' | 'cancelled' | 'overdue';
  source?: string;
  ownerUnitId?: number;
  warning?: 'green' | 'yellow' | 'red';
  q?: string;
  today: string;
}

/** The tracker in the reader's scope: by due date (the most urgent first), numbered pages. */
export function listItems(db: Db, scope: UnitScope, f: ItemFilter, p: PageRequest) {
  let q = base(db).where((eb) => visible(eb, scope));
  if (f.status === 'overdue') q = q.where('s.status', '=', 'open').where('d.due_date', '<', f.today);
  else if (f.status) q = q.where('s.status', '=', f.status);
  if (f.source) q = q.where('s.source', '=', f.source as never);
  if (f.ownerUnitId) q = q.where('s.owner_unit_id', '=', f.ownerUnitId);
  if (f.q) q = q.where('s.content', 'like', containing(f.q));
  if (f.warning) {
    const open = sql<SqlBool>`s.status in ('open', 'reported')`;
    q = q.where(open);
    if (f.warning === 'red') q = q.where('d.due_date', '<', f.today);
    if (f.warning === 'yellow') {
      q = q.where('d.due_date', '>=', f.today).where('d.yellow_from', '<=', f.today);
    }
    if (f.warning === 'green') {
      q = q
        .where('d.due_date', '>=', f.today)
        .where((eb) => eb.or([eb('d.yellow_from', 'is', null), eb('d.yellow_from', '>', f.today)]));
    }
  }
  return readPage(db, q, p, (q) =>
    q
      .orderBy(sql`case when s.status in ('open', 'reported') then 0 else 1 end`)
      .orderBy(sql`d.due_date nulls last`)
      .orderBy('s.id'),
  );
}

export async function insertItem(db: Db, row: Insertable<SupervisionItemTable>) {
  const r = await db.insertInto('supervision_item').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function updateItem(
  db: Db,
  id: number,
  version: number | null,
  set: Partial<Insertable<SupervisionItemTable>>,
) {
  let q = db
    .updateTable('supervision_item')
    .set({ ...set, version: sql`version + 1` })
    .where('id', '=', id);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function countUrging(db: Db, id: number) {
  return db
    .updateTable('supervision_item')
    .set({ urged_count: sql`urged_count + 1`, last_urged_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

// --- reports and evidence -----------------------------------------------------------------------

export function reportsOf(db: Db, itemId: number) {
  return db
    .selectFrom('supervision_report as r')
    .innerJoin('app_user as a', 'a.id', 'r.reported_by')
    .select(['r.id', 'r.kind', 'r.note', 'r.next_work', 'a.display_name as reported_by_name', 'r.created_at'])
    .where('r.item_id', '=', itemId)
    .orderBy('r.id')
    .execute();
}

export async function insertReport(
  db: Db,
  row: { item_id: number; kind: 'progress' | 'done'; note: string; next_work: string; reported_by: number },
) {
  const r = await db.insertInto('supervision_report').values(row).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function insertFile(
  db: Db,
  row: { file_name: string; blob_hash: string; content_type: string; size: number; uploaded_by: number },
) {
  return db
    .insertInto('supervision_file')
    .values(row)
    .returning(['id', 'file_name', 'content_type', 'size'])
    .executeTakeFirstOrThrow();
}

/** Attaches the uploader's own unattached files to a report; returns how many were attached. */
export async function attachFiles(db: Db, userId: number, fileIds: number[], reportId: number) {
  if (!fileIds.length) return 0;
  const r = await db
    .updateTable('supervision_file')
    .set({ report_id: reportId })
    .where('id', 'in', fileIds)
    .where('uploaded_by', '=', userId)
    .where('report_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function filesOf(db: Db, itemId: number) {
  return db
    .selectFrom('supervision_file as f')
    .innerJoin('supervision_report as r', 'r.id', 'f.report_id')
    .select(['f.id', 'f.report_id', 'f.file_name', 'f.content_type', 'f.size', 'f.blob_hash'])
    .where('r.item_id', '=', itemId)
    .orderBy('f.id')
    .execute();
}

// --- urgings and extensions ----------------------------------------------------------------------

export function urgingsOf(db: Db, itemId: number) {
  return db
    .selectFrom('supervision_urging as g')
    .leftJoin('app_user as a', 'a.id', 'g.urged_by')
    .select(['g.id', 'g.rule', 'g.warning', 'g.note', 'a.display_name as urged_by_name', 'g.created_at'])
    .where('g.item_id', '=', itemId)
    .orderBy('g.id')
    .execute();
}

export function insertUrging(
  db: Db,
  row: {
    item_id: number;
    rule: 'manual' | 'before_due' | 'on_due' | 'overdue';
    warning: 'green' | 'yellow' | 'red';
    note: string;
    due_date: string | null;
    urged_by: number | null;
  },
) {
  return db.insertInto('supervision_urging').values(row).execute();
}

export function extensionsOf(db: Db, itemId: number) {
  return db
    .selectFrom('supervision_extension as e')
    .innerJoin('app_user as a', 'a.id', 'e.requested_by')
    .select([
      'e.id',
      'e.days',
      'e.reason',
      'e.state',
      'a.display_name as requested_by_name',
      'e.requested_at',
      'e.decided_at',
      'e.refuse_reason',
    ])
    .where('e.item_id', '=', itemId)
    .orderBy('e.id')
    .execute();
}

export function insertExtension(
  db: Db,
  row: { item_id: number; days: number; reason: string; requested_by: number },
) {
  return db.insertInto('supervision_extension').values(row).execute();
}

export function decideExtension(
  db: Db,
  id: number,
  set: { state: 'granted' | 'refused'; decided_by: number; refuse_reason: string | null },
) {
  return db
    .updateTable('supervision_extension')
    .set({ ...set, decided_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .execute();
}

// --- the minute sweep ---------------------------------------------------------------------------------

/**
 * Open items the system reminds today, each once per rule and due date: from the first yellow day
 * (before_due), on the due date (on_due), and once past it (overdue).
 */
export function itemsToRemind(db: Db, today: string) {
  const rule = sql<'before_due' | 'on_due' | 'overdue'>`case
    when d.due_date < ${today}::date then 'overdue'
    when d.due_date = ${today}::date then 'on_due'
    else 'before_due' end`;
  return db
    .selectFrom('supervision_item as s')
    .innerJoin('deadline as d', 'd.id', 's.deadline_id')
    .select(['s.id', 'd.due_date', rule.as('rule')])
    .where('s.status', '=', 'open')
    .where('d.status', '=', 'open')
    .where((eb) => eb.or([eb('d.yellow_from', '<=', today), eb('d.due_date', '<=', today)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('supervision_urging as g')
            .select('g.id')
            .whereRef('g.item_id', '=', 's.id')
            .whereRef('g.due_date', '=', 'd.due_date')
            .where(sql<SqlBool>`g.rule = ${rule}`),
        ),
      ),
    )
    .orderBy('s.id')
    .limit(500)
    .execute();
}
