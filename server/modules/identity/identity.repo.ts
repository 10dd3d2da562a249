import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

export function findStaffByUsername(db: Db, username: string) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'username',
      'password_hash',
      'enabled',
      'unit_id',
      'totp_secret_enc',
      'totp_enabled_at',
      'totp_last_step',
    ])
    .where('username', '=', username)
    .executeTakeFirst();
}

export function findEnterpriseByUsername(db: Db, username: string) {
  return db
    .selectFrom('enterprise')
    .select(['id', 'username', 'password_hash', 'enabled'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** Failures counted for a key within the current window (a window older than `minutes` restarts). */
export async function throttleFailures(db: Db, key: string, minutes: number): Promise<number> {
  const row = await db
    .selectFrom('login_throttle')
    .select('failures')
    .where('key', '=', key)
    .where('window_start', '>', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .executeTakeFirst();
  return row?.failures ?? 0;
}

export async function recordFailure(db: Db, key: string, minutes: number) {
  await sql`
    insert into login_throttle (key, failures, window_start) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when login_throttle.window_start > now() - make_interval(mins => ${minutes})
                      then login_throttle.failures + 1 else 1 end,
      window_start = case when login_throttle.window_start > now() - make_interval(mins => ${minutes})
                      then login_throttle.window_start else now() end`.execute(db);
}

export async function clearFailures(db: Db, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function setPassword(db: Db, kind: 'staff' | 'enterprise', id: number, hash: string) {
  const table = kind === 'staff' ? 'app_user' : 'enterprise';
  await db
    .updateTable(table)
    .set({
      password_hash: hash,
      must_change_password: false,
      password_changed_at: sql`now()`,
      updated_at: sql`now()`,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .execute();
}

/** Ends every session of a principal but the one in use. */
export async function revokeOtherSessions(
  db: Db,
  kind: 'staff' | 'enterprise',
  id: number,
  keepHash: string,
) {
  await db
    .updateTable('session')
    .set({ revoked_at: new Date() })
    .where('principal_kind', '=', kind)
    .where('principal_id', '=', id)
    .where('token_hash', '<>', keepHash)
    .where('revoked_at', 'is', null)
    .execute();
}

export function passwordHashOf(db: Db, kind: 'staff' | 'enterprise', id: number) {
  return db
    .selectFrom(kind === 'staff' ? 'app_user' : 'enterprise')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export function totpState(db: Db, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['totp_secret_enc', 'totp_enabled_at', 'totp_last_step', 'password_hash'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

export async function setTotp(
  db: Db,
  userId: number,
  patch: { totp_secret_enc?: string | null; totp_enabled_at?: Date | null; totp_last_step?: number | null },
) {
  await db.updateTable('app_user').set(patch).where('id', '=', userId).execute();
}

/** Marks a time step used, only if it is newer than the last one (no replay across requests). */
export async function advanceTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: number, hashes: string[]) {
  await db.deleteFrom('totp_recovery_code').where('user_id', '=', userId).execute();
  if (hashes.length) {
    await db
      .insertInto('totp_recovery_code')
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash })))
      .execute();
  }
}

export async function spendRecoveryCode(db: Db, userId: number, hash: string): Promise<boolean> {
  const r = await db
    .updateTable('totp_recovery_code')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function rolePolicies(db: Db) {
  return db.selectFrom('role_policy').select(['role', 'totp_required']).execute();
}

export async function upsertRolePolicy(db: Db, role: string, totpRequired: boolean) {
  await db
    .insertInto('role_policy')
    .values({ role, totp_required: totpRequired })
    .onConflict((oc) =>
      oc.column('role').doUpdateSet({ totp_required: totpRequired, updated_at: sql`now()` }),
    )
    .execute();
}

export async function userRequiresTotp(db: Db, userId: number): Promise<boolean> {
  const r = await db
    .selectFrom('role_assignment as a')
    .innerJoin('role_policy as p', 'p.role', 'a.role')
    .select('a.role')
    .where('a.user_id', '=', userId)
    .where('p.totp_required', '=', true)
    .executeTakeFirst();
  return Boolean(r);
}

export async function saveOidcLogin(db: Db, row: { state: string; nonce: string; codeVerifier: string }) {
  await db.deleteFrom('oidc_login').where('created_at', '<', sql<Date>`now() - interval '1 hour'`).execute();
  await db
    .insertInto('oidc_login')
    .values({ state: row.state, nonce: row.nonce, code_verifier: row.codeVerifier })
    .execute();
}

/** Takes a pending login once (a state cannot be replayed); only one started in the last 10 minutes. */
export function takeOidcLogin(db: Db, state: string) {
  return db
    .deleteFrom('oidc_login')
    .where('state', '=', state)
    .where('created_at', '>', sql<Date>`now() - interval '10 minutes'`)
    .returning(['state', 'nonce', 'code_verifier'])
    .executeTakeFirst();
}
