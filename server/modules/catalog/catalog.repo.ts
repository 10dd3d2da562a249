import { type Insertable, sql } from 'kysely';
import { type Db, prepared } from '../../db/client.ts';
import { containing, type PageRequest, readPage } from '../../db/paging.ts';
import type { ItemMaterialTable, ServiceItemVersionTable } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

// The published catalog is public (同源发布): the window, the portal and the API read the same
// rows, so its reads take no data scope. Change requests and authorizations belong to a department
// and are read through a scope.

export interface ItemFilter {
  region: string;
  q?: string;
  departmentId?: number;
  includeWithdrawn?: boolean;
  after?: number;
}

export function listItems(db: Db, f: ItemFilter, p: PageRequest) {
  let q = listItemsWhere(db).where('i.region_code', '=', f.region);
  if (!f.includeWithdrawn) q = q.where('i.status', '=', 'active');
  if (f.departmentId) q = q.where('i.department_id', '=', f.departmentId);
  if (f.q)
    q = q.where((eb) =>
      eb.or([eb('v.name', 'like', containing(f.q!)), eb('v.implementation_code', 'like', containing(f.q!))]),
    );
  return readPage(db, q, p, (q) => (f.after ? q.where('i.id', '>', f.after) : q).orderBy('i.id'), !!f.after);
}

/** A published version's own columns: immutable (a database trigger refuses updates). */
export function findVersion(db: Db, versionId: number) {
  return db.selectFrom('service_item_version').selectAll().where('id', '=', versionId).executeTakeFirst();
}

/** What can change on the item after a version is published: status, current version, department. */
export function itemStateOf(db: Db, itemId: number) {
  return db
    .selectFrom('service_item as i')
    .innerJoin('unit as d', 'd.id', 'i.department_id')
    .modifyFront(prepared('item_state'))
    .select([
      'i.region_code',
      'i.department_id',
      'i.status',
      'i.current_version_id',
      'd.name as department_name',
    ])
    .where('i.id', '=', itemId)
    .executeTakeFirstOrThrow();
}

export function materialsOf(db: Db, versionIds: number[]) {
  if (!versionIds.length) return Promise.resolve([]);
  return db
    .selectFrom('item_material')
    .selectAll()
    .where('version_id', 'in', versionIds)
    .orderBy('version_id')
    .orderBy('seq')
    .execute();
}

export function versionsOf(db: Db, itemId: number) {
  return db
    .selectFrom('service_item_version')
    .select(['id', 'version_no', 'name', 'published_at', 'effective_from', 'change_request_id'])
    .where('item_id', '=', itemId)
    .orderBy('version_no', 'desc')
    .execute();
}

/** Locks an item for publication; concurrent approvals of the same item run one after another. */
export function lockItem(db: Db, itemId: number) {
  return db.selectFrom('service_item').selectAll().where('id', '=', itemId).forUpdate().executeTakeFirst();
}

/** Locks several items for publication, in id order (two publishers never deadlock on them). */
export function lockItems(db: Db, itemIds: number[]) {
  if (!itemIds.length) return Promise.resolve([]);
  return db
    .selectFrom('service_item')
    .selectAll()
    .where(sql<boolean>`id = any(${itemIds}::bigint[])`)
    .orderBy('id')
    .forUpdate()
    .execute();
}

