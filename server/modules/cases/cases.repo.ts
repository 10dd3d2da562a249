import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type SqlBool,
  sql,
  type Updateable,
} from 'kysely';
import { NOT_WAITING_STATES } from '../../../lib/case-machine.ts';
import { type WarningLevel, warningLevelSql } from '../../../lib/warning.ts';
import type { Db } from '../../db/client.ts';
import { containing, countCapped, offsetOf, type PageRequest, withTotal } from '../../db/paging.ts';
import type {
  BundleCaseTable,
  CaseMaterialTable,
  CaseSpecialProcedureTable,
  CaseState,
  CaseStepTable,
  DB,
  ServiceCaseTable,
  StoredMaterialTable,
} from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

// The warning level comes from lib/warning.ts (the one rule), over a one-row `t.today`.
const LEVEL = sql.raw(warningLevelSql('t.today', 'dl.due_date', 'dl.yellow_from'));
const withToday = (today: string) => sql<{ today: string }>`(select ${today}::date as today)`.as('t');

/** The next case number of a region and day: 330402-20261126-0001 (gap-free per day). */
export async function nextCaseNumber(db: Db, regionCode: string, day: string): Promise<string> {
  const r = await sql<{ last_number: number }>`
    insert into case_counter (region_code, day, last_number) values (${regionCode}, ${day}, 1)
    on conflict (region_code, day) do update set last_number = case_counter.last_number + 1
    returning last_number`.execute(db);
  return `${regionCode}-${day.replaceAll('-', '')}-${String(r.rows[0]!.last_number).padStart(4, '0')}`;
}

