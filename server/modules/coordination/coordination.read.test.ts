import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/db.ts';
import { makeCommitment, makeConsultation, makeRequest } from '../../../test/factories.ts';
import type { Database } from '../../db/client.ts';
import { principal } from '../../demo/principals.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { board, commitments, requestDetail } from './coordination.read.ts';

// Read models on subjects written straight into the database by the factories (no use case
// runs): the board counts each state, a department sees a request only through what was sent to
// it, and the tracker lists the open commitments of the departments in scope.
let database: Database;
let coordinator: Principal;
let officer: Principal;
let otherOfficer: Principal;
let department: number;
beforeAll(async () => {
  database = await freshDatabase();
  coordinator = await principal(database.db, 'nanhu.coord');
  officer = await principal(database.db, 'nanhu.officer');
  otherOfficer = await principal(database.db, 'nanhu.officer2');
  department = officer.kind === 'staff' ? officer.unitId : 0;
});
afterAll(() => database.close());

const column = async (state: string) =>
  (await board(database.db, coordinator)).find((c) => c.state === state)!;

describe('coordination read models', () => {
  it('the board counts one more request in each state it was made in', async () => {
    const states = ['submitted', 'consulting', 'tracking'] as const;
    const before = await Promise.all(states.map((s) => column(s)));
    for (const state of states) await makeRequest(database.db, { state });
    const after = await Promise.all(states.map((s) => column(s)));
    expect(after.map((c) => c.total)).toEqual(before.map((c) => c.total + 1));
  });

  it('a department sees a request through its consultation only, and another department not at all', async () => {
    const r = await makeRequest(database.db, { state: 'consulting' });
    const c = await makeConsultation(database.db, Number(r.id), department);
    const seen = await requestDetail(database.db, officer, Number(r.id));
    expect(seen.fullView).toBe(false);
    expect(seen.cons.map((x) => Number(x.id))).toEqual([Number(c.id)]);
    await expect(requestDetail(database.db, otherOfficer, Number(r.id))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('the tracker lists a department’s open commitments, not its done ones', async () => {
    const r = await makeRequest(database.db, { state: 'tracking' });
    const open = await makeCommitment(database.db, Number(r.id), department, {
      content: '三个工作日内出具意见',
    });
    const done = await makeCommitment(database.db, Number(r.id), department, { status: 'done' });
    const list = await commitments(
      database.db,
      officer,
      { status: 'open', requestId: Number(r.id) },
      { limit: 50 },
    );
    expect(list.rows.map((k) => Number(k.id))).toEqual([Number(open.id)]);
    expect(list.rows.map((k) => Number(k.id))).not.toContain(Number(done.id));
    expect(list.total).toBe(1);
  });
});

describe('the commitments tracker', () => {
  it('filters by the owning department and orders by due date without losing rows', async () => {
    const r = await makeRequest(database.db, { state: 'tracking' });
    const other = otherOfficer.kind === 'staff' ? otherOfficer.unitId : 0;
    await makeCommitment(database.db, Number(r.id), department);
    await makeCommitment(database.db, Number(r.id), other);
    const mine = await commitments(database.db, coordinator, { departmentId: department }, { limit: 500 });
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(new Set(mine.rows.map((k) => Number(k.department_id)))).toEqual(new Set([department]));
    expect(mine.total).toBe(mine.rows.length);
    const byDue = await commitments(
      database.db,
      coordinator,
      { departmentId: department, order: 'due' },
      { limit: 500 },
    );
    expect(byDue.rows.map((k) => Number(k.id)).sort()).toEqual(mine.rows.map((k) => Number(k.id)).sort());
  });
});
