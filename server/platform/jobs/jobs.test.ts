import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshDatabase, onPostgres } from '../../../test/db.ts';
import type { Database } from '../../db/client.ts';
import { enqueue, JobWorker } from './jobs.ts';

let database: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

const jobs = (kind: string) =>
  database.db
    .selectFrom('job')
    .select(['id', 'status', 'attempts', 'last_error', 'run_at'])
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();
const makeDue = (kind: string) =>
  database.db
    .updateTable('job')
    .set({ run_at: sql`now() - interval '1 second'` })
    .where('kind', '=', kind)
    .where('status', '=', 'queued')
    .execute();

describe('job queue', () => {
  it('a dedupe key makes a second enqueue a no-op', async () => {
    expect(await enqueue(database.db, 'test.dedupe', {}, { dedupeKey: '2026-11-26T10:00' })).toBe(true);
    expect(await enqueue(database.db, 'test.dedupe', {}, { dedupeKey: '2026-11-26T10:00' })).toBe(false);
    expect(await enqueue(database.db, 'test.dedupe', {}, { dedupeKey: '2026-11-26T10:01' })).toBe(true);
    expect(await jobs('test.dedupe')).toHaveLength(2);
  });

  it('retries with backoff, then keeps the job as dead with its error', async () => {
    let calls = 0;
    const worker = new JobWorker(database.db).define('test.flaky', z.object({ n: z.number() }), async () => {
      calls++;
      throw new Error('对方系统暂不可用');
    });
    await enqueue(database.db, 'test.flaky', { n: 1 }, { maxAttempts: 3 });
    await worker.runDue();
    let [job] = await jobs('test.flaky');
    expect(job).toMatchObject({ status: 'queued', attempts: 1, last_error: '对方系统暂不可用' });
    expect(job!.run_at.getTime()).toBeGreaterThan(Date.now()); // backoff: not due again yet
    expect(await worker.runDue()).toBe(0);
    for (let i = 0; i < 2; i++) {
      await makeDue('test.flaky');
      await worker.runDue();
    }
    [job] = await jobs('test.flaky');
    expect(job).toMatchObject({ status: 'dead', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('validates the payload with the kind’s schema; a bad payload never reaches the handler', async () => {
    let reached = false;
    const worker = new JobWorker(database.db).define(
      'test.typed',
      z.object({ deadlineId: z.number().int() }),
      async () => {
        reached = true;
      },
    );
    await enqueue(database.db, 'test.typed', { deadlineId: 'abc' }, { maxAttempts: 1 });
    await worker.runDue();
    expect(reached).toBe(false);
    const [job] = await jobs('test.typed');
    expect(job?.status).toBe('dead');
    expect(job?.last_error).toMatch(/deadlineId/);
  });

  it(`two workers${onPostgres ? ' on separate connection pools' : ''} share one queue: every job runs exactly once`, async () => {
    const other: Database = database.reopen ? await database.reopen() : database;
    const ran: number[] = [];
    const define = (w: JobWorker) =>
      w.define('test.parallel', z.object({ i: z.number() }), async ({ i }) => {
        ran.push(i);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
      });
    const a = define(new JobWorker(database.db));
    const b = define(new JobWorker(other.db));
    for (let i = 0; i < 200; i++) await enqueue(database.db, 'test.parallel', { i });
    const [na, nb] = await Promise.all([a.runDue(), b.runDue()]);
    expect(na + nb).toBe(200);
    if (onPostgres) expect(Math.min(na, nb)).toBeGreaterThan(0); // both really took part
    expect(ran.sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect((await jobs('test.parallel')).every((j) => j.status === 'done')).toBe(true);
    if (other !== database) await other.close();
  });

  it('a job whose worker died is taken over after its lease', async () => {
    const worker = new JobWorker(database.db, { leaseSeconds: 1 }).define(
      'test.lease',
      z.object({}),
      async () => {},
    );
    await enqueue(database.db, 'test.lease', {});
    // Simulate a worker that claimed the job and vanished.
    await database.db
      .updateTable('job')
      .set({ status: 'running', locked_by: 'w-gone', locked_until: sql`now() - interval '1 second'` })
      .where('kind', '=', 'test.lease')
      .execute();
    expect(await worker.runDue()).toBe(1);
    expect((await jobs('test.lease'))[0]?.status).toBe('done');
  });
});
