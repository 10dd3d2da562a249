import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { transaction } from '../../db/client.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';

let t: TestApp;
let admin: string;
let cityAdmin: string;
let officerId: number;
let unitId: number;
beforeAll(async () => {
  t = await testApp();
  admin = await t.login('nanhu.admin');
  cityAdmin = await t.login('city.admin');
  const officer = await t.database.db
    .selectFrom('app_user')
    .select(['id', 'unit_id'])
    .where('username', '=', 'nanhu.officer')
    .executeTakeFirstOrThrow();
  officerId = Number(officer.id);
  unitId = Number(officer.unit_id);
});
afterAll(() => t.close());

const newDeadline = (subjectId: string, startDate: string, limitDays: number, on: string) =>
  transaction(t.database.db, (trx) =>
    createDeadline(
      trx,
      {
        subjectType: 'test',
        subjectId,
        kind: 'promised',
        title: `测试时限 ${subjectId}`,
        regionCode: '330402',
        unitId,
        ownerUserId: officerId,
        startDate,
        limitDays,
      },
      on,
    ),
  );

describe('year view', () => {
  it('shows 2026 National Day: 10-01..10-07 off, 09-20 and 10-10 make-up working days, 248 working days', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/calendar?regionCode=330402&year=2026',
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.official).toBe(true);
    expect(body.workingDays).toBe(248);
    expect(body.sources[0].docNo).toBe('国办发明电〔2025〕7号');
    const day = (d: string) => body.days.find((x: { date: string }) => x.date === d);
    for (const d of ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']) {
      expect(day(d)).toMatchObject({ workday: false, category: 'holiday', name: '国庆节' });
    }
    expect(day('2026-09-20')).toMatchObject({ workday: true, category: 'makeup_workday' });
    expect(day('2026-10-10')).toMatchObject({ workday: true, category: 'makeup_workday' });
  });

  it('marks a year without an official notice as provisional, with the statutory holidays', async () => {
    const body = (
      await t.app.inject({
        method: 'GET',
        url: '/api/calendar?regionCode=330402&year=2027',
        headers: { cookie: admin },
      })
    ).json();
    expect(body.official).toBe(false);
    expect(body.days.every((d: { provisional: boolean }) => d.provisional)).toBe(true);
    const day = (d: string) => body.days.find((x: { date: string }) => x.date === d);
    expect(day('2027-02-05')).toMatchObject({ workday: false }); // 除夕
    expect(day('2027-10-01')).toMatchObject({ workday: false });
  });
});

describe('local overrides', () => {
  it('a typhoon closure moves open deadlines in the same transaction, logs why and tells the owner', async () => {
    // Fri 2026-09-18 + 10 working days = 2026-10-09 (STANDARDS §8 vector).
    const d = await newDeadline('typhoon', '2026-09-18', 10, '2026-09-18');
    expect(d.due_date).toBe('2026-10-09');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/overrides',
      headers: { cookie: admin },
      payload: {
        regionCode: '330402',
        date: '2026-09-22',
        kind: 'closure',
        reason: '台风红色预警，区政府通知全区停工',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().changed).toBeGreaterThanOrEqual(1);
    expect(res.json().changes).toContainEqual(
      expect.objectContaining({ id: Number(d.id), oldDue: '2026-10-09', newDue: '2026-10-10' }),
    );
    const row = await t.database.db
      .selectFrom('deadline')
      .select(['due_date'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row.due_date).toBe('2026-10-10'); // 10-10 is a make-up Saturday
    const log = await t.database.db
      .selectFrom('deadline_change')
      .select(['old_due', 'new_due', 'reason'])
      .where('deadline_id', '=', d.id)
      .execute();
    expect(log).toEqual([
      expect.objectContaining({
        old_due: '2026-10-09',
        new_due: '2026-10-10',
        reason: expect.stringContaining('台风'),
      }),
    ]);
    const notes = await t.database.db
      .selectFrom('notification')
      .select(['title', 'body'])
      .where('user_id', '=', officerId)
      .where('kind', '=', 'deadline.changed')
      .execute();
    expect(notes.some((n) => n.body.includes('2026-10-09') && n.body.includes('2026-10-10'))).toBe(true);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'calendar.override_add')
      .execute();
    expect(audit).toHaveLength(1);

    // A county inherits a closure of its city; the other county's deadlines are untouched by nanhu's.
    const view = (
      await t.app.inject({
        method: 'GET',
        url: '/api/calendar?regionCode=330402&year=2026',
        headers: { cookie: admin },
      })
    ).json();
    expect(view.days.find((x: { date: string }) => x.date === '2026-09-22')).toMatchObject({
      workday: false,
      category: 'local_closure',
    });
    const other = (
      await t.app.inject({
        method: 'GET',
        url: '/api/calendar?regionCode=330411&year=2026',
        headers: { cookie: cityAdmin },
      })
    ).json();
    expect(other.days.find((x: { date: string }) => x.date === '2026-09-22')).toMatchObject({
      workday: true,
    });

    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/api/calendar/overrides/330402/2026-09-22',
      headers: { cookie: admin },
    });
    expect(removed.statusCode).toBe(200);
    const back = await t.database.db
      .selectFrom('deadline')
      .select(['due_date'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(back.due_date).toBe('2026-10-09');
  });

  it('refuses another county, a duplicate date, and a missing reason', async () => {
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/overrides',
      headers: { cookie: admin },
      payload: { regionCode: '330411', date: '2026-11-02', kind: 'closure', reason: '停电检修' },
    });
    expect(other.statusCode).toBe(403);
    const ok = { regionCode: '330402', date: '2026-11-03', kind: 'closure', reason: '停电检修' };
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/calendar/overrides',
          headers: { cookie: admin },
          payload: ok,
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/calendar/overrides',
          headers: { cookie: admin },
          payload: ok,
        })
      ).statusCode,
    ).toBe(409);
    const noReason = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/overrides',
      headers: { cookie: admin },
      payload: { ...ok, date: '2026-11-04', reason: '' },
    });
    expect(noReason.statusCode).toBe(400);
  });
});

