import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { containing, type PageRequest, readPage } from '../../db/paging.ts';
import type {
  CoordinationEventTable,
  CoordinationFileTable,
  CoordinationMatterTable,
  CoordinationRequestTable,
  CoordinationState,
  DB,
} from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

// Coordination requests and what hangs off them. Every read takes the reader: a staff scope over
// the center, the stage lead department and the consulted departments, or the enterprise itself.

export type RequestReader =
  | { kind: 'staff'; scope: UnitScope; userId: number }
  | { kind: 'enterprise'; enterpriseId: number };

/** The worst light of a request's open time limits (consultations, commitments, ladder steps). */
/**
 * The worst light of each request's open time limits (consultations, commitments, ladder steps),
 * computed once per query over the open deadlines and joined by request: a per-row subquery made
 * the board of thousands of requests take a second.
 */
function warnings(today: string) {
  return sql<{ request_id: number; rank: number }>`(
    select x.request_id,
      max(case when x.due_date < ${today}::date then 2 when x.yellow_from <= ${today}::date then 1 else 0 end) as rank
    from (
      select c.request_id, d.due_date, d.yellow_from from consultation c join deadline d on d.id = c.deadline_id
        where d.status = 'open'
      union all select k.request_id, d.due_date, d.yellow_from from coordination_commitment k
        join deadline d on d.id = k.deadline_id where d.status = 'open'
      union all select e.request_id, d.due_date, d.yellow_from from coordination_escalation e
        join deadline d on d.id = e.deadline_id where d.status = 'open') x
    group by x.request_id)`.as('w');
}
const warningRank = sql<number>`coalesce(w.rank, 0)`;

function visible(eb: ExpressionBuilder<DB & { r: CoordinationRequestTable }, 'r'>, reader: RequestReader) {
  if (reader.kind === 'enterprise') return eb('r.enterprise_id', '=', reader.enterpriseId);
  const s = reader.scope;
  if (s.kind === 'all') return sql<SqlBool>`true`;
  if (s.kind === 'none') return sql<SqlBool>`false`;
  const parts: Expression<SqlBool>[] = [
    inScope(eb, s, { unit: 'r.center_unit_id' }),
    inScope(eb, s, { unit: 'r.stage_lead_unit_id' }),
    eb('r.created_by', '=', reader.userId),
    eb.exists(
      eb
        .selectFrom('consultation as c')
        .select('c.id')
        .whereRef('c.request_id', '=', 'r.id')
        .where((e) => inScope(e, s, { unit: 'c.department_id' })),
    ),
    eb.exists(
      eb
        .selectFrom('coordination_commitment as k')
        .select('k.id')
        .whereRef('k.request_id', '=', 'r.id')
        .where((e) => inScope(e, s, { unit: 'k.department_id' })),
    ),
  ];
  return eb.or(parts);
}

/** XT330402-2026-0003: the region, the year and a gap-free sequence (not a 发文字号). */
export async function nextRequestNumber(db: Db, regionCode: string, year: number) {
  const r = await sql<{ last_number: number }>`
    insert into coordination_counter (region_code, year, last_number) values (${regionCode}, ${year}, 1)
    on conflict (region_code, year) do update set last_number = coordination_counter.last_number + 1
    returning last_number`.execute(db);
  return `XT${regionCode}-${year}-${String(r.rows[0]!.last_number).padStart(4, '0')}`;
}

