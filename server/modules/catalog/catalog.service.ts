import { todayIn } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { getBlob, putBlob } from '../../platform/files/blobs.ts';
import { checkUpload } from '../../platform/files/upload.ts';
import { problems } from '../../platform/http/problem.ts';
import { sm3Hex } from '../../platform/seals/seals.ts';
import {
  type ChangeRequestFilter,
  type ChangeRequestRow,
  currentVersionNos,
  decideChangeRequest,
  departmentOf,
  findChangeRequest,
  findVersion,
  type ItemFilter,
  insertChangeRequest,
  insertItems,
  insertMaterials,
  insertVersions,
  isFormTemplate,
  itemStateOf,
  itemsByIds,
  listChangeRequests,
  listItems,
  lockItem,
  lockItems,
  materialsOf,
  setCurrentVersions,
  versionsOf,
  withdrawItem,
} from './catalog.repo.ts';
import type { ItemDefinition } from './catalog.schemas.ts';

/** Published items of a region (public: the window, the portal and the API read the same rows). */
export const publishedItems = (db: Db, f: ItemFilter, p: PageRequest) => listItems(db, f, p);

type FrozenVersion = NonNullable<Awaited<ReturnType<typeof findVersion>>> & {
  materials: Awaited<ReturnType<typeof materialsOf>>;
};

// Published versions and their materials never change (triggers refuse it), so each is read once
// per database and process; only the item's live state is read on every call. Keyed by the Kysely
// adapter, which a transaction shares with its root, so databases opened side by side stay apart.
const frozenVersions = new WeakMap<object, Map<number, Promise<FrozenVersion | undefined>>>();
const FROZEN_MAX = 2000;

// The version first, then its materials: a later read sees every material of a committed version
// (on PostgreSQL two parallel reads could straddle the publishing commit).
async function readFrozen(db: Db, versionId: number): Promise<FrozenVersion | undefined> {
  const v = await findVersion(db, versionId);
  if (!v) return undefined;
  const materials = (await materialsOf(db, [versionId])).map((m) => Object.freeze(m));
  return freezeRow({ ...v, materials });
}

/** Shared by every caller: the row and its array columns are frozen, so a caller that mutates one fails loudly. */
function freezeRow<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (Array.isArray(v)) Object.freeze(v);
  return Object.freeze(o);
}

function frozenVersion(db: Db, versionId: number) {
  const scope = db.getExecutor().adapter;
  let cache = frozenVersions.get(scope);
  if (!cache) {
    cache = new Map();
    frozenVersions.set(scope, cache);
  }
  const hit = cache.get(versionId);
  if (hit) return hit;
  const load = readFrozen(db, versionId);
  // Only committed rows are remembered: a read inside a transaction may see one that rolls back.
  if (db.isTransaction) return load;
  // Neither a miss (the id may be published later) nor a failure is remembered.
  load.then(
    (v) => v ?? cache.delete(versionId),
    () => cache.delete(versionId),
  );
  cache.set(versionId, load);
  if (cache.size > FROZEN_MAX) cache.delete(cache.keys().next().value!);
  return load;
}

/** One version with its materials; cases read the version they were accepted under. */
export async function itemVersion(db: Db, versionId: number) {
  const v = await frozenVersion(db, versionId);
  if (!v) throw problems.notFound('事项版本不存在。');
  return { ...v, ...(await itemStateOf(db, Number(v.item_id))) };
}

/** The current version of an item, with the list of all its versions. */
export async function currentItem(db: Db, itemId: number) {
  const item = await currentVersionIdOf(db, itemId);
  return { ...(await itemVersion(db, item)), versions: await versionsOf(db, itemId) };
}

async function currentVersionIdOf(db: Db, itemId: number): Promise<number> {
  const list = await itemsByIds(db, [itemId]);
  const row = list[0];
  if (!row) throw problems.notFound('事项不存在。');
  return row.version_id;
}

/** An enabled department by id, or a 400 naming the field that gave it. */
export async function department(db: Db, id: number, field: string) {
  const d = await departmentOf(db, id);
  if (d?.kind !== 'department' || !d.enabled) {
    throw problems.validation([{ field, message: '所选单位不是启用中的审批部门' }]);
  }
  return { id: Number(d.id), regionCode: d.region_code, name: d.name };
}

