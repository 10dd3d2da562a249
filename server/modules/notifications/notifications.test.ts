import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { transaction } from '../../db/client.ts';
import { notify } from '../../platform/notify/notify.ts';

let t: TestApp;
let cookie: string;
let userId: number;
let base: string;
beforeAll(async () => {
  t = await testApp();
  cookie = await t.login('xiuzhou.liaison');
  userId = Number(
    (
      await t.database.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', 'xiuzhou.liaison')
        .executeTakeFirstOrThrow()
    ).id,
  );
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(() => t.close());

/** Reads server-sent events from a real HTTP connection. */
async function openStream() {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/notifications/stream`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  // One read in flight at a time: a read abandoned by a timeout keeps its chunk for the next call.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;
  const next = async (
    timeoutMs = 2000,
  ): Promise<{ unread: number; latest: { title: string } | null } | 'timeout'> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data: '));
        if (data) return JSON.parse(data.slice(6));
        continue;
      }
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      pending ??= reader.read();
      const chunk = await Promise.race([
        pending,
        new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left)),
      ]);
      if (chunk === 'timeout') return 'timeout';
      pending = undefined;
      if (chunk.done) throw new Error('stream closed');
      buffer += decoder.decode(chunk.value, { stream: true });
    }
  };
  return { next, close: () => controller.abort() };
}

describe('in-app notifications', () => {
  it('are delivered live over SSE when the transaction commits, never when it rolls back', async () => {
    const stream = await openStream();
    const first = await stream.next();
    expect(first).toMatchObject({ unread: 0 });

    await expect(
      transaction(t.database.db, async (trx) => {
        await notify(trx, { userIds: [userId], kind: 'test', title: '不应送达' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await stream.next(300)).toBe('timeout');

    await transaction(t.database.db, (trx) =>
      notify(trx, { userIds: [userId], kind: 'test', title: '征询意见即将到期', link: '/x' }),
    );
    const event = await stream.next();
    // (The delay itself is measured by `npm run bench`, not asserted here.)
    expect(event).toMatchObject({ unread: 1, latest: { title: '征询意见即将到期' } });
    stream.close();
  });

  it('inbox: list, unread count, mark read, read all; another user’s notification is a 404', async () => {
    await transaction(t.database.db, (trx) =>
      notify(trx, { userIds: [userId], kind: 'test', title: '第二条' }),
    );
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/notifications?unread=true',
      headers: { cookie },
    });
    expect(list.json().items.map((n: { title: string }) => n.title)).toEqual(['第二条', '征询意见即将到期']);
    const id = list.json().items[0].id;
    const read = await t.app.inject({
      method: 'POST',
      url: `/api/notifications/${id}/read`,
      headers: { cookie },
    });
    expect(read.json()).toEqual({ unread: 1 });
    const other = await t.login('xiuzhou.clerk');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/notifications/${id}/read`,
          headers: { cookie: other },
        })
      ).statusCode,
    ).toBe(404);
    await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers: { cookie } });
    expect(
      (
        await t.app.inject({ method: 'GET', url: '/api/notifications/unread-count', headers: { cookie } })
      ).json(),
    ).toEqual({ unread: 0 });
  });

  it('a dedupe key makes a repeated notice a no-op; configured channels get outbox rows', async () => {
    const n1 = await transaction(t.database.db, (trx) =>
      notify(trx, { userIds: [userId], kind: 'test', title: '重复', dedupeKey: 'k-1' }, ['email', 'sms']),
    );
    const n2 = await transaction(t.database.db, (trx) =>
      notify(trx, { userIds: [userId], kind: 'test', title: '重复', dedupeKey: 'k-1' }, ['email', 'sms']),
    );
    expect([n1, n2]).toEqual([1, 0]);
    const outbox = await t.database.db
      .selectFrom('notification_outbox as o')
      .innerJoin('notification as n', 'n.id', 'o.notification_id')
      .select(['o.channel', 'o.status'])
      .where('n.dedupe_key', '=', `k-1:u${userId}`)
      .orderBy('o.channel')
      .execute();
    expect(outbox).toEqual([
      { channel: 'email', status: 'pending' },
      { channel: 'sms', status: 'pending' },
    ]);
  });

  it('the stream needs an EventSource request (406 otherwise) and a login (401)', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/notifications/stream', headers: { cookie } }))
        .statusCode,
    ).toBe(406);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/notifications/stream',
          headers: { accept: 'text/event-stream' },
        })
      ).statusCode,
    ).toBe(401);
  });
});
