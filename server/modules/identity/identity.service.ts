import type { Config } from '../../config.ts';
import { type Db, transaction } from '../../db/client.ts';
import { PERMISSIONS, type Permission, ROLES, type Role } from '../../platform/access/permissions.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import type { OidcClient } from '../../platform/auth/oidc.ts';
import {
  burnPasswordCheck,
  hashPassword,
  passwordProblems,
  verifyPassword,
} from '../../platform/auth/passwords.ts';
import { createSession, revokeSessions } from '../../platform/auth/sessions.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import { type Problem, problems } from '../../platform/http/problem.ts';
import {
  advanceTotpStep,
  clearFailures,
  findEnterpriseByUsername,
  findStaffByUsername,
  passwordHashOf,
  recordFailure,
  replaceRecoveryCodes,
  revokeOtherSessions,
  rolePolicies,
  saveOidcLogin,
  setPassword,
  setTotp,
  spendRecoveryCode,
  takeOidcLogin,
  throttleFailures,
  totpState,
  upsertRolePolicy,
  userRequiresTotp,
} from './identity.repo.ts';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUrl } from './totp.ts';

// Per-address limit is wider than per-account: a shared office NAT must not lock everyone out.
const IP_FACTOR = 10;

export interface LoginInput {
  kind: 'staff' | 'enterprise';
  username: string;
  password: string;
  totpCode?: string;
}

export async function login(db: Db, config: Config, secrets: SecretBox, actor: Actor, input: LoginInput) {
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

  const fail = async (reason: string, problem: Problem) => {
    await transaction(db, async (trx) => {
      await recordFailure(trx, accountKey, minutes);
      await recordFailure(trx, ipKey, minutes);
      // Failures on a known staff account are filed under its unit, so its administrators see them.
      await writeAudit(
        trx,
        { ...actor, unitId: account ? unitOf(account) : null },
        {
          action: 'auth.login',
          outcome: 'failure',
          summary: { username, kind: input.kind, reason },
        },
      );
    });
    throw problem;
  };
  if (!account || !valid || !account.enabled) return fail('credentials', problems.invalidCredentials());

  // Second factor: a staff account with TOTP enabled needs a current code or a recovery code.
  if (input.kind === 'staff') {
    const userId = Number(account.id);
    const state = await totpState(db, userId);
    if (state.totp_enabled_at && state.totp_secret_enc) {
      const code = input.totpCode?.trim();
      if (!code) throw problems.totpRequired();
      const ok = /^\d{6}$/.test(code)
        ? await checkTotp(db, secrets, userId, state.totp_secret_enc, state.totp_last_step, code)
        : await spendRecoveryCode(db, userId, hashRecoveryCode(code));
      if (!ok) return fail('totp', problems.totpInvalid());
    }
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
      { ...actor, kind: input.kind, id: Number(account.id), name: username, unitId: unitOf(account) },
      {
        action: 'auth.login',
        targetType: input.kind === 'staff' ? 'user' : 'enterprise',
        targetId: Number(account.id),
      },
    );
    return token;
  });
}

const unitOf = (account: object): number | null => ('unit_id' in account ? Number(account.unit_id) : null);

async function checkTotp(
  db: Db,
  secrets: SecretBox,
  userId: number,
  sealed: string,
  lastStep: number | null,
  code: string,
): Promise<boolean> {
  const step = matchTotp(secrets.open(sealed), code, lastStep === null ? null : Number(lastStep));
  return step !== null && (await advanceTotpStep(db, userId, step));
}

/** Starts enrolment: a new secret, stored encrypted, not active until confirmed with a code. */
export async function enrolTotp(db: Db, secrets: SecretBox, actor: Actor, principal: Principal) {
  if (principal.kind !== 'staff') throw problems.forbidden('企业账号暂不支持动态验证码。');
  const state = await totpState(db, principal.id);
  if (state.totp_enabled_at) throw problems.conflict('已绑定动态验证码；如需更换，请先解除绑定。');
  const secret = newTotpSecret();
  await transaction(db, async (trx) => {
    await setTotp(trx, principal.id, { totp_secret_enc: secrets.seal(secret), totp_last_step: null });
    await writeAudit(trx, actor, {
      action: 'auth.totp_enrol_start',
      targetType: 'user',
      targetId: principal.id,
    });
  });
  return { secret, otpauthUrl: otpauthUrl(secret, principal.username) };
}