/** Locks a request row for the rest of the transaction: actions on it and on its replies queue here. */
export function lockRequest(db: Db, id: number) {
  return db
    .selectFrom('coordination_request')
    .select(['state', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Locks the request a consultation belongs to: replies and decisions on it queue on one row. */
export async function lockRequestOfConsultation(db: Db, consultationId: number) {
  await db
    .selectFrom('coordination_request as r')
    .innerJoin('consultation as c', 'c.request_id', 'r.id')
    .select('r.id')
    .where('c.id', '=', consultationId)
    .forUpdate('r')
    .execute();
}

export function insertRequest(db: Db, tokens: string[], row: Insertable<CoordinationRequestTable>) {
  return db
    .insertInto('coordination_request')
    .values({ ...row, search: sql`to_tsvector('simple', ${tokens.join(' ')})` })
    .returning(['id', 'number'])
    .executeTakeFirstOrThrow();
}

/** Optimistic update: returns false when the version moved. */
export async function updateRequest(
  db: Db,
  id: number,
  version: number,
  set: Partial<Insertable<CoordinationRequestTable>>,
  tokens?: string[],
) {
  const r = await db
    .updateTable('coordination_request')
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

const requestColumns = [
  'r.id',
  'r.number',
  'r.region_code',
  'r.center_unit_id',
  'r.source',
  'r.source_unit_id',
  'r.enterprise_id',
  'r.case_id',
  'r.stage_lead_unit_id',
  'r.applicant_name',
  'r.project_name',
  'r.project_code',
  'r.overview',
  'r.problem',
  'r.positions',
  'r.proposal',
  'r.contact_name',
  'r.contact_phone',
  'r.urgent',
  'r.complexity',
  'r.state',
  'r.level',
  'r.returned_missing',
  'r.return_note',
  'r.outcome',
  'r.outcome_reasons',
  'r.override_reason',
  'r.letter_addressee',
  'r.letter_document_id',
  'r.resolution',
  'r.created_by',
  'r.created_at',
  'r.updated_at',
  'r.closed_at',
  'r.version',
] as const;

export function findRequest(db: Db, reader: RequestReader, id: number, today: string) {
  return db
    .selectFrom('coordination_request as r')
    .innerJoin('unit as cu', 'cu.id', 'r.center_unit_id')
    .leftJoin('unit as su', 'su.id', 'r.stage_lead_unit_id')
    .select(requestColumns)
    .select(['cu.name as center_name', 'su.name as stage_lead_name'])
    .leftJoin(warnings(today), (j) => j.onRef('w.request_id', '=', 'r.id'))
    .select(warningRank.as('warning_rank'))
    .where('r.id', '=', id)
    .where((eb) => visible(eb, reader))
    .executeTakeFirst();
}
export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

export interface RequestFilter {
  states?: CoordinationState[];
  warning?: 'red' | 'yellow';
  q?: string;
  /** jieba tokens of q, matched against the tsvector. */
  tokens?: string[];
  after?: number;
  today: string;
}

export function listRequests(db: Db, reader: RequestReader, f: RequestFilter, p: PageRequest) {
  let q = db
    .selectFrom('coordination_request as r')
    .innerJoin('unit as cu', 'cu.id', 'r.center_unit_id')
    .leftJoin('unit as su', 'su.id', 'r.stage_lead_unit_id')
    .select(requestColumns)
    .select(['cu.name as center_name', 'su.name as stage_lead_name'])
    .leftJoin(warnings(f.today), (j) => j.onRef('w.request_id', '=', 'r.id'))
    .select(warningRank.as('warning_rank'))
    .where((eb) => visible(eb, reader));
  if (f.states?.length) q = q.where('r.state', 'in', f.states);
  if (f.warning) q = q.where(warningRank, '>=', f.warning === 'red' ? 2 : 1);
  if (f.q) {
    const like = containing(f.q);
    const tokens = f.tokens?.length ? f.tokens.join(' | ') : null;
    q = q.where((eb) =>
      eb.or([
        eb('r.search_text', 'like', like),
        eb('r.number', '=', f.q!),
        ...(tokens ? [sql<SqlBool>`r.search @@ to_tsquery('simple', ${tokens})`] : []),
      ]),
    );
  }
  return readPage(
    db,
    q,
    p,
    (q) => (f.after ? q.where('r.id', '<', f.after) : q).orderBy('r.id', 'desc'),
    !!f.after,
  );
}

/** Open requests of the reader per state and warning level (the coordinator's board). */
export async function boardCounts(db: Db, reader: RequestReader, today: string) {
  const rows = await db
    .selectFrom('coordination_request as r')
    .leftJoin(warnings(today), (j) => j.onRef('w.request_id', '=', 'r.id'))
    .select(['r.state', warningRank.as('rank')])
    .where((eb) => visible(eb, reader))
    .where('r.state', 'not in', ['closed', 'withdrawn'])
    .execute();
  return rows;
}

export function filesOf(db: Db, requestId: number) {
  return db
    .selectFrom('coordination_file')
    .select([
      'id',
      'consultation_id',
      'file_name',
      'content_type',
      'size',
      'created_at',
      'blob_hash',
      'uploaded_by_enterprise',
    ])
    .where('request_id', '=', requestId)
    .orderBy('id')
    .execute();
}

export function mattersOf(db: Db, requestId: number) {
  return db
    .selectFrom('coordination_matter')
    .select(['id', 'seq', 'title', 'complexity', 'department_ids'])
    .where('request_id', '=', requestId)
    .orderBy('seq')
    .execute();
}

export async function insertEvent(db: Db, row: Insertable<CoordinationEventTable>) {
  await db.insertInto('coordination_event').values(row).execute();
}

export function eventsOf(db: Db, requestId: number, publicOnly: boolean) {
  let q = db
    .selectFrom('coordination_event as e')
    .leftJoin('document as doc', 'doc.id', 'e.document_id')
    .select([
      'e.id',
      'e.kind',
      'e.title',
      'e.detail',
      'e.public',
      'e.actor_name',
      'e.unit_name',
      'e.document_id',
      'doc.number as document_number',
      'e.at',
    ])
    .where('e.request_id', '=', requestId)
    .orderBy('e.id');
  if (publicOnly) q = q.where('e.public', '=', true);
  return q.execute();
}

/** Units a request may consult or escalate to: its region's, and its city's (两级联动). */
export function unitsNear(db: Db, regionCode: string, ids: number[]) {
  return db
    .selectFrom('unit as u')
    .innerJoin('region as r', (j) => j.on('r.code', '=', regionCode))
    .select(['u.id', 'u.name', 'u.kind', 'u.region_code', 'u.enabled'])
    .where('u.id', 'in', ids.length ? ids : [0])
    .where((eb) =>
      eb.or([eb('u.region_code', '=', regionCode), eb('u.region_code', '=', eb.ref('r.parent_code'))]),
    )
    .execute();
}

export function unitOfKind(db: Db, regionCode: string, kind: 'center' | 'leadership' | 'supervision_office') {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'short_name', 'region_code'])
    .where('region_code', '=', regionCode)
    .where('kind', '=', kind)
    .where('enabled', '=', true)
    .orderBy('id')
    .executeTakeFirst();
}

/** Departments a request may concern: its region's and its city's (两级联动). */
export function departmentsNear(db: Db, regionCode: string) {
  return db
    .selectFrom('unit as u')
    .innerJoin('region as g', (j) => j.on('g.code', '=', regionCode))
    .select(['u.id', 'u.name', 'u.region_code'])
    .where('u.kind', '=', 'department')
    .where('u.enabled', '=', true)
    .where((eb) =>
      eb.or([eb('u.region_code', '=', regionCode), eb('u.region_code', '=', eb.ref('g.parent_code'))]),
    )
    .execute();
}

/** Names of the region's active catalog items and their departments. */
export function itemDepartments(db: Db, regionCode: string) {
  return db
    .selectFrom('service_item as i')
    .innerJoin('service_item_version as v', 'v.id', 'i.current_version_id')
    .select(['v.name', 'i.department_id'])
    .where('i.region_code', '=', regionCode)
    .where('i.status', '=', 'active')
    .execute();
}

/** Resolved requests in scope matching the words, ranked by full-text rank plus trigram similarity. */
export async function precedents(
  db: Db,
  scope: UnitScope,
  exceptId: number,
  words: string[],
  fragment: string,
  limit: number,
) {
  const query = words.join(' | ');
  const rows = await db
    .selectFrom('coordination_request as p')
    .leftJoin('document as d', 'd.id', 'p.letter_document_id')
    .select([
      'p.id',
      'p.number',
      'p.project_name',
      'p.problem',
      'p.outcome',
      'p.resolution',
      'd.number as letter_number',
      sql<number>`ts_rank(p.search, to_tsquery('simple', ${query})) + similarity(p.search_text, ${fragment})`.as(
        'similarity',
      ),
    ])
    .where('p.id', '!=', exceptId)
    .where('p.state', 'in', ['tracking', 'closed'])
    .where('p.outcome', 'is not', null)
    .where((eb) => inScope(eb, scope, { unit: 'p.center_unit_id' }))
    .where(sql<SqlBool>`p.search @@ to_tsquery('simple', ${query})`)
    .orderBy('similarity', 'desc')
    .orderBy('p.id', 'desc')
    .limit(limit)
    .execute();
  const ids = rows.map((x) => Number(x.id));
  const consulted = ids.length
    ? await db
        .selectFrom('consultation as c')
        .innerJoin('unit as u', 'u.id', 'c.department_id')
        .select(['c.request_id', 'c.department_id', 'u.name'])
        .where('c.request_id', 'in', ids)
        .execute()
    : [];
  return rows.map((x) => ({
    ...x,
    departments: consulted.filter((c) => Number(c.request_id) === Number(x.id)),
  }));
}

// --- writes of the use cases ---------------------------------------------------------------------

export function insertFile(db: Db, row: Insertable<CoordinationFileTable>) {
  return db
    .insertInto('coordination_file')
    .values(row)
    .returning(['id', 'file_name', 'content_type', 'size'])
    .executeTakeFirstOrThrow();
}

/** Attaches the uploader's own unattached files; returns how many were attached. */
export async function attachOwnFiles(
  db: Db,
  owner: { kind: 'staff' | 'enterprise'; id: number },
  fileIds: number[],
  requestId: number,
  consultationId: number | null,
) {
  const column = owner.kind === 'staff' ? ('uploaded_by' as const) : ('uploaded_by_enterprise' as const);
  const r = await db
    .updateTable('coordination_file')
    .set({ request_id: requestId, consultation_id: consultationId })
    .where('id', 'in', fileIds)
    .where(column, '=', owner.id)
    .where('request_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function insertMatters(db: Db, rows: Insertable<CoordinationMatterTable>[]) {
  await db.insertInto('coordination_matter').values(rows).execute();
}
