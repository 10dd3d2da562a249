import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { type Permission, rolesWith } from '../access/permissions.ts';

export const NOTIFY_CHANNEL = 'xietong_notification';

export interface NewNotification {
  userIds: number[];
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Makes the write idempotent per user: a re-run (sweep, retry) writes nothing new. */
  dedupeKey?: string;
}

export type ExternalChannel = 'email' | 'sms';

/**
 * Writes in-app notifications with the caller's executor (inside the transaction of the change),
 * one outbox row per configured external channel, and a NOTIFY that is delivered only if the
 * transaction commits. Returns the number of notifications created.
 */
export async function notify(
  db: Db,
  n: NewNotification,
  channels: readonly ExternalChannel[] = [],
): Promise<number> {
  const userIds = [...new Set(n.userIds)];
  if (userIds.length === 0) return 0;
  const rows = await db
    .insertInto('notification')
    .values(
      userIds.map((userId) => ({
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? '',
        link: n.link ?? null,
        dedupe_key: n.dedupeKey ? `${n.dedupeKey}:u${userId}` : null,
      })),
    )
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning(['id', 'user_id'])
    .execute();
  if (rows.length === 0) return 0;
  if (channels.length) {
    await db
      .insertInto('notification_outbox')
      .values(rows.flatMap((r) => channels.map((channel) => ({ notification_id: r.id, channel }))))
      .execute();
  }
  const users = [...new Set(rows.map((r) => Number(r.user_id)))];
  await sql`select pg_notify(${NOTIFY_CHANNEL}, ${users.join(',')})`.execute(db);
  return rows.length;
}

/** Enabled users of a unit holding one of the roles. */
async function unitRoleUserIds(db: Db, unitId: number, roles: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('app_user as a')
    .innerJoin('role_assignment as ra', 'ra.user_id', 'a.id')
    .select('a.id')
    .distinct()
    .where('a.unit_id', '=', unitId)
    .where('a.enabled', '=', true)
    .where('ra.role', 'in', roles)
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * Enabled users of a unit who hold one of the permissions: who is told of work is named by what
 * they may do about it (consultation:reply, coordination:manage …), never by a list of roles.
 */
export function unitUsersWith(
  db: Db,
  unitId: number,
  permissions: Permission | readonly Permission[],
): Promise<number[]> {
  const roles = new Set([permissions].flat().flatMap((p) => rolesWith(p)));
  return unitRoleUserIds(db, unitId, [...roles]);
}

/** Enabled users of a unit: who is told when a deadline has no single owner. */
export async function unitUserIds(db: Db, unitId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('enabled', '=', true)
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * Enabled users of any unit of a region who hold one of the permissions: for work that belongs to
 * a region's office rather than one unit (the leader in charge who chairs its meetings).
 */
export async function regionUsersWith(
  db: Db,
  regionCode: string,
  permissions: Permission | readonly Permission[],
): Promise<number[]> {
  const roles = [...new Set([permissions].flat().flatMap((p) => rolesWith(p)))];
  const rows = await db
    .selectFrom('app_user as a')
    .innerJoin('unit as u', 'u.id', 'a.unit_id')
    .innerJoin('role_assignment as ra', 'ra.user_id', 'a.id')
    .select('a.id')
    .distinct()
    .where('u.region_code', '=', regionCode)
    .where('a.enabled', '=', true)
    .where('ra.role', 'in', roles.length ? roles : ['-'])
    .execute();
  return rows.map((r) => Number(r.id));
}