/** The highest version number of each item. */
export async function currentVersionNos(db: Db, itemIds: number[]): Promise<Map<number, number>> {
  if (!itemIds.length) return new Map();
  const rows = await db
    .selectFrom('service_item_version')
    .select((eb) => ['item_id', eb.fn.max('version_no').as('n')])
    .where(sql<boolean>`item_id = any(${itemIds}::bigint[])`)
    .groupBy('item_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.item_id), Number(r.n)]));
}

// Multi-row inserts stay well below PostgreSQL's 65,535 parameters per statement.
const MAX_PARAMS = 30_000;
function chunks<T>(rows: readonly T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

// Identity values are drawn row by row as a VALUES list is processed, so within one statement the
// new ids increase in list order: sorted, they line up with the rows that were inserted.
const sortedIds = (rows: { id: number | string }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

/** Inserts items; returns their ids in the order of `rows`. */
export async function insertItems(db: Db, rows: { region_code: string; department_id: number }[]) {
  const ids: number[] = [];
  for (const part of chunks(rows, 2)) {
    ids.push(...sortedIds(await db.insertInto('service_item').values(part).returning('id').execute()));
  }
  return ids;
}

/** Inserts versions; returns their ids in the order of `rows`. */
export async function insertVersions(db: Db, rows: Insertable<ServiceItemVersionTable>[]) {
  const ids: number[] = [];
  for (const part of chunks(rows, 40)) {
    ids.push(
      ...sortedIds(await db.insertInto('service_item_version').values(part).returning('id').execute()),
    );
  }
  return ids;
}

export async function insertMaterials(db: Db, rows: Insertable<ItemMaterialTable>[]) {
  for (const part of chunks(rows, 13)) await db.insertInto('item_material').values(part).execute();
}

/** Makes each given version the current one of its item (and the item active). */
export async function setCurrentVersions(db: Db, pairs: { itemId: number; versionId: number }[]) {
  for (const part of chunks(pairs, 2)) {
    const values = sql.join(part.map((p) => sql`(${p.itemId}::bigint, ${p.versionId}::bigint)`));
    await sql`
      update service_item as i
      set current_version_id = v.version_id, status = 'active', updated_at = now()
      from (values ${values}) as v(item_id, version_id)
      where i.id = v.item_id`.execute(db);
  }
}

/** Withdraws an item: it stays with its last version, no longer published. */
export async function withdrawItem(db: Db, itemId: number) {
  await db
    .updateTable('service_item')
    .set({ status: 'withdrawn', updated_at: sql`now()` })
    .where('id', '=', itemId)
    .execute();
}

/**
 * The kind and region of a unit id the caller supplied (a department named in a draft or as the
 * supervising department); the caller decides what the answer allows.
 */
export function departmentOf(db: Db, id: number) {
  return db
    .selectFrom('unit')
    .select(['id', 'kind', 'region_code', 'name', 'enabled'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A region's code and name (the catalog is published per region). */
export function regionOf(db: Db, code: string) {
  return db.selectFrom('region').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

/**
 * Enabled departments of a region within the caller's scope: a catalog import names its
 * departments, and may only name those it may publish for.
 */
export function departmentsIn(db: Db, scope: UnitScope, regionCode: string) {
  return db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', regionCode)
    .where('kind', '=', 'department')
    .where('enabled', '=', true)
    .where((eb) => inScope(eb, scope, { unit: 'unit.id' }))
    .orderBy('id')
    .execute();
}

/** The current version of every active item of a region, all columns (export, import matching). */
export function currentVersionsIn(db: Db, regionCode: string) {
  return db
    .selectFrom('service_item as i')
    .innerJoin('service_item_version as v', 'v.id', 'i.current_version_id')
    .innerJoin('unit as d', 'd.id', 'i.department_id')
    .leftJoin('unit as s', 's.id', 'v.supervising_department_id')
    .selectAll('v')
    .select(['i.department_id', 'd.name as department_name', 's.name as supervising_department_name'])
    .where('i.region_code', '=', regionCode)
    .where('i.status', '=', 'active')
    .orderBy('i.id')
    .execute();
}
export type CurrentVersionRow = Awaited<ReturnType<typeof currentVersionsIn>>[number];

// --- change requests -----------------------------------------------------------------------

const crColumns = [
  'cr.id',
  'cr.region_code',
  'cr.department_id',
  'd.name as department_name',
  'cr.kind',
  'cr.item_id',
  'cr.base_version_id',
  'cr.payload',
  'cr.reason',
  'cr.status',
  'cr.drafted_by',
  'cr.decided_by',
  'cr.decided_at',
  'cr.decision_note',
  'cr.version',
  'cr.created_at',
] as const;

function crQuery(db: Db, scope: UnitScope) {
  return db
    .selectFrom('catalog_change_request as cr')
    .innerJoin('unit as d', 'd.id', 'cr.department_id')
    .leftJoin('service_item_version as bv', 'bv.id', 'cr.base_version_id')
    .leftJoin('service_item_version as pv', 'pv.change_request_id', 'cr.id')
    .select(crColumns)
    .select(['bv.name as base_name', 'pv.id as published_version_id'])
    .where((eb) => inScope(eb, scope, { unit: 'cr.department_id' }));
}

export interface ChangeRequestFilter {
  status?: 'submitted' | 'approved' | 'rejected';
  after?: number;
}

export function listChangeRequests(db: Db, scope: UnitScope, f: ChangeRequestFilter, p: PageRequest) {
  let q = crQuery(db, scope);
  if (f.status) q = q.where('cr.status', '=', f.status);
  return readPage(
    db,
    q,
    p,
    (q) => (f.after ? q.where('cr.id', '<', f.after) : q).orderBy('cr.id', 'desc'),
    !!f.after,
  );
}

export function findChangeRequest(db: Db, scope: UnitScope, id: number) {
  return crQuery(db, scope).where('cr.id', '=', id).executeTakeFirst();
}
export type ChangeRequestRow = NonNullable<Awaited<ReturnType<typeof findChangeRequest>>>;

export function insertChangeRequest(
  db: Db,
  row: {
    region_code: string;
    department_id: number;
    kind: 'add' | 'modify' | 'withdraw';
    item_id: number | null;
    base_version_id: number | null;
    payload: string | null;
    reason: string;
    drafted_by: number | null;
  },
) {
  return db.insertInto('catalog_change_request').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Decides a submitted request at the version the approver saw; undefined when it moved on. */
export function decideChangeRequest(
  db: Db,
  id: number,
  version: number,
  d: { status: 'approved' | 'rejected'; decided_by: number | null; decision_note: string | null },
) {
  return db
    .updateTable('catalog_change_request')
    .set({ ...d, decided_at: sql`now()`, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'submitted')
    .returning('id')
    .executeTakeFirst();
}

// --- bundles --------------------------------------------------------------------------------

export function insertBundle(
  db: Db,
  row: {
    region_code: string;
    name: string;
    description: string | null;
    lead_department_id: number;
    form: string;
  },
) {
  return db.insertInto('bundle').values(row).returning('id').executeTakeFirstOrThrow();
}

export async function insertBundleItems(db: Db, bundleId: number, itemIds: number[]) {
  await db
    .insertInto('bundle_item')
    .values(itemIds.map((item_id, seq) => ({ bundle_id: bundleId, item_id, seq })))
    .execute();
}

export function listBundles(db: Db, region: string) {
  return db
    .selectFrom('bundle as b')
    .innerJoin('unit as d', 'd.id', 'b.lead_department_id')
    .selectAll('b')
    .select('d.name as lead_department_name')
    .where('b.region_code', '=', region)
    .where('b.status', '=', 'active')
    .orderBy('b.id')
    .execute();
}

export function findBundle(db: Db, id: number) {
  return db
    .selectFrom('bundle as b')
    .innerJoin('unit as d', 'd.id', 'b.lead_department_id')
    .selectAll('b')
    .select('d.name as lead_department_name')
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export function bundleItemIds(db: Db, bundleIds: number[]) {
  if (!bundleIds.length) return Promise.resolve([]);
  return db
    .selectFrom('bundle_item')
    .select(['bundle_id', 'item_id'])
    .where('bundle_id', 'in', bundleIds)
    .orderBy('bundle_id')
    .orderBy('seq')
    .execute();
}

export function itemsByIds(db: Db, ids: number[]) {
  if (!ids.length) return Promise.resolve([]);
  return listItemsWhere(db).where('i.id', 'in', ids).execute();
}

function listItemsWhere(db: Db) {
  return db
    .selectFrom('service_item as i')
    .innerJoin('service_item_version as v', 'v.id', 'i.current_version_id')
    .innerJoin('unit as d', 'd.id', 'i.department_id')
    .select((eb) => [
      'i.id',
      'i.status',
      'i.region_code',
      'i.department_id',
      'd.name as department_name',
      'v.id as version_id',
      'v.version_no',
      'v.name',
      'v.implementation_code',
      'v.kind',
      'v.legal_days',
      'v.promised_days',
      'v.promised_unit',
      'v.online',
      'v.approval_levels',
      eb
        .selectFrom('item_material as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.version_id', '=', 'v.id')
        .as('material_count'),
    ]);
}

// --- authorizations -------------------------------------------------------------------------

export function listAuthorizations(db: Db, scope: UnitScope, itemId?: number) {
  let q = db
    .selectFrom('item_authorization as a')
    .innerJoin('service_item as i', 'i.id', 'a.item_id')
    .innerJoin('service_item_version as v', 'v.id', 'i.current_version_id')
    .innerJoin('app_user as u', 'u.id', 'a.grantee_user_id')
    .selectAll('a')
    .select(['v.name as item_name', 'u.display_name as grantee_name'])
    .where((eb) => inScope(eb, scope, { unit: 'a.department_id' }))
    .orderBy('a.id', 'desc');
  if (itemId) q = q.where('a.item_id', '=', itemId);
  return q.execute();
}

export function insertAuthorization(
  db: Db,
  row: {
    item_id: number;
    department_id: number;
    grantee_user_id: number;
    note: string | null;
    granted_by: number | null;
  },
) {
  return db.insertInto('item_authorization').values(row).returning('id').executeTakeFirstOrThrow();
}

export function revokeAuthorization(db: Db, scope: UnitScope, id: number, by: number | null) {
  return db
    .updateTable('item_authorization')
    .set({ revoked_at: sql`now()`, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where((eb) => inScope(eb, scope, { unit: 'department_id' }))
    .returning(['id', 'item_id', 'grantee_user_id'])
    .executeTakeFirst();
}

/** Whether a window clerk holds an active authorization for an item (checked at decision time). */
export function hasAuthorization(db: Db, itemId: number, userId: number) {
  return db
    .selectFrom('item_authorization')
    .select('id')
    .where('item_id', '=', itemId)
    .where('grantee_user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
    .then(Boolean);
}

/** A staff user named as grantee: unit and whether they hold the window role (caller-supplied id). */
export function granteeOf(db: Db, userId: number) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('unit as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'u.enabled', 'un.region_code'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('role_assignment as r')
            .select('r.user_id')
            .whereRef('r.user_id', '=', 'u.id')
            .where('r.role', '=', 'window_clerk'),
        )
        .as('is_window'),
    )
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

/** Whether a stored file is the blank form of some published material (only those are served). */
export async function isFormTemplate(db: Db, hash: string): Promise<boolean> {
  const r = await db
    .selectFrom('item_material')
    .select('id')
    .where('form_template_hash', '=', hash)
    .limit(1)
    .executeTakeFirst();
  return Boolean(r);
}