async function checkDefinition(db: Db, def: ItemDefinition, regionCode: string) {
  if (def.supervisingDepartmentId) {
    const s = await department(db, def.supervisingDepartmentId, 'body.definition.supervisingDepartmentId');
    if (s.regionCode !== regionCode) {
      throw problems.validation([
        { field: 'body.definition.supervisingDepartmentId', message: '监管部门应与实施部门同属一个区划' },
      ]);
    }
  }
}

/** The version an item's change is drafted against must still be the current one. */
function assertCurrent(current: number | null, base: number) {
  if (current !== base) {
    throw problems.conflict('事项已发布新版本，本变更依据的版本已过期。请基于当前版本重新起草。');
  }
}

export async function draftChange(
  db: Db,
  actor: Actor,
  principal: Principal,
  input:
    | { kind: 'add'; departmentId: number; reason: string; definition: ItemDefinition }
    | { kind: 'modify'; itemId: number; baseVersionId: number; reason: string; definition: ItemDefinition }
    | { kind: 'withdraw'; itemId: number; baseVersionId: number; reason: string },
) {
  const scope = scopeFor(principal, 'catalog:draft');
  let dept: { id: number; regionCode: string };
  let itemId: number | null = null;
  if (input.kind === 'add') {
    dept = await department(db, input.departmentId, 'body.departmentId');
  } else {
    const [item] = await itemsByIds(db, [input.itemId]);
    if (!item) throw problems.notFound('事项不存在。');
    if (item.status === 'withdrawn') throw problems.conflict('事项已取消，不能再变更。');
    assertCurrent(item.version_id, input.baseVersionId);
    dept = { id: item.department_id, regionCode: item.region_code };
    itemId = input.itemId;
  }
  if (!scopeCoversUnit(scope, dept)) throw problems.forbidden('您只能为本部门起草事项变更。');
  if (input.kind !== 'withdraw') await checkDefinition(db, input.definition, dept.regionCode);
  return transaction(db, async (trx) => {
    const row = await insertChangeRequest(trx, {
      region_code: dept.regionCode,
      department_id: dept.id,
      kind: input.kind,
      item_id: itemId,
      base_version_id: input.kind === 'add' ? null : input.baseVersionId,
      payload: input.kind === 'withdraw' ? null : JSON.stringify(input.definition),
      reason: input.reason,
      drafted_by: actor.kind === 'staff' ? actor.id : null,
    });
    await writeAudit(trx, actor, {
      action: 'catalog.change.submit',
      targetType: 'catalog_change_request',
      targetId: row.id,
      summary: { kind: input.kind, itemId, departmentId: dept.id },
    });
    return Number(row.id);
  });
}

export function changeRequests(db: Db, principal: Principal, f: ChangeRequestFilter, p: PageRequest) {
  return listChangeRequests(db, scopeFor(principal, 'catalog:read'), f, p);
}

export async function changeRequest(db: Db, principal: Principal, id: number) {
  const row = await findChangeRequest(db, scopeFor(principal, 'catalog:read'), id);
  if (!row) throw problems.notFound('变更申请不存在或不在您的数据范围内。');
  return row;
}

/**
 * Approves (publishing a new version, R-CAT-4) or rejects a change request. The request is decided
 * at the version the approver saw; the item is locked so two approvals of one item queue up.
 */
export async function decideChange(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number,
  decision: { approve: boolean; note: string | null },
) {
  const cr = await findChangeRequest(db, scopeFor(principal, 'catalog:approve'), id);
  if (!cr) throw problems.notFound('变更申请不存在或不在您的审核范围内。');
  if (cr.status !== 'submitted') throw problems.conflict('该变更申请已审核，不能重复审核。');
  return transaction(db, async (trx) => {
    const by = actor.kind === 'staff' ? actor.id : null;
    const decided = await decideChangeRequest(trx, id, version, {
      status: decision.approve ? 'approved' : 'rejected',
      decided_by: by,
      decision_note: decision.note,
    });
    if (!decided) throw problems.preconditionFailed('变更申请已被他人修改，请刷新后重试。');
    const published = decision.approve ? await publish(trx, cr, by) : null;
    await writeAudit(trx, actor, {
      action: decision.approve ? 'catalog.change.approve' : 'catalog.change.reject',
      targetType: 'catalog_change_request',
      targetId: id,
      summary: {
        kind: cr.kind,
        itemId: published?.itemId ?? cr.item_id,
        versionId: published?.versionId ?? null,
      },
    });
    return published;
  });
}

