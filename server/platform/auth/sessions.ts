import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../access/scope.ts';
import { insertSession, loadEnterprise, loadSession, revokeSessions, touchSession } from './session.repo.ts';

/** Ends sessions: one by its token hash, or all of a principal. Returns how many were live. */
export { revokeSessions };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  opts: {
    kind: 'staff' | 'enterprise';
    principalId: number;
    maxHours: number;
    ip: string;
    userAgent: string;
  },
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, {
    tokenHash: hashToken(token),
    kind: opts.kind,
    principalId: opts.principalId,
    expiresAt: new Date(Date.now() + opts.maxHours * 3600_000),
    ip: opts.ip,
    userAgent: opts.userAgent.slice(0, 300),
  });
  return token;
}

/** Resolves a session token to the acting principal, or undefined when it is not valid. */
export async function principalFromToken(
  db: Db,
  token: string,
  idleMinutes: number,
): Promise<Principal | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const tokenHash = hashToken(token);
  const found = await loadSession(db, tokenHash, idleMinutes);
  if (!found) return undefined;
  const { session, staff } = found;
  if (session.kind === 'staff') {
    if (!staff?.user.enabled) return undefined;
    if (session.stale) await touchSession(db, tokenHash);
    return {
      kind: 'staff',
      id: Number(staff.user.id),
      username: staff.user.username,
      displayName: staff.user.display_name,
      unitId: Number(staff.user.unit_id),
      unitName: staff.user.unit_name,
      regionCode: staff.user.region_code,
      visibleRegionCodes: staff.visibleRegionCodes,
      grants: staff.grants,
      mustChangePassword: staff.user.must_change_password,
      mustEnrolTotp: staff.totpRequired && !staff.user.totp_enabled_at,
      totpEnabled: Boolean(staff.user.totp_enabled_at),
      sessionHash: tokenHash,
    };
  }
  const ent = await loadEnterprise(db, session.principalId);
  if (!ent?.enabled) return undefined;
  if (session.stale) await touchSession(db, tokenHash);
  return {
    kind: 'enterprise',
    id: Number(ent.id),
    username: ent.username,
    displayName: ent.name,
    uscc: ent.uscc,
    regionCode: ent.region_code,
    mustChangePassword: ent.must_change_password,
    sessionHash: tokenHash,
  };
}
