import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflict, forbidden, type Verdict } from '../../../lib/verdict.ts';
import { freshDatabase } from '../../../test/db.ts';
import type { Database, Db } from '../../db/client.ts';
import { SYSTEM_ACTOR } from '../audit/audit.ts';
import { Problem } from '../http/problem.ts';
import { type Action, type ActionContext, type Effect, runAction, type Workflow } from './runner.ts';

// The runner's fixed order, on a real database: each step is recorded, and a refusal at any step
// leaves nothing written (the effect's row, the commit's row and the notification roll back).
let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await sql`create table runner_probe (id serial primary key, note text not null)`.execute(database.db);
});
afterAll(() => database.close());

interface Row {
  id: number;
  version: number;
}
const steps: string[] = [];
const probes = async () =>
  (await sql<{ note: string }>`select note from runner_probe order by id`.execute(database.db)).rows.map(
    (r) => r.note,
  );
const insertProbe = (trx: Db, note: string) =>
  sql`insert into runner_probe (note) values (${note})`.execute(trx);

const workflow: Workflow<Row, { facts: true }, { move: true }, Effect & { note?: string }> = {
  async lock() {
    steps.push('lock');
  },
  async load(_trx, _principal, id) {
    steps.push('load');
    if (id !== 1) throw new Problem(404, 'not-found', '不存在');
    return { id, version: 3 };
  },
  version: (row) => row.version,
  stale: '已被他人修改',
  async facts() {
    steps.push('facts');
    return { facts: true };
  },
  async commit(trx, _ctx, _row, _move, change) {
    steps.push('commit');
    await insertProbe(trx, `commit:${change.note ?? ''}`);
  },
};

const ctx = (): ActionContext => ({
  db: database.db,
  secrets: undefined as never,
  actor: SYSTEM_ACTOR,
  principal: undefined as never,
});

function action(
  decide: () => Verdict<{ move: true }> = () => ({ ok: true, move: true }),
  failAt?: 'check',
): Action<Row, { facts: true }, { move: true }, Effect & { note?: string }> {
  return {
    decide: () => {
      steps.push('decide');
      return decide();
    },
    check: () => {
      steps.push('check');
      if (failAt === 'check') throw new Problem(422, 'unprocessable', '校验不通过');
    },
    effect: async (trx) => {
      steps.push('effect');
      await insertProbe(trx, 'effect');
      return { note: 'ok', notices: [] };
    },
  };
}

async function run(version: number | undefined, a = action(), id = 1) {
  steps.length = 0;
  await sql`delete from runner_probe`.execute(database.db);
  try {
    await runAction(ctx(), workflow, id, version, a);
    return 200;
  } catch (err) {
    if (err instanceof Problem) return err.status;
    throw err;
  }
}

describe('the workflow runner', () => {
  it('runs lock → load → facts → decide → check → effect → commit, in one transaction', async () => {
    expect(await run(3)).toBe(200);
    expect(steps).toEqual(['lock', 'load', 'facts', 'decide', 'check', 'effect', 'commit']);
    expect(await probes()).toEqual(['effect', 'commit:ok']);
  });

  it.each([
    ['the wrong party', () => forbidden('无权'), 403],
    ['the wrong moment', () => conflict('状态不允许'), 409],
  ] as const)('refuses %s before any check or write', async (_label, decide, status) => {
    expect(await run(3, action(decide))).toBe(status);
    expect(steps).toEqual(['lock', 'load', 'facts', 'decide']);
    expect(await probes()).toEqual([]);
  });

  it('refuses a stale version (412) after the decision and before the checks', async () => {
    expect(await run(2)).toBe(412);
    expect(steps).toEqual(['lock', 'load', 'facts', 'decide']);
    expect(await probes()).toEqual([]);
  });

  it('a failed check runs no effect: nothing is numbered, sealed or written', async () => {
    expect(await run(3, action(undefined, 'check'))).toBe(422);
    expect(steps).toEqual(['lock', 'load', 'facts', 'decide', 'check']);
    expect(await probes()).toEqual([]);
  });

  it('an out-of-scope subject is a 404 and nothing else runs', async () => {
    expect(await run(3, action(), 2)).toBe(404);
    expect(steps).toEqual(['lock', 'load']);
  });

  it('without a version (side actions) the subject is still locked and checked', async () => {
    expect(await run(undefined)).toBe(200);
    expect(steps).toEqual(['lock', 'load', 'facts', 'decide', 'check', 'effect', 'commit']);
  });

  it('a failing commit rolls back the effect', async () => {
    const failing = {
      ...workflow,
      commit: async () => Promise.reject(new Problem(412, 'stale', '已被他人修改')),
    };
    steps.length = 0;
    await sql`delete from runner_probe`.execute(database.db);
    await expect(runAction(ctx(), failing, 1, 3, action())).rejects.toThrow('已被他人修改');
    expect(await probes()).toEqual([]);
  });
});