describe('importing an official arrangement for a provisional year', () => {
  // A hypothetical notice for 2027: 元旦 extended to Mon 01-04 (the provisional rule gives 01-01 only).
  const body = {
    year: 2027,
    sources: [
      {
        docNo: '国办发明电〔2026〕9号',
        title: '关于2027年部分节假日安排的通知',
        publishedOn: '2026-11-10',
        url: 'https://www.gov.cn/zhengce/2027',
      },
    ],
    days: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-04', kind: 'holiday', name: '元旦' },
      { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-02-08', kind: 'holiday', name: '春节' },
      { date: '2027-02-09', kind: 'holiday', name: '春节' },
      { date: '2027-02-10', kind: 'holiday', name: '春节' },
      { date: '2027-02-11', kind: 'holiday', name: '春节' },
      { date: '2027-02-20', kind: 'makeup_workday', name: '春节' },
    ],
  };

  it('preview lists the deadlines that would move and writes nothing; applying recomputes, clears provisional and logs', async () => {
    const d = await newDeadline('across-new-year', '2026-12-24', 10, '2026-12-24');
    expect(d.provisional).toBe(true);
    const before = d.due_date;
    const revisionBefore = (
      await t.database.db.selectFrom('calendar_state').select('revision').executeTakeFirstOrThrow()
    ).revision;

    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/imports/preview',
      headers: { cookie: cityAdmin },
      payload: body,
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().preview).toBe(true);
    const change = preview.json().changes.find((c: { id: number }) => c.id === Number(d.id));
    expect(change).toMatchObject({ oldDue: before, provisional: false });
    expect(change.newDue > before!).toBe(true);
    // Nothing was written.
    expect(
      (await t.database.db.selectFrom('calendar_year').select('year').where('year', '=', 2027).execute())
        .length,
    ).toBe(0);
    expect(
      (
        await t.database.db
          .selectFrom('deadline')
          .select('due_date')
          .where('id', '=', d.id)
          .executeTakeFirstOrThrow()
      ).due_date,
    ).toBe(before);
    expect(
      (await t.database.db.selectFrom('calendar_state').select('revision').executeTakeFirstOrThrow())
        .revision,
    ).toBe(revisionBefore);

    // Only a global administrator may load national data.
    const county = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/imports',
      headers: { cookie: admin },
      payload: body,
    });
    expect(county.statusCode).toBe(403);

    const apply = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/imports',
      headers: { cookie: cityAdmin },
      payload: body,
    });
    expect(apply.statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('deadline')
      .select(['due_date', 'provisional'])
      .where('id', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ due_date: change.newDue, provisional: false });
    const log = await t.database.db
      .selectFrom('deadline_change')
      .select(['old_due', 'new_due', 'old_provisional', 'new_provisional', 'reason'])
      .where('deadline_id', '=', d.id)
      .execute();
    expect(log).toEqual([
      {
        old_due: before,
        new_due: change.newDue,
        old_provisional: true,
        new_provisional: false,
        reason: expect.stringContaining('国办发明电〔2026〕9号'),
      },
    ]);
    const year = (
      await t.app.inject({
        method: 'GET',
        url: '/api/calendar?regionCode=330402&year=2027',
        headers: { cookie: admin },
      })
    ).json();
    expect(year.official).toBe(true);
    expect(year.days.find((x: { date: string }) => x.date === '2027-01-04')).toMatchObject({
      workday: false,
      provisional: false,
    });
  });

  it('refuses data that breaks the notice rules (a make-up day on a weekday)', async () => {
    const bad = { ...body, year: 2028, days: [{ date: '2028-01-03', kind: 'makeup_workday', name: '元旦' }] };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/calendar/imports/preview',
      headers: { cookie: cityAdmin },
      payload: bad,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toMatch(/调休上班|周末|周六|周日/);
  });
});
