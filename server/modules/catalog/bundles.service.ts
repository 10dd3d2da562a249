import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  bundleItemIds,
  findBundle,
  insertBundle,
  insertBundleItems,
  itemsByIds,
  listBundles,
  materialsOf,
} from './catalog.repo.ts';
import { department } from './catalog.service.ts';

// 一件事 (bundles): several items applied for with one form and one set of materials.

export async function bundles(db: Db, region: string) {
  const rows = await listBundles(db, region);
  return Promise.all(rows.map((b) => bundleView(db, b)));
}

export async function bundle(db: Db, id: number) {
  const b = await findBundle(db, id);
  if (b?.status !== 'active') throw problems.notFound('一件事不存在或已停用。');
  return bundleView(db, b);
}

type BundleRow = NonNullable<Awaited<ReturnType<typeof findBundle>>>;

/** A bundle with its items' current versions and their materials de-duplicated by shared key. */
async function bundleView(db: Db, b: BundleRow) {
  const links = await bundleItemIds(db, [Number(b.id)]);
  const itemRows = await itemsByIds(
    db,
    links.map((l) => Number(l.item_id)),
  );
  const order = new Map(links.map((l, i) => [Number(l.item_id), i]));
  itemRows.sort((a, z) => order.get(Number(a.id))! - order.get(Number(z.id))!);
  const mats = await materialsOf(
    db,
    itemRows.map((i) => Number(i.version_id)),
  );
  const itemOfVersion = new Map(itemRows.map((i) => [Number(i.version_id), Number(i.id)]));
  const merged = new Map<
    string,
    { sharedKey: string; name: string; required: boolean; tolerable: boolean; itemIds: number[] }
  >();
  for (const m of mats) {
    const itemId = itemOfVersion.get(Number(m.version_id))!;
    const e = merged.get(m.shared_key);
    if (e) {
      // Asked once: required if any item requires it; tolerable only if every item tolerates it.
      e.required ||= m.required;
      e.tolerable &&= m.tolerable;
      if (!e.itemIds.includes(itemId)) e.itemIds.push(itemId);
    } else {
      merged.set(m.shared_key, {
        sharedKey: m.shared_key,
        name: m.name,
        required: m.required,
        tolerable: m.tolerable,
        itemIds: [itemId],
      });
    }
  }
  return { bundle: b, items: itemRows, materials: [...merged.values()] };
}

export async function createBundle(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: {
    regionCode: string;
    name: string;
    description?: string | null;
    leadDepartmentId: number;
    itemIds: number[];
    form: { key: string; label: string; required: boolean; itemIds: number[] }[];
  },
) {
  const lead = await department(db, input.leadDepartmentId, 'body.leadDepartmentId');
  if (lead.regionCode !== input.regionCode) {
    throw problems.validation([{ field: 'body.leadDepartmentId', message: '牵头部门应属于该区划' }]);
  }
  if (!scopeCoversUnit(scopeFor(principal, 'catalog:approve'), lead)) {
    throw problems.forbidden('您不能在该区划配置一件事。');
  }
  const ids = [...new Set(input.itemIds)];
  if (ids.length !== input.itemIds.length) {
    throw problems.validation([{ field: 'body.itemIds', message: '事项不能重复' }]);
  }
  const items = await itemsByIds(db, ids);
  const bad = ids.filter(
    (id) =>
      !items.some((i) => Number(i.id) === id && i.status === 'active' && i.region_code === input.regionCode),
  );
  if (bad.length) {
    throw problems.validation([
      { field: 'body.itemIds', message: `事项 ${bad.join('、')} 不存在、已取消或不属于该区划` },
    ]);
  }
  const keys = new Set<string>();
  input.form.forEach((f, i) => {
    if (keys.has(f.key))
      throw problems.validation([{ field: `body.form.${i}.key`, message: `字段标识“${f.key}”重复` }]);
    keys.add(f.key);
    const foreign = f.itemIds.filter((id) => !ids.includes(id));
    if (foreign.length) {
      throw problems.validation([
        { field: `body.form.${i}.itemIds`, message: '字段只能对应本一件事包含的事项' },
      ]);
    }
  });
  return transaction(db, async (trx) => {
    const row = await insertBundle(trx, {
      region_code: input.regionCode,
      name: input.name,
      description: input.description ?? null,
      lead_department_id: lead.id,
      form: JSON.stringify(input.form),
    });
    await insertBundleItems(trx, Number(row.id), ids);
    await writeAudit(trx, actor, {
      action: 'bundle.create',
      targetType: 'bundle',
      targetId: row.id,
      summary: { name: input.name, itemIds: ids },
    });
    return Number(row.id);
  });
}