async function publish(trx: Db, cr: ChangeRequestRow, by: number | null) {
  if (cr.kind === 'withdraw') {
    const item = await lockItem(trx, cr.item_id!);
    if (!item) throw problems.notFound('事项不存在。');
    assertCurrent(
      item.current_version_id === null ? null : Number(item.current_version_id),
      Number(cr.base_version_id),
    );
    await withdrawItem(trx, Number(item.id));
    return { itemId: Number(item.id), versionId: null };
  }
  const def = cr.payload as ItemDefinition;
  const [published] = await publishDefinitions(
    trx,
    [
      cr.kind === 'add'
        ? {
            kind: 'add',
            regionCode: cr.region_code,
            departmentId: cr.department_id,
            def,
            changeRequestId: cr.id,
          }
        : {
            kind: 'modify',
            itemId: cr.item_id!,
            baseVersionId: Number(cr.base_version_id),
            def,
            changeRequestId: cr.id,
          },
    ],
    by,
  );
  return published!;
}

/** One item to publish: a new item (version 1), or the next version of an item. */
export type Publication =
  | {
      kind: 'add';
      regionCode: string;
      departmentId: number;
      def: ItemDefinition;
      changeRequestId: number | null;
    }
  | {
      kind: 'modify';
      itemId: number;
      /** The version the change was drafted against; it must still be the current one. */
      baseVersionId: number;
      def: ItemDefinition;
      changeRequestId: number | null;
    };

/**
 * Publishes items as an approved change request does (R-CAT-4), with the caller's executor: new
 * items get version 1, modified items the next version, which becomes current. Modified items are
 * locked so that concurrent publications of one item queue up. The number of statements does not
 * grow with the number of items (a catalog import publishes a thousand in one go). Returns the item
 * and version of each entry, in order.
 */
export async function publishDefinitions(
  trx: Db,
  entries: readonly Publication[],
  by: number | null,
): Promise<{ itemId: number; versionId: number }[]> {
  const modifyIds = entries.flatMap((e) => (e.kind === 'modify' ? [e.itemId] : []));
  if (new Set(modifyIds).size !== modifyIds.length) throw new Error('one publication per item');
  const locked = new Map((await lockItems(trx, modifyIds)).map((i) => [Number(i.id), i]));
  for (const e of entries) {
    if (e.kind !== 'modify') continue;
    const item = locked.get(e.itemId);
    if (!item) throw problems.notFound('事项不存在。');
    assertCurrent(item.current_version_id === null ? null : Number(item.current_version_id), e.baseVersionId);
  }
  const versionNos = await currentVersionNos(trx, modifyIds);
  const adds = entries.filter((e) => e.kind === 'add');
  const newIds = await insertItems(
    trx,
    adds.map((e) => ({ region_code: e.regionCode, department_id: e.departmentId })),
  );
  const addedId = new Map(adds.map((e, i) => [e, newIds[i]!]));
  const itemIds = entries.map((e) => (e.kind === 'add' ? addedId.get(e)! : e.itemId));
  const versionIds = await insertDefinitions(
    trx,
    entries.map((e, i) => ({
      itemId: itemIds[i]!,
      versionNo: e.kind === 'add' ? 1 : (versionNos.get(e.itemId) ?? 0) + 1,
      def: e.def,
      changeRequestId: e.changeRequestId,
    })),
    by,
  );
  const published = entries.map((_, i) => ({ itemId: itemIds[i]!, versionId: versionIds[i]! }));
  await setCurrentVersions(trx, published);
  return published;
}

