import type { Config } from '../../config.ts';
import { type Db, transaction } from '../../db/client.ts';
import { PERMISSIONS, type Permission } from '../../platform/access/permissions.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import {
  burnPasswordCheck,
  hashPassword,
  passwordProblems,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import { revokeSessions } from '../../platform/auth/session.repo.ts';
import { createSession } from '../../platform/auth/sessions.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  clearFailures,
  findEnterpriseByUsername,
  findStaffByUsername,
  passwordHashOf,
  recordFailure,
  setPassword,
  throttleFailures,
} from './identity.repo.ts';

// Per-address limit is wider than per-account: a shared office NAT must not lock everyone out.
const IP_FACTOR = 10;

export interface LoginInput {
  kind: 'staff' | 'enterprise';
  username: string;
  password: string;
}

export async function login(db: Db, config: Config, actor: Actor, input: LoginInput) {
  const username = input.username.trim().toLowerCase();
  const accountKey = `account:${input.kind}:${username}`;
  const ipKey = `ip:${actor.ip ?? 'unknown'}`;
  const minutes = config.LOGIN_LOCK_MINUTES;
  const [accountFails, ipFails] = await Promise.all([
    throttleFailures(db, accountKey, minutes),
    throttleFailures(db, ipKey, minutes),
  ]);
  if (accountFails >= config.LOGIN_MAX_FAILURES || ipFails >= config.LOGIN_MAX_FAILURES * IP_FACTOR) {
    await transaction(db, (trx) =>
      writeAudit(trx, actor, {
        action: 'auth.login',
        outcome: 'denied',
        summary: { username, reason: 'locked' },
      }),
    );
    throw problems.tooMany(`登录失败次数过多，账号已临时锁定，请 ${minutes} 分钟后再试或联系管理员解锁。`);
  }

  const account =
    input.kind === 'staff'
      ? await findStaffByUsername(db, username)
      : await findEnterpriseByUsername(db, username);
  const valid = account ? await verifyPassword(account.password_hash, input.password) : false;
  if (!account) await burnPasswordCheck(input.password);

  if (!account || !valid || !account.enabled) {
    await transaction(db, async (trx) => {
      await recordFailure(trx, accountKey, minutes);
      await recordFailure(trx, ipKey, minutes);
      await writeAudit(trx, actor, {
        action: 'auth.login',
        outcome: 'failure',
        summary: { username, kind: input.kind },
      });
    });
    throw problems.invalidCredentials();
  }

  return transaction(db, async (trx) => {
    await clearFailures(trx, accountKey);
    const token = await createSession(trx, {
      kind: input.kind,
      principalId: Number(account.id),
      maxHours: config.SESSION_MAX_HOURS,
      ip: actor.ip ?? '',
      userAgent: actor.userAgent ?? '',
    });
    await writeAudit(
      trx,
      { ...actor, kind: input.kind, id: Number(account.id), name: username },
      {
        action: 'auth.login',
        targetType: input.kind === 'staff' ? 'user' : 'enterprise',
        targetId: Number(account.id),
      },
    );
    return token;
  });
}

export async function logout(db: Db, actor: Actor, principal: Principal, everywhere: boolean) {
  return transaction(db, async (trx) => {
    const n = await revokeSessions(
      trx,
      everywhere ? { kind: principal.kind, principalId: principal.id } : { tokenHash: principal.sessionHash },
    );
    await writeAudit(trx, actor, {
      action: everywhere ? 'auth.logout_all' : 'auth.logout',
      summary: { sessions: n },
    });
    return n;
  });
}

export async function changePassword(
  db: Db,
  actor: Actor,
  principal: Principal,
  current: string,
  next: string,
) {
  const { password_hash } = await passwordHashOf(db, principal.kind, principal.id);
  if (!(await verifyPassword(password_hash, current))) {
    throw problems.validation(
      [{ field: 'body.currentPassword', message: '当前密码不正确' }],
      '当前密码不正确。',
    );
  }
  const issues = passwordProblems(next, principal.username);
  if (current === next) issues.push('新密码不能与当前密码相同');
  if (issues.length) {
    throw problems.validation(
      issues.map((message) => ({ field: 'body.newPassword', message })),
      '新密码不符合要求。',
    );
  }
  const hash = await hashPassword(next);
  await transaction(db, async (trx) => {
    await setPassword(trx, principal.kind, principal.id, hash);
    // Other sessions end: a changed password must lock out whoever knew the old one.
    await trx
      .updateTable('session')
      .set({ revoked_at: new Date() })
      .where('principal_kind', '=', principal.kind)
      .where('principal_id', '=', principal.id)
      .where('token_hash', '<>', principal.sessionHash)
      .where('revoked_at', 'is', null)
      .execute();
    await writeAudit(trx, actor, {
      action: 'auth.password_change',
      targetType: principal.kind,
      targetId: principal.id,
    });
  });
}

/** What the web client needs to know about the current user. */
export function describe(principal: Principal) {
  const permissions = (Object.keys(PERMISSIONS) as Permission[]).filter(
    (p) => scopeFor(principal, p).kind !== 'none',
  );
  if (principal.kind === 'staff') {
    return {
      kind: 'staff' as const,
      id: principal.id,
      username: principal.username,
      displayName: principal.displayName,
      unitId: principal.unitId,
      unitName: principal.unitName,
      regionCode: principal.regionCode,
      roles: principal.grants.map((g) => ({ role: g.role, scope: g.scope, scopeUnitIds: g.scopeUnitIds })),
      permissions,
      mustChangePassword: principal.mustChangePassword,
    };
  }
  return {
    kind: 'enterprise' as const,
    id: principal.id,
    username: principal.username,
    displayName: principal.displayName,
    uscc: principal.uscc,
    regionCode: principal.regionCode,
    roles: [],
    permissions,
    mustChangePassword: principal.mustChangePassword,
  };
}