/** Inserts a case with its search words: jieba tokens in the tsvector, the raw text for fragments. */
export function insertCase(db: Db, tokens: string[], row: Insertable<ServiceCaseTable>) {
  return db
    .insertInto('service_case')
    .values({ ...row, search: sql`to_tsvector('simple', ${tokens.join(' ')})` })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

export async function insertCaseMaterials(db: Db, rows: Insertable<CaseMaterialTable>[]) {
  if (rows.length) await db.insertInto('case_material').values(rows).execute();
}

export async function insertStep(db: Db, row: Insertable<CaseStepTable>) {
  await db.insertInto('case_step').values(row).execute();
}

/** What a list row shows (CaseSummary): lists read no more than they print. */
const summaryColumns = [
  'c.id',
  'c.number',
  'c.department_id',
  'd.name as department_name',
  'v.name as item_name',
  'v.approval_levels',
  'c.bundle_case_id',
  'c.channel',
  'c.state',
  'c.applicant_name',
  'c.project_name',
  'c.submitted_at',
  'c.acceptance_number',
  'c.deadline_id',
  'c.promised_due',
  'c.review_level',
  'c.suspended',
  'c.version',
  'dl.due_date',
  'dl.status as deadline_status',
] as const;

const detailColumns = [
  ...summaryColumns,
  'c.region_code',
  'c.item_id',
  'c.item_version_id',
  'v.kind as item_kind',
  'v.promised_days',
  'v.promised_unit',
  'v.suspension_kinds',
  'c.enterprise_id',
  'c.applicant_id_type',
  'c.applicant_id_number',
  'c.contact_name',
  'c.contact_phone',
  'c.project_code',
  'c.form',
  'c.accepted_at',
  'c.extended_days',
  'c.decision_reason',
  'c.decided_at',
  'c.result_name',
  'c.result_number',
  'c.delivery_method',
  'c.delivered_at',
  'c.archived_at',
  'c.agent_id',
  'c.updated_at',
  'dl.yellow_from',
] as const;

function baseQuery<C extends typeof summaryColumns | typeof detailColumns>(
  db: Db,
  today: string,
  columns: C,
) {
  return db
    .selectFrom('service_case as c')
    .innerJoin('service_item_version as v', 'v.id', 'c.item_version_id')
    .innerJoin('unit as d', 'd.id', 'c.department_id')
    .leftJoin('deadline as dl', 'dl.id', 'c.deadline_id')
    .innerJoin(withToday(today), (j) => j.onTrue())
    .select(columns)
    .select(sql<WarningLevel | null>`case when dl.status = 'open' then ${LEVEL} end`.as('warning_level'));
}

/** Who may see a case: staff through the scope of case:read, an enterprise its own cases. */
export type CaseReader = { kind: 'staff'; scope: UnitScope } | { kind: 'enterprise'; enterpriseId: number };

function scoped(db: Db, reader: CaseReader, today: string) {
  return baseQuery(db, today, detailColumns).where(matching(reader, {}));
}

export function findCase(db: Db, reader: CaseReader, id: number, today: string) {
  return scoped(db, reader, today)
    .select((eb) =>
      eb
        .selectFrom('app_user as ag')
        .select('ag.display_name')
        .whereRef('ag.id', '=', 'c.agent_id')
        .as('agent_name'),
    )
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

export interface CaseFilter {
  states?: CaseState[];
  departmentId?: number;
  bundleCaseId?: number;
  q?: string;
  /** Department queue: red first, then yellow, then by due date. */
  order?: 'queue' | 'recent';
  submittedOn?: string;
  /** Cases still waiting for a tolerated material (容缺承诺未补齐). */
  openCommitments?: boolean;
  /** Keyset cursor of the lists in id order (not the queue or the commitments). */
  after?: number;
}

export async function listCases(db: Db, reader: CaseReader, f: CaseFilter, today: string, p: PageRequest) {
  const rows = await casesQuery(db, reader, f, today, p).execute();
  return withTotal(rows, p, !!f.after, () => countCapped(db, caseCountBase(db, reader, f, today)));
}

/** The rows a case list counts: the scope and filter over the case table alone, no joins. */
export function caseCountBase(db: Db, reader: CaseReader, f: CaseFilter, today: string) {
  return db
    .selectFrom('service_case as c')
    .innerJoin(withToday(today), (j) => j.onTrue())
    .select('c.id')
    .where(matching(reader, f));
}

// The queue's order: the warning level from the case's mirrored deadline dates, then due date.
const CASE_LEVEL = sql.raw(warningLevelSql('t.today', 'c.promised_due', 'c.yellow_from'));
const QUEUE_RANK = sql`case ${CASE_LEVEL} when 'red' then 0 when 'yellow' then 1 else 2 end`;

type CaseWhere = ExpressionBuilder<DB & { c: ServiceCaseTable }, 'c'>;

/** The reader's scope and the filter as one predicate over `c`. */
function matching(reader: CaseReader, f: CaseFilter) {
  return (eb: CaseWhere) => {
    const parts: Expression<SqlBool>[] = [
      reader.kind === 'enterprise'
        ? eb('c.enterprise_id', '=', reader.enterpriseId)
        : // An agent (scope `self`) sees the cases it represents.
          inScope(eb, reader.scope, { unit: 'c.department_id', owner: 'c.agent_id' }),
    ];
    if (f.states?.length) parts.push(eb('c.state', 'in', f.states));
    if (f.departmentId) parts.push(eb('c.department_id', '=', f.departmentId));
    if (f.bundleCaseId) parts.push(eb('c.bundle_case_id', '=', f.bundleCaseId));
    if (f.openCommitments) {
      parts.push(eb('c.state', 'not in', NOT_WAITING_STATES));
      parts.push(
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('case_material as cm')
            .select('cm.case_id')
            .where('cm.status', '=', 'tolerated')
            .where('cm.fulfilled_at', 'is', null),
        ),
      );
    }
    if (f.submittedOn) {
      parts.push(sql<SqlBool>`(c.submitted_at at time zone 'Asia/Shanghai')::date = ${f.submittedOn}::date`);
    }
    if (f.q) {
      const words = f.q.trim();
      // Whole words through the jieba tokens; fragments (a few characters of a name) by trigram.
      parts.push(
        eb.or([
          sql<SqlBool>`c.search @@ plainto_tsquery('simple', ${words})`,
          sql<SqlBool>`c.search_text like ${containing(words)}`,
          eb('c.number', '=', words),
        ]),
      );
    }
    return eb.and(parts);
  };
}

/** The list query itself (the benchmark runs the very same SQL raw beside the API). */
export function casesQuery(db: Db, reader: CaseReader, f: CaseFilter, today: string, p: PageRequest) {
  const where = matching(reader, f);
  const offset = offsetOf(p);
  if (f.order === 'queue') {
    // The page's ids come from the queue index alone (rank, due date, id); then their full rows.
    // Keyset over a rank that changes with the day is awkward: the queue pages by number only.
    const page = db
      .selectFrom('service_case as c')
      .innerJoin(withToday(today), (j) => j.onTrue())
      .select('c.id')
      .where(where)
      .orderBy(QUEUE_RANK)
      .orderBy(sql`c.promised_due nulls last`)
      .orderBy('c.id')
      .limit(p.limit)
      .offset(offset);
    return baseQuery(db, today, summaryColumns)
      .where('c.id', 'in', page)
      .orderBy(QUEUE_RANK)
      .orderBy(sql`c.promised_due nulls last`)
      .orderBy('c.id');
  }
  if (f.openCommitments) {
    // The nearest committed date first (the applicant to call today); pages by number, like the queue.
    return baseQuery(db, today, summaryColumns)
      .select(
        sql<string>`(select min(cm.committed_date) from case_material cm
          where cm.case_id = c.id and cm.status = 'tolerated' and cm.fulfilled_at is null)`.as(
          'commitment_due',
        ),
      )
      .where(where)
      .orderBy(sql`commitment_due`)
      .orderBy('c.id')
      .limit(p.limit)
      .offset(offset);
  }
  let q = baseQuery(db, today, summaryColumns)
    .where(where)
    .orderBy('c.id', 'desc')
    .limit(p.limit)
    .offset(offset);
  if (f.after) q = q.where('c.id', '<', f.after);
  return q;
}

/** Red and yellow counts of open cases in the reader's scope (the center's board). */
export async function caseCounts(db: Db, scope: UnitScope, today: string) {
  const r = await db
    .selectFrom('service_case as c')
    .leftJoin('deadline as dl', 'dl.id', 'c.deadline_id')
    .innerJoin('unit as d', 'd.id', 'c.department_id')
    .innerJoin(withToday(today), (j) => j.onTrue())
    .select((eb) => [
      'c.department_id',
      'd.name as department_name',
      eb.fn.countAll<number>().as('open'),
      sql<number>`count(*) filter (where ${LEVEL} = 'red')`.as('red'),
      sql<number>`count(*) filter (where ${LEVEL} = 'yellow')`.as('yellow'),
    ])
    .where('c.state', 'in', ['accepted', 'tolerantly_accepted', 'in_review'])
    .where((eb) => inScope(eb, scope, { unit: 'c.department_id' }))
    .groupBy(['c.department_id', 'd.name'])
    .orderBy('c.department_id')
    .execute();
  return r.map((x) => ({ ...x, open: Number(x.open), red: Number(x.red), yellow: Number(x.yellow) }));
}

/** Locks a case row for the rest of the transaction: every action on the case queues here. */
export async function lockCase(db: Db, id: number): Promise<void> {
  await db.selectFrom('service_case').select('id').where('id', '=', id).forUpdate().execute();
}

export function updateCase(db: Db, id: number, version: number, set: Updateable<ServiceCaseTable>) {
  return db
    .updateTable('service_case')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

export function caseMaterials(db: Db, caseId: number) {
  return db
    .selectFrom('case_material as cm')
    .innerJoin('item_material as m', 'm.id', 'cm.material_id')
    .leftJoin('stored_material as s', 's.id', 'cm.stored_material_id')
    .select([
      'cm.id',
      'cm.material_id',
      'cm.status',
      'cm.stored_material_id',
      'cm.committed_date',
      'cm.commitment_text',
      'cm.commitment_signed_at',
      'cm.fulfilled_at',
      'cm.breached_at',
      'm.name',
      'm.shared_key',
      'm.required',
      'm.tolerable',
      'm.requirement',
      's.file_name',
      's.trust_grade',
      's.source',
    ])
    .where('cm.case_id', '=', caseId)
    .orderBy('m.seq')
    .execute();
}

export function updateCaseMaterial(db: Db, id: number, set: Updateable<CaseMaterialTable>) {
  return db.updateTable('case_material').set(set).where('id', '=', id).execute();
}

export function stepsOf(db: Db, caseId: number) {
  return db
    .selectFrom('case_step as s')
    .leftJoin('app_user as u', 'u.id', 's.actor_user_id')
    .leftJoin('unit as un', 'un.id', 's.unit_id')
    .select([
      's.id',
      's.name',
      's.event',
      's.action',
      's.from_state',
      's.to_state',
      's.level',
      's.opinion',
      's.at',
      'u.display_name as actor_name',
      'un.name as unit_name',
    ])
    .where('s.case_id', '=', caseId)
    .orderBy('s.id')
    .execute();
}

export function specialProceduresOf(db: Db, caseId: number) {
  return db
    .selectFrom('case_special_procedure')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

export function insertSpecialProcedure(db: Db, row: Insertable<CaseSpecialProcedureTable>) {
  return db.insertInto('case_special_procedure').values(row).returning('id').executeTakeFirstOrThrow();
}

export function endSpecialProcedure(
  db: Db,
  caseId: number,
  set: { ended_on: string; result: string | null; opinion: string | null },
) {
  return db
    .updateTable('case_special_procedure')
    .set(set)
    .where('case_id', '=', caseId)
    .where('ended_on', 'is', null)
    .returning(['id', 'kind'])
    .executeTakeFirst();
}

// --- the enterprise's material store ------------------------------------------------------------

export function insertStoredMaterial(db: Db, row: Insertable<StoredMaterialTable>) {
  return db
    .insertInto('stored_material')
    .values(row)
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** Stored materials an enterprise may reuse (grade A/B, R-MAT-1), newest first per key. */
export function reusableMaterials(db: Db, enterpriseId: number, sharedKeys?: string[]) {
  let q = db
    .selectFrom('stored_material')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('trust_grade', 'in', ['A', 'B'])
    .orderBy('id', 'desc');
  if (sharedKeys)
    q = sharedKeys.length ? q.where('shared_key', 'in', sharedKeys) : q.where(sql<boolean>`false`);
  return q.execute();
}

/** Whether a stored file already backs a material of some case (then reusing it is 免提交). */
export async function materialInUse(db: Db, storedMaterialId: number): Promise<boolean> {
  const r = await db
    .selectFrom('case_material')
    .select('id')
    .where('stored_material_id', '=', storedMaterialId)
    .limit(1)
    .executeTakeFirst();
  return Boolean(r);
}

/** At acceptance the window has checked the originals: uploads of the case become grade B. */
export async function upgradeTrust(db: Db, caseId: number, by: number | null) {
  await db
    .updateTable('stored_material')
    .set({ trust_grade: 'B', verified_by: by })
    .where('trust_grade', '=', 'C')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('case_material')
        .select('stored_material_id')
        .where('case_id', '=', caseId)
        .where('stored_material_id', 'is not', null),
    )
    .execute();
}

export function findStoredMaterials(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('stored_material').selectAll().where('id', 'in', ids).execute();
}

/** Cases of one bundle application (scope was checked on the bundle's lead case). */
export function bundleCaseRow(db: Db, id: number) {
  return db.selectFrom('bundle_case').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertBundleCase(db: Db, row: Insertable<BundleCaseTable>) {
  return db.insertInto('bundle_case').values(row).returning(['id', 'number']).executeTakeFirstOrThrow();
}

export function markBundleDelivered(db: Db, id: number) {
  return db.updateTable('bundle_case').set({ delivered_at: sql`now()` }).where('id', '=', id).execute();
}

/** The center (window unit) of a region: where receipts are issued and intake alerts go. */
export function centerOf(db: Db, regionCode: string) {
  return db
    .selectFrom('unit')
    .innerJoin('region as r', 'r.code', 'unit.region_code')
    .leftJoin('region as p', 'p.code', 'r.parent_code')
    .select([
      'unit.id',
      'unit.name',
      'unit.short_name',
      'r.name as region_name',
      'p.name as parent_region_name',
    ])
    .where('unit.region_code', '=', regionCode)
    .where('unit.kind', '=', 'center')
    .where('unit.enabled', '=', true)
    .orderBy('unit.id')
    .executeTakeFirst();
}

/** Open commitments: tolerated materials not handed in, of cases that still wait for them. */
function openCommitments(db: Db) {
  return (
    db
      .selectFrom('case_material as cm')
      .innerJoin('service_case as c', 'c.id', 'cm.case_id')
      .innerJoin('item_material as m', 'm.id', 'cm.material_id')
      // A disabled agent is no longer told.
      .leftJoin('app_user as ag', (j) => j.onRef('ag.id', '=', 'c.agent_id').on('ag.enabled', '=', true))
      .select([
        'cm.id',
        'cm.case_id',
        'cm.committed_date',
        'm.name',
        'c.number',
        'c.region_code',
        'c.applicant_name',
        'c.department_id',
        'ag.id as agent_id',
        'c.state',
      ])
      .where('cm.status', '=', 'tolerated')
      .where('cm.fulfilled_at', 'is', null)
      .where('c.state', 'not in', NOT_WAITING_STATES)
      .orderBy('cm.id')
  );
}

/** Open commitments whose committed date has passed and were not flagged yet (system sweep). */
export function breachedCommitments(db: Db, today: string) {
  return openCommitments(db)
    .where('cm.breached_at', 'is', null)
    .where('cm.committed_date', '<', today)
    .execute();
}

/** Open commitments due from `today` to `until` (inclusive) that were not reminded yet. */
export function commitmentsDueSoon(db: Db, today: string, until: string) {
  return openCommitments(db)
    .where('cm.reminded_at', 'is', null)
    .where('cm.committed_date', '>=', today)
    .where('cm.committed_date', '<=', until)
    .execute();
}

/**
 * Stamps a commitment as reminded or breached unless it already is: a concurrent run of the sweep
 * (another server) finds the row stamped and writes nothing. True when this call stamped it.
 */
export async function stampCommitment(db: Db, id: number, column: 'reminded_at' | 'breached_at') {
  const r = await db
    .updateTable('case_material')
    .set({ [column]: sql`now()` })
    .where('id', '=', id)
    .where(column, 'is', null)
    .where('fulfilled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(r);
}

/** Enabled agents (代办员) of a region: whom the window may name on a case there. */
export function regionAgents(db: Db, regionCode: string, id?: number) {
  let q = db
    .selectFrom('app_user as u')
    .innerJoin('unit as n', 'n.id', 'u.unit_id')
    .innerJoin('role_assignment as r', (j) => j.onRef('r.user_id', '=', 'u.id').on('r.role', '=', 'agent'))
    .select(['u.id', 'u.display_name', 'n.name as unit_name'])
    .where('n.region_code', '=', regionCode)
    .where('n.enabled', '=', true)
    .where('u.enabled', '=', true)
    .orderBy('u.display_name')
    .orderBy('u.id');
  if (id !== undefined) q = q.where('u.id', '=', id);
  return q.execute();
}
