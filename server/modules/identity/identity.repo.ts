import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';

export function findStaffByUsername(db: Db, username: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'username', 'password_hash', 'enabled', 'unit_id'])
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

export function passwordHashOf(db: Db, kind: 'staff' | 'enterprise', id: number) {
  return db
    .selectFrom(kind === 'staff' ? 'app_user' : 'enterprise')
    .select('password_hash')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
