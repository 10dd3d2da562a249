import { type Db, transaction } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import type { UnitKind } from '../../db/types.ts';
import { type Principal, scopeCoversRegion, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  findRegion,
  findUnit,
  insertRegion,
  insertUnit,
  listRegions,
  listUnits,
  type UnitFilter,
  updateUnit,
} from './org.repo.ts';

/** Regions are public within the platform: every user with org:read sees the whole tree. */
export const regions = listRegions;

export function units(db: Db, principal: Principal, filter: UnitFilter, page: PageRequest) {
  return listUnits(db, scopeFor(principal, 'org:read'), filter, page);
}

export async function unit(db: Db, principal: Principal, id: number) {
  const row = await findUnit(db, scopeFor(principal, 'org:read'), id);
  // Out of scope and absent look the same: existence does not leak.
  if (!row) throw problems.notFound('单位不存在或不在您的数据范围内。');
  return row;
}

/** A manager may create units only in regions within the scope of org:manage. */
function mayManageRegion(principal: Principal, regionCode: string): boolean {
  return scopeCoversRegion(scopeFor(principal, 'org:manage'), regionCode);
}

export async function createUnit(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: {
    regionCode: string;
    kind: UnitKind;
    name: string;
    shortName?: string | null;
    uscc?: string | null;
  },
) {
  if (!(await findRegion(db, input.regionCode))) {
    throw problems.validation([{ field: 'body.regionCode', message: '区划不存在' }]);
  }
  if (!mayManageRegion(principal, input.regionCode)) throw problems.forbidden('您不能在该区划下新建单位。');
  return transaction(db, async (trx) => {
    const row = await insertUnit(trx, {
      region_code: input.regionCode,
      kind: input.kind,
      name: input.name,
      short_name: input.shortName ?? null,
      uscc: input.uscc ?? null,
    });
    await writeAudit(trx, actor, {
      action: 'unit.create',
      targetType: 'unit',
      targetId: row.id,
      summary: { after: row },
    });
    return row;
  });
}

export async function editUnit(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number,
  patch: {
    name?: string;
    shortName?: string | null;
    uscc?: string | null;
    enabled?: boolean;
    kind?: UnitKind;
  },
) {
  const before = await findUnit(db, scopeFor(principal, 'org:manage'), id);
  if (!before) throw problems.notFound('单位不存在或不在您的管理范围内。');
  return transaction(db, async (trx) => {
    const after = await updateUnit(trx, id, version, {
      name: patch.name,
      short_name: patch.shortName,
      uscc: patch.uscc,
      enabled: patch.enabled,
      kind: patch.kind,
    });
    if (!after) throw problems.preconditionFailed();
    await writeAudit(trx, actor, {
      action: 'unit.update',
      targetType: 'unit',
      targetId: id,
      summary: { before, after },
    });
    return after;
  });
}

/** A new county under a city: the region tree has two levels (DOMAIN.md). Global administrators only. */
export async function createRegion(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: { code: string; name: string; parentCode: string },
) {
  if (scopeFor(principal, 'org:manage').kind !== 'all')
    throw problems.forbidden('只有全局管理员可以新增区划。');
  const parent = await findRegion(db, input.parentCode);
  if (!parent) throw problems.validation([{ field: 'body.parentCode', message: '上级区划不存在' }]);
  if (parent.level !== 'city') throw problems.unprocessable('区划只有市、区县两级：上级必须是市。');
  return transaction(db, async (trx) => {
    const row = await insertRegion(trx, {
      code: input.code,
      name: input.name,
      parent_code: input.parentCode,
      level: 'county',
    });
    await writeAudit(trx, actor, {
      action: 'region.create',
      targetType: 'region',
      targetId: input.code,
      summary: input,
    });
    return row;
  });
}
