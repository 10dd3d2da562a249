import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warningLevelFromDates } from '../../../lib/warning.ts';
import { type TestApp, testApp } from '../../../test/app.ts';
import { transaction } from '../../db/client.ts';
import { createDeadline, sweepDeadlines, today } from '../../platform/deadlines/deadlines.ts';

let t: TestApp;
let officer: string;
let officerId: number;
let unitId: number;
beforeAll(async () => {
  t = await testApp();
  officer = await t.login('nanhu.officer');
  const row = await t.database.db
    .selectFrom('app_user')
    .select(['id', 'unit_id'])
    .where('username', '=', 'nanhu.officer')
    .executeTakeFirstOrThrow();
  officerId = Number(row.id);
  unitId = Number(row.unit_id);
});
afterAll(() => t.close());

const make = (
  subjectId: string,
  startDate: string,
  limitDays: number,
  on = startDate,
  owner: number | null = officerId,
) =>
  transaction(t.database.db, (trx) =>
    createDeadline(
      trx,
      {
        subjectType: 'test',
        subjectId,
        kind: 'legal',
        title: `测试 ${subjectId}`,
        regionCode: '330402',
        unitId,
        ownerUserId: owner,
        startDate,
        limitDays,
      },
      on,
    ),
  );

describe('deadline ledger API', () => {
  it('explains a due date line by line, and suspension/resumption move it', async () => {
    const d = await make('ledger', '2026-09-18', 10);
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/deadlines/${d.id}`,
      headers: { cookie: officer },
    });
    expect(get.statusCode).toBe(200);
    expect(get.json().dueDate).toBe('2026-10-09');
    expect(
      get
        .json()
        .lines.map((l: { text: string }) => l.text)
        .join('\n'),
    ).toMatch(/2026-09-18/);

    const suspend = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/suspensions`,
      headers: { cookie: officer },
      payload: { kind: 'correction', from: '2026-09-22', reason: '申请人补正规划图纸' },
    });
    expect(suspend.statusCode).toBe(201);
    expect(suspend.json().dueDate).toBeNull(); // clock stopped, open suspension
    expect(suspend.json().suspensions).toEqual([
      expect.objectContaining({ kind: 'correction', kindLabel: '补正', to: null }),
    ]);

    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/resume`,
      headers: { cookie: officer },
      payload: { to: '2026-09-24' },
    });
    expect(resume.statusCode).toBe(200);
    // Used before the suspension: 09-20 (make-up Sunday) and 09-21 = 2 days, 8 left. Resumed 09-24:
    // 09-25..27 is 中秋, 10-01..07 国庆, so the 8 days are 09-28, 29, 30, 10-08, 09, 10 (make-up), 12, 13.
    expect(resume.json().dueDate).toBe('2026-10-13');
    expect(resume.json().daysUsed).toBeGreaterThanOrEqual(2);
    expect(resume.json().changes.map((c: { newDue: string | null }) => c.newDue)).toEqual([
      null,
      '2026-10-13',
    ]);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/resume`,
      headers: { cookie: officer },
      payload: { to: '2026-09-25' },
    });
    expect(again.statusCode).toBe(409);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('target_id', '=', String(d.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['deadline.suspend', 'deadline.resume']);
  });

  it('refuses a suspension that starts before the start day, with the engine’s Chinese reason', async () => {
    const d = await make('early', '2026-09-18', 10);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/suspensions`,
      headers: { cookie: officer },
      payload: { kind: 'site_inspection', from: '2026-09-01', reason: '现场勘验' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/早于起算日/);
  });

  it('another department cannot see or suspend it (404)', async () => {
    const d = await make('scoped', '2026-09-18', 10);
    const other = await t.login('nanhu.officer2');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/deadlines/${d.id}`, headers: { cookie: other } }))
        .statusCode,
    ).toBe(404);
    const s = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/suspensions`,
      headers: { cookie: other },
      payload: { kind: 'correction', from: '2026-09-22', reason: '补正' },
    });
    expect(s.statusCode).toBe(404);
    const list = (
      await t.app.inject({ method: 'GET', url: '/api/deadlines?limit=500', headers: { cookie: other } })
    ).json();
    expect(list.items.map((x: { id: number }) => x.id)).not.toContain(Number(d.id));
  });

  it('the list’s level filter (SQL) agrees with lib/warning.ts for every deadline', async () => {
    const now = today();
    // One deadline of each level today, whatever today is: overdue long ago; a 2-day limit starting
    // today is yellow at once (threshold max(2, 2/5) = 2); a 20-day limit starting today is green.
    await make('level-red', '2026-01-05', 1, now);
    await make('level-yellow', now, 2, now);
    await make('level-green', now, 20, now);
    for (const level of ['green', 'yellow', 'red'] as const) {
      const items = (
        await t.app.inject({
          method: 'GET',
          url: `/api/deadlines?level=${level}&limit=500`,
          headers: { cookie: await t.login('city.admin') },
        })
      ).json().items;
      for (const i of items) expect(warningLevelFromDates(now, i.dueDate, i.yellowFrom), i.title).toBe(level);
    }
    const all = (
      await t.app.inject({
        method: 'GET',
        url: '/api/deadlines?limit=500',
        headers: { cookie: await t.login('city.admin') },
      })
    ).json().items;
    expect(new Set(all.map((i: { level: string }) => i.level))).toEqual(new Set(['green', 'yellow', 'red']));
  });
});

describe('natural-day deadlines (R-CAT-1)', () => {
  it('count every day, move a rest-day end to the next working day, and keep counting so after a suspension', async () => {
    const d = await transaction(t.database.db, (trx) =>
      createDeadline(
        trx,
        {
          subjectType: 'test',
          subjectId: 'natural',
          kind: 'legal',
          title: '自然日时限',
          regionCode: '330402',
          unitId,
          startDate: '2026-09-28',
          limitDays: 5,
          unit: 'natural',
        },
        '2026-09-28',
      ),
    );
    // 9/29 … 10/3 (国庆) → first working day 10/8; in working days it would be 10/10.
    expect(d).toMatchObject({ due_date: '2026-10-08', day_unit: 'natural' });
    const suspend = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/suspensions`,
      headers: { cookie: officer },
      payload: { kind: 'site_inspection', from: '2026-09-30', reason: '现场勘验' },
    });
    expect(suspend.statusCode).toBe(201);
    const resume = await t.app.inject({
      method: 'POST',
      url: `/api/deadlines/${d.id}/resume`,
      headers: { cookie: officer },
      payload: { to: '2026-10-09' },
    });
    // 9/29 counted (1); 9/30–10/9 stopped; 10/10, 10/11, 10/12, 10/13 → 10/13 (Tuesday).
    expect(resume.json().dueDate).toBe('2026-10-13');
    expect(JSON.stringify(resume.json().lines)).toContain('时限 5 日（自然日）');
  });
});

