import { afterAll, describe, expect, it } from 'vitest';
import { SWEEP_JOB } from '../server/modules/deadlines/deadlines.jobs.ts';
import { enqueue } from '../server/platform/jobs/jobs.ts';
import { freshDatabase, onPostgres } from './db.ts';
import { freePort, type ServerProcess, startServer, waitReady } from './process.ts';

// Several app servers on one PostgreSQL share the job queue: every job runs once, none is lost.
// (The embedded database allows one process per data directory, so this runs on PostgreSQL.)
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) s.child.kill('SIGKILL');
});

describe.runIf(onPostgres)('two server processes on PostgreSQL', () => {
  it('share the queue without running a job twice', { timeout: 120_000 }, async () => {
    const database = await freshDatabase();
    try {
      const JOBS = 300;
      for (let i = 0; i < JOBS; i++) {
        await enqueue(database.db, SWEEP_JOB, { on: '2026-09-30' }, { dedupeKey: `two-process-${i}` });
      }
      for (let i = 0; i < 2; i++) {
        const s = startServer(`/tmp/xt-unused-${process.pid}-${i}`, await freePort(), {
          DATABASE_URL: database.url!,
        });
        running.push(s);
      }
      await Promise.all(running.map((s) => waitReady(s)));
      const rows = async () =>
        database.db
          .selectFrom('job')
          .select(['status', 'attempts', 'locked_by'])
          .where('dedupe_key', 'like', 'two-process-%')
          .execute();
      const deadline = Date.now() + 90_000;
      while ((await rows()).some((r) => r.status !== 'done') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
      }
      const done = await rows();
      expect(done).toHaveLength(JOBS);
      expect(done.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
      // Both servers took part.
      expect(new Set(done.map((r) => r.locked_by)).size).toBe(2);
      // The sweeps ran concurrently but each warning exists once per user.
      const dupes = await database.db
        .selectFrom('notification')
        .select((eb) => ['dedupe_key', eb.fn.countAll<number>().as('n')])
        .where('dedupe_key', 'is not', null)
        .groupBy('dedupe_key')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .execute();
      expect(dupes).toEqual([]);
    } finally {
      for (const s of running) s.child.kill('SIGTERM');
      await Promise.all(running.map((s) => s.exited));
      await database.close();
    }
  });
});
