import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  granteeOf,
  hasAuthorization,
  insertAuthorization,
  itemsByIds,
  listAuthorizations,
  revokeAuthorization,
} from './catalog.repo.ts';

// 首席事务代表 authorizations: a window clerk may decide an item on the spot (当场办结).

export function authorizations(db: Db, principal: Principal, itemId?: number) {
  return listAuthorizations(db, scopeFor(principal, 'catalog:read'), itemId);
}

export async function grantAuthorization(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: { itemId: number; granteeUserId: number; note?: string | null },
) {
  const [item] = await itemsByIds(db, [input.itemId]);
  if (item?.status !== 'active') throw problems.notFound('事项不存在或已取消。');
  if (
    !scopeCoversUnit(scopeFor(principal, 'catalog:authorize'), {
      id: item.department_id,
      regionCode: item.region_code,
    })
  ) {
    throw problems.forbidden('只能为本部门的事项授权。');
  }
  const grantee = await granteeOf(db, input.granteeUserId);
  if (!grantee?.enabled || !grantee.is_window || grantee.region_code !== item.region_code) {
    throw problems.validation([
      { field: 'body.granteeUserId', message: '被授权人应为本区划启用中的综合窗口人员' },
    ]);
  }
  if (await hasAuthorization(db, input.itemId, input.granteeUserId)) {
    throw problems.conflict('该窗口人员已获此事项授权。');
  }
  return transaction(db, async (trx) => {
    const row = await insertAuthorization(trx, {
      item_id: input.itemId,
      department_id: item.department_id,
      grantee_user_id: input.granteeUserId,
      note: input.note ?? null,
      granted_by: actor.kind === 'staff' ? actor.id : null,
    });
    await writeAudit(trx, actor, {
      action: 'authorization.grant',
      targetType: 'item_authorization',
      targetId: row.id,
      summary: { itemId: input.itemId, granteeUserId: input.granteeUserId },
    });
    return Number(row.id);
  });
}

export async function revokeGrant(db: Db, actor: Actor, principal: Principal, id: number) {
  return transaction(db, async (trx) => {
    const row = await revokeAuthorization(
      trx,
      scopeFor(principal, 'catalog:authorize'),
      id,
      actor.kind === 'staff' ? actor.id : null,
    );
    if (!row) throw problems.notFound('授权不存在、已撤销或不在您的管理范围内。');
    await writeAudit(trx, actor, {
      action: 'authorization.revoke',
      targetType: 'item_authorization',
      targetId: id,
      summary: { itemId: row.item_id, granteeUserId: row.grantee_user_id },
    });
  });
}

/** Whether the window clerk may decide this item on the spot (for the case machine). */
export const windowAuthorized = hasAuthorization;
