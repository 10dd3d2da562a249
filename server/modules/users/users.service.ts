import { type Db, transaction } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { hashPassword, initialPassword } from '../../platform/auth/passwords.ts';
import { revokeSessions } from '../../platform/auth/sessions.ts';
import { problems } from '../../platform/http/problem.ts';
import { type RoleRequest, roleAssignmentProblems, unitWithin } from './users.policy.ts';
import {
  clearAccountThrottle,
  findUser,
  insertUser,
  listUsers,
  replaceRoles,
  rolesOf,
  type UserFilter,
  unitRegion,
  unitsRegions,
  updateUser,
} from './users.repo.ts';

async function withRoles<T extends { id: number }>(db: Db, rows: T[]) {
  const roles = await rolesOf(
    db,
    rows.map((r) => Number(r.id)),
  );
  return rows.map((r) => ({
    ...r,
    roles: roles
      .filter((x) => Number(x.user_id) === Number(r.id))
      .map((x) => ({ role: x.role, scope: x.scope, scopeUnitIds: x.scope_unit_ids.map(Number) })),
  }));
}

export async function users(db: Db, principal: Principal, filter: UserFilter, page: PageRequest) {
  const found = await listUsers(db, scopeFor(principal, 'user:read'), filter, page);
  return { ...found, rows: await withRoles(db, found.rows) };
}

export async function user(db: Db, principal: Principal, id: number) {
  const row = await findUser(db, scopeFor(principal, 'user:read'), id);
  if (!row) throw problems.notFound('用户不存在或不在您的数据范围内。');
  return (await withRoles(db, [row]))[0]!;
}

async function checkRoles(db: Db, principal: Principal, roles: RoleRequest[]) {
  const ids = [...new Set(roles.flatMap((r) => r.scopeUnitIds))];
  const units = new Map(
    (await unitsRegions(db, ids)).map((u) => [
      Number(u.id),
      { id: Number(u.id), region_code: u.region_code },
    ]),
  );
  const issues = roleAssignmentProblems(scopeFor(principal, 'user:manage'), roles, units);
  if (issues.length)
    throw problems.unprocessable(
      issues.join('；'),
      issues.map((message) => ({ field: 'body.roles', message })),
    );
}

async function checkUnit(db: Db, principal: Principal, unitId: number) {
  const unit = await unitRegion(db, unitId);
  if (
    !unit ||
    !unitWithin(scopeFor(principal, 'user:manage'), { id: Number(unit.id), region_code: unit.region_code })
  ) {
    throw problems.validation([{ field: 'body.unitId', message: '单位不存在或不在您的管理范围内' }]);
  }
}

async function managed(db: Db, principal: Principal, id: number) {
  const row = await findUser(db, scopeFor(principal, 'user:manage'), id);
  if (!row) throw problems.notFound('用户不存在或不在您的管理范围内。');
  return row;
}

export async function createUser(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: { username: string; displayName: string; unitId: number; roles: RoleRequest[] },
) {
  await checkUnit(db, principal, input.unitId);
  await checkRoles(db, principal, input.roles);
  const password = initialPassword();
  const hash = await hashPassword(password);
  const id = await transaction(db, async (trx) => {
    const row = await insertUser(trx, { ...input, passwordHash: hash });
    await replaceRoles(trx, Number(row.id), input.roles);
    await writeAudit(trx, actor, {
      action: 'user.create',
      targetType: 'user',
      targetId: row.id,
      summary: { username: input.username, unitId: input.unitId, roles: input.roles },
    });
    return Number(row.id);
  });
  return { user: await user(db, principal, id), initialPassword: password };
}

export async function editUser(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number,
  patch: { displayName?: string; unitId?: number; enabled?: boolean },
) {
  const before = await managed(db, principal, id);
  if (patch.unitId !== undefined) await checkUnit(db, principal, patch.unitId);
  if (patch.enabled === false && principal.kind === 'staff' && principal.id === id) {
    throw problems.unprocessable('不能停用自己的账号。');
  }
  await transaction(db, async (trx) => {
    const after = await updateUser(trx, id, version, {
      display_name: patch.displayName,
      unit_id: patch.unitId,
      enabled: patch.enabled,
    });
    if (!after) throw problems.preconditionFailed();
    // A disabled account or one moved to another unit must not keep acting under its old rights.
    if (patch.enabled === false || (patch.unitId !== undefined && patch.unitId !== Number(before.unit_id))) {
      await revokeSessions(trx, { kind: 'staff', principalId: id });
    }
    await writeAudit(trx, actor, {
      action: 'user.update',
      targetType: 'user',
      targetId: id,
      summary: {
        before: { displayName: before.display_name, unitId: before.unit_id, enabled: before.enabled },
        patch,
      },
    });
  });
  return user(db, principal, id);
}

export async function setRoles(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number,
  roles: RoleRequest[],
) {
  await managed(db, principal, id);
  await checkRoles(db, principal, roles);
  if (principal.kind === 'staff' && principal.id === id) throw problems.unprocessable('不能修改自己的角色。');
  await transaction(db, async (trx) => {
    const after = await updateUser(trx, id, version, {});
    if (!after) throw problems.preconditionFailed();
    const before = await rolesOf(trx, [id]);
    await replaceRoles(trx, id, roles);
    await writeAudit(trx, actor, {
      action: 'user.roles',
      targetType: 'user',
      targetId: id,
      summary: { before: before.map((r) => ({ role: r.role, scope: r.scope })), after: roles },
    });
  });
  return user(db, principal, id);
}

export async function resetPassword(db: Db, actor: Actor, principal: Principal, id: number) {
  const row = await managed(db, principal, id);
  const password = initialPassword();
  const hash = await hashPassword(password);
  await transaction(db, async (trx) => {
    const after = await updateUser(trx, id, row.version, { password_hash: hash, must_change_password: true });
    if (!after) throw problems.preconditionFailed();
    await revokeSessions(trx, { kind: 'staff', principalId: id });
    await clearAccountThrottle(trx, row.username);
    await writeAudit(trx, actor, { action: 'user.reset_password', targetType: 'user', targetId: id });
  });
  return { user: await user(db, principal, id), initialPassword: password };
}

export async function unlockUser(db: Db, actor: Actor, principal: Principal, id: number) {
  const row = await managed(db, principal, id);
  await transaction(db, async (trx) => {
    await clearAccountThrottle(trx, row.username);
    await writeAudit(trx, actor, { action: 'user.unlock', targetType: 'user', targetId: id });
  });
}