export async function confirmTotp(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  principal: Principal,
  code: string,
) {
  if (principal.kind !== 'staff') throw problems.forbidden('企业账号暂不支持动态验证码。');
  const state = await totpState(db, principal.id);
  if (state.totp_enabled_at) throw problems.conflict('动态验证码已绑定。');
  if (!state.totp_secret_enc) throw problems.unprocessable('请先开始绑定，获取密钥后再输入验证码。');
  const step = matchTotp(secrets.open(state.totp_secret_enc), code, null);
  if (step === null) {
    throw problems.validation([
      { field: 'body.code', message: '验证码不正确，请检查手机时间并输入最新的验证码' },
    ]);
  }
  const codes = newRecoveryCodes();
  await transaction(db, async (trx) => {
    await setTotp(trx, principal.id, { totp_enabled_at: new Date(), totp_last_step: step });
    await replaceRecoveryCodes(trx, principal.id, codes.map(hashRecoveryCode));
    await writeAudit(trx, actor, { action: 'auth.totp_enabled', targetType: 'user', targetId: principal.id });
  });
  return codes;
}

export async function disableTotp(db: Db, actor: Actor, principal: Principal, password: string) {
  if (principal.kind !== 'staff') throw problems.forbidden('企业账号暂不支持动态验证码。');
  const state = await totpState(db, principal.id);
  if (!(await verifyPassword(state.password_hash, password))) {
    throw problems.validation([{ field: 'body.password', message: '密码不正确' }]);
  }
  if (await userRequiresTotp(db, principal.id))
    throw problems.unprocessable('您的角色要求使用动态验证码，不能解除绑定。');
  await transaction(db, async (trx) => {
    await setTotp(trx, principal.id, { totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null });
    await replaceRecoveryCodes(trx, principal.id, []);
    await writeAudit(trx, actor, {
      action: 'auth.totp_disabled',
      targetType: 'user',
      targetId: principal.id,
    });
  });
}

export async function listRolePolicies(db: Db) {
  const rows = new Map((await rolePolicies(db)).map((r) => [r.role, r.totp_required]));
  return (Object.keys(ROLES) as Role[]).map((role) => ({
    role,
    label: ROLES[role].label,
    totpRequired: rows.get(role) ?? false,
  }));
}

/** Role policies are global: only an administrator whose user:manage scope is `all` sets them. */
export async function setRolePolicy(
  db: Db,
  actor: Actor,
  principal: Principal,
  role: Role,
  totpRequired: boolean,
) {
  if (scopeFor(principal, 'user:manage').kind !== 'all')
    throw problems.forbidden('只有全局管理员可以修改角色安全策略。');
  await transaction(db, async (trx) => {
    await upsertRolePolicy(trx, role, totpRequired);
    await writeAudit(trx, actor, {
      action: 'role_policy.update',
      targetType: 'role',
      targetId: role,
      summary: { totpRequired },
    });
  });
  return listRolePolicies(db);
}

export async function startOidcLogin(db: Db, oidc: OidcClient) {
  const start = await oidc.start();
  await saveOidcLogin(db, start);
  return start.url;
}

/** Finishes a provider login: the verified username must be an enabled local staff account. */
export async function finishOidcLogin(
  db: Db,
  config: Config,
  oidc: OidcClient,
  actor: Actor,
  callbackUrl: URL,
  state: string,
) {
  const pending = await takeOidcLogin(db, state);
  if (!pending) throw problems.badRequest('登录请求已过期或无效，请重新从登录页发起统一身份认证。');
  let username: string;
  try {
    username = await oidc.finish(callbackUrl, {
      state,
      nonce: pending.nonce,
      codeVerifier: pending.code_verifier,
    });
  } catch (err) {
    await transaction(db, (trx) =>
      writeAudit(trx, actor, {
        action: 'auth.oidc_login',
        outcome: 'failure',
        summary: { reason: (err as Error).message },
      }),
    );
    throw problems.unauthenticated(`统一身份认证未通过：${(err as Error).message}`);
  }
  const account = await findStaffByUsername(db, username);
  if (!account?.enabled) {
    await transaction(db, (trx) =>
      writeAudit(trx, actor, { action: 'auth.oidc_login', outcome: 'denied', summary: { username } }),
    );
    throw problems.forbidden(`统一身份账号 ${username} 未在本平台开通或已停用，请联系管理员。`);
  }
  return transaction(db, async (trx) => {
    const token = await createSession(trx, {
      kind: 'staff',
      principalId: Number(account.id),
      maxHours: config.SESSION_MAX_HOURS,
      ip: actor.ip ?? '',
      userAgent: actor.userAgent ?? '',
    });
    await writeAudit(
      trx,
      { ...actor, kind: 'staff', id: Number(account.id), name: username },
      {
        action: 'auth.oidc_login',
        targetType: 'user',
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
    await revokeOtherSessions(trx, principal.kind, principal.id, principal.sessionHash);
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
      mustEnrolTotp: principal.mustEnrolTotp,
      totpEnabled: principal.totpEnabled,
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
    mustEnrolTotp: false,
    totpEnabled: false,
  };
}
