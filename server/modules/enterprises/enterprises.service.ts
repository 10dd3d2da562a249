import { type Db, transaction } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeCoversRegion, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { hashPassword, initialPassword } from '../../platform/auth/passwords.ts';
import { revokeSessions } from '../../platform/auth/sessions.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  type EnterpriseFilter,
  findEnterprise,
  insertEnterprise,
  listEnterprises,
  updateEnterprise,
} from './enterprises.repo.ts';

export function enterprises(db: Db, principal: Principal, filter: EnterpriseFilter, page: PageRequest) {
  return listEnterprises(db, scopeFor(principal, 'enterprise:read'), filter, page);
}

export async function enterprise(db: Db, principal: Principal, id: number) {
  const row = await findEnterprise(db, scopeFor(principal, 'enterprise:read'), id);
  if (!row) throw problems.notFound('企业账号不存在或不在您的数据范围内。');
  return row;
}

async function managed(db: Db, principal: Principal, id: number) {
  const row = await findEnterprise(db, scopeFor(principal, 'enterprise:manage'), id);
  if (!row) throw problems.notFound('企业账号不存在或不在您的管理范围内。');
  return row;
}

/** Registers an enterprise account at the window; the USCC is checked by the route (GB 32100). */
export async function registerEnterprise(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: { uscc: string; name: string; legalRepresentative: string; regionCode: string; username: string },
) {
  if (!scopeCoversRegion(scopeFor(principal, 'enterprise:manage'), input.regionCode)) {
    throw problems.forbidden('您不能在该区划登记企业账号。');
  }
  const password = initialPassword();
  const hash = await hashPassword(password);
  const row = await transaction(db, async (trx) => {
    const created = await insertEnterprise(trx, {
      uscc: input.uscc,
      name: input.name,
      legal_representative: input.legalRepresentative,
      region_code: input.regionCode,
      username: input.username,
      password_hash: hash,
    });
    await writeAudit(trx, actor, {
      action: 'enterprise.register',
      targetType: 'enterprise',
      targetId: created.id,
      summary: { uscc: input.uscc, name: input.name },
    });
    return created;
  });
  return { enterprise: row, initialPassword: password };
}

export async function editEnterprise(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  version: number,
  patch: { name?: string; legalRepresentative?: string; enabled?: boolean },
) {
  const before = await managed(db, principal, id);
  return transaction(db, async (trx) => {
    const after = await updateEnterprise(trx, id, version, {
      name: patch.name,
      legal_representative: patch.legalRepresentative,
      enabled: patch.enabled,
    });
    if (!after) throw problems.preconditionFailed();
    if (patch.enabled === false) await revokeSessions(trx, { kind: 'enterprise', principalId: id });
    await writeAudit(trx, actor, {
      action: 'enterprise.update',
      targetType: 'enterprise',
      targetId: id,
      summary: { before: { name: before.name, enabled: before.enabled }, patch },
    });
    return after;
  });
}

export async function resetEnterprisePassword(db: Db, actor: Actor, principal: Principal, id: number) {
  const row = await managed(db, principal, id);
  const password = initialPassword();
  const hash = await hashPassword(password);
  const after = await transaction(db, async (trx) => {
    const updated = await updateEnterprise(trx, id, row.version, {
      password_hash: hash,
      must_change_password: true,
    });
    if (!updated) throw problems.preconditionFailed();
    await revokeSessions(trx, { kind: 'enterprise', principalId: id });
    await writeAudit(trx, actor, {
      action: 'enterprise.reset_password',
      targetType: 'enterprise',
      targetId: id,
    });
    return updated;
  });
  return { enterprise: after, initialPassword: password };
}
