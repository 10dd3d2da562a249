import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import { type PageRequest, readPage } from '../../db/paging.ts';

// Notifications belong to one user: every query here is keyed by the reader's own id.
export function listNotifications(
  db: Db,
  userId: number,
  f: { unread?: boolean; before?: number },
  p: PageRequest,
) {
  let q = db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId);
  if (f.unread) q = q.where('read_at', 'is', null);
  return readPage(
    db,
    q,
    p,
    (q) => (f.before ? q.where('id', '<', f.before) : q).orderBy('id', 'desc'),
    !!f.before,
  );
}

export async function unreadCount(db: Db, userId: number): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Db, userId: number, id: number | 'all'): Promise<number> {
  let q = db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (id !== 'all') q = q.where('id', '=', id);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function findNotification(db: Db, userId: number, id: number) {
  return db
    .selectFrom('notification')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function latestNotification(db: Db, userId: number) {
  return db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}