describe('warning sweep', () => {
  it('notifies yellow and red once; a re-run writes nothing new', async () => {
    const red = await make('sweep-red', '2026-09-01', 5, '2026-09-01');
    const count = () =>
      t.database.db
        .selectFrom('notification')
        .select(['kind', 'title', 'dedupe_key'])
        .where('dedupe_key', 'like', `deadline:${red.id}:%`)
        .execute();
    const first = await transaction(t.database.db, (trx) => sweepDeadlines(trx, '2026-09-30'));
    expect(first).toBeGreaterThan(0);
    expect(await count()).toEqual([
      expect.objectContaining({ kind: 'deadline.red', title: expect.stringContaining('红灯超期') }),
    ]);
    expect(await transaction(t.database.db, (trx) => sweepDeadlines(trx, '2026-09-30'))).toBe(0);
    // A deadline without an owner notifies the users of its unit.
    const unowned = await make('sweep-unit', '2026-09-01', 5, '2026-09-01', null);
    await transaction(t.database.db, (trx) => sweepDeadlines(trx, '2026-09-30'));
    const unitUsers = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('unit_id', '=', unitId)
      .execute();
    const told = await t.database.db
      .selectFrom('notification')
      .select('user_id')
      .where('dedupe_key', 'like', `deadline:${unowned.id}:%`)
      .execute();
    expect(told.map((n) => Number(n.user_id)).sort()).toEqual(unitUsers.map((u) => Number(u.id)).sort());
  });
});