/** Writes one immutable version and its materials from a definition. */
export async function insertDefinition(
  trx: Db,
  itemId: number,
  versionNo: number,
  d: ItemDefinition,
  changeRequestId: number | null,
  by: number | null,
): Promise<number> {
  const [id] = await insertDefinitions(trx, [{ itemId, versionNo, def: d, changeRequestId }], by);
  return id!;
}

/** Writes immutable versions and their materials (two statements per few hundred versions). */
export async function insertDefinitions(
  trx: Db,
  entries: readonly {
    itemId: number;
    versionNo: number;
    def: ItemDefinition;
    changeRequestId: number | null;
  }[],
  by: number | null,
): Promise<number[]> {
  if (!entries.length) return [];
  const today = todayIn();
  const ids = await insertVersions(
    trx,
    entries.map(({ itemId, versionNo, def: d, changeRequestId }) => ({
      item_id: itemId,
      version_no: versionNo,
      name: d.name,
      basic_code: d.basicCode,
      implementation_code: d.implementationCode,
      handle_item_code: d.handleItemCode ?? null,
      local_code: d.localCode ?? null,
      item_type: d.itemType,
      exercise_level: d.exerciseLevel,
      subject_nature: d.subjectNature,
      service_objects: d.serviceObjects,
      handling_forms: d.handlingForms,
      kind: d.kind,
      legal_days: d.legalDays,
      legal_unit: d.legalUnit,
      legal_explain: d.legalExplain ?? null,
      promised_days: d.promisedDays,
      promised_unit: d.promisedUnit,
      promised_explain: d.promisedExplain ?? null,
      legal_basis: d.legalBasis,
      acceptance_conditions: d.acceptanceConditions ?? null,
      special_procedure: d.specialProcedure,
      suspension_kinds: d.suspensionKinds ?? [],
      charged: d.charged ?? false,
      fee_basis: d.feeBasis ?? null,
      online: d.online ?? false,
      online_url: d.onlineUrl ?? null,
      approval_levels: d.approvalLevels,
      yellow_override: d.yellowOverride ?? null,
      supervising_department_id: d.supervisingDepartmentId ?? null,
      requires_project_code: d.requiresProjectCode ?? false,
      result_name: d.resultName ?? null,
      effective_from: d.effectiveFrom ?? today,
      effective_to: d.effectiveTo ?? null,
      change_request_id: changeRequestId,
      published_by: by,
    })),
  );
  await insertMaterials(
    trx,
    entries.flatMap(({ def: d }, v) =>
      (d.materials ?? []).map((m, i) => ({
        version_id: ids[v]!,
        seq: i + 1,
        name: m.name,
        shared_key: m.sharedKey ?? m.name,
        required: m.required,
        tolerable: m.tolerable ?? false,
        tolerable_basis: m.tolerableBasis ?? null,
        medium: m.medium,
        licence_type: m.licenceType ?? null,
        originals: m.originals ?? 0,
        copies: m.copies ?? 0,
        requirement: m.requirement ?? null,
        form_template_hash: m.formTemplateHash ?? null,
      })),
    ),
  );
  return ids;
}

// --- blank forms (空白表格 / 示例样表) of materials ------------------------------------------------

/** Stores a blank form before it is referenced by a drafted material; typed by its bytes. */
export async function uploadFormTemplate(db: Db, actor: Actor, bytes: Buffer) {
  const type = await checkUpload(bytes, '空白表格');
  const hash = sm3Hex(bytes);
  await transaction(db, async (trx) => {
    await putBlob(trx, hash, type.contentType, bytes);
    await writeAudit(trx, actor, {
      action: 'catalog.form_template.upload',
      targetType: 'blob',
      targetId: hash,
      summary: { size: bytes.length, contentType: type.contentType },
    });
  });
  return { hash, contentType: type.contentType, size: bytes.length, extension: type.extension };
}

/** A blank form for download: only files referenced by a published material are served. */
export async function formTemplate(db: Db, hash: string) {
  const blob = (await isFormTemplate(db, hash)) ? await getBlob(db, hash) : undefined;
  if (!blob) throw problems.notFound('空白表格不存在。');
  return blob;
}
