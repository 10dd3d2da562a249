import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates.ts';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { sweepSupervision } from './supervision-sweep.ts';

// The supervision tracker: an item handed over by the leader, reported on with evidence by its
// owner, confirmed (or returned) by the supervision office, urged, and extended through the ledger.

let t: TestApp;
const { call } = apiCaller(() => t);
let units: Record<string, number>;
beforeAll(async () => {
  t = await testApp();
  const rows = await t.database.db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', '330402')
    .execute();
  units = Object.fromEntries(rows.map((u) => [u.name, Number(u.id)]));
});
afterAll(() => t.close());

const etag = (v: number) => ({ 'if-match': `W/"${v}"` });
const ok = async (res: Awaited<ReturnType<typeof call>>, status = 200) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Json;
};
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const upload = async (user: string) =>
  ok(
    await call(user, 'POST', `/api/supervision/files?fileName=${encodeURIComponent('办结证明.pdf')}`, PDF, {
      'content-type': 'application/octet-stream',
    }),
    201,
  );

async function assigned(content: string, dueDays = 10) {
  return ok(
    await call('nanhu.leader', 'POST', '/api/supervision', {
      ownerUnitId: units.南湖区发展和改革局,
      content,
      sourceTitle: '周强副区长批示',
      responsiblePerson: '孙伟',
      dueDays,
    }),
    201,
  );
}

describe('an item handed over by the leader', () => {
  it('is seen by its owner and the supervision office, not by another department', async () => {
    const item = await assigned('牵头梳理工业项目“拿地即开工”审批清单');
    expect(item.source).toBe('instruction');
    expect(item.status).toBe('open');
    expect(item.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.warning).toBe('green');
    expect((await call('nanhu.officer', 'GET', `/api/supervision/${item.id}`)).statusCode).toBe(200);
    expect((await call('nanhu.super', 'GET', `/api/supervision/${item.id}`)).statusCode).toBe(200);
    expect((await call('nanhu.officer2', 'GET', `/api/supervision/${item.id}`)).statusCode).toBe(404);
    expect((await call('xiuzhou.super', 'GET', `/api/supervision/${item.id}`)).statusCode).toBe(404);
    const mine = await ok(await call('nanhu.officer', 'GET', '/api/supervision?status=open&limit=100'));
    expect(mine.items.map((x: Json) => x.id)).toContain(item.id);
    const theirs = await ok(await call('nanhu.officer2', 'GET', '/api/supervision?limit=100'));
    expect(theirs.items.map((x: Json) => x.id)).not.toContain(item.id);
    // The owner was told, and a department cannot hand over tasks.
    expect(
      (
        await call('nanhu.officer', 'POST', '/api/supervision', {
          ownerUnitId: 1,
          content: '自己交办',
          dueDays: 3,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('done needs evidence and the office’s confirmation; a thin report is returned', async () => {
    let item = await assigned('完成项目备案信息核查');
    // Progress: no version needed; the office's view does not go stale.
    item = await ok(
      await call('nanhu.officer', 'POST', `/api/supervision/${item.id}/reports`, {
        kind: 'progress',
        note: '已核查 12 个项目，发现 2 个信息不一致。',
        nextWork: '本周内完成剩余项目核查。',
      }),
    );
    expect(item.reports).toHaveLength(1);
    // Done without evidence: refused, nothing written.
    const bare = await call(
      'nanhu.officer',
      'POST',
      `/api/supervision/${item.id}/reports`,
      { kind: 'done', note: '已全部完成。' },
      etag(item.version),
    );
    expect(bare.statusCode).toBe(409);
    expect(bare.json().detail).toContain('证明材料');
    const file = await upload('nanhu.officer');
    // Another user cannot attach the owner's file.
    const stolen = await call(
      'nanhu.lead',
      'POST',
      `/api/supervision/${item.id}/reports`,
      { kind: 'done', note: '已全部完成。', fileIds: [file.id] },
      etag(item.version),
    );
    expect(stolen.statusCode).toBe(422);
    item = await ok(
      await call(
        'nanhu.officer',
        'POST',
        `/api/supervision/${item.id}/reports`,
        { kind: 'done', note: '已全部完成，核查报告见附件。', fileIds: [file.id] },
        etag(item.version),
      ),
    );
    expect(item.status).toBe('reported');
    expect(item.reports.at(-1).files.map((f: Json) => f.fileName)).toEqual(['办结证明.pdf']);
    // The owner cannot confirm its own report.
    expect(
      (await call('nanhu.lead', 'POST', `/api/supervision/${item.id}/confirm`, {}, etag(item.version)))
        .statusCode,
    ).toBe(403);
    item = await ok(
      await call(
        'nanhu.super',
        'POST',
        `/api/supervision/${item.id}/return`,
        { reason: '缺少两个不一致项目的整改情况' },
        etag(item.version),
      ),
    );
    expect(item.status).toBe('open');
    expect(item.returnReason).toBe('缺少两个不一致项目的整改情况');
    const again = await upload('nanhu.officer');
    item = await ok(
      await call(
        'nanhu.officer',
        'POST',
        `/api/supervision/${item.id}/reports`,
        { kind: 'done', note: '两个项目已整改。', fileIds: [again.id] },
        etag(item.version),
      ),
    );
    item = await ok(
      await call('nanhu.super', 'POST', `/api/supervision/${item.id}/confirm`, {}, etag(item.version)),
    );
    expect(item.status).toBe('done');
    expect(item.warning).toBeNull();
    const deadline = await t.database.db
      .selectFrom('deadline')
      .select('status')
      .where('id', '=', item.deadlineId)
      .executeTakeFirstOrThrow();
    expect(deadline.status).toBe('done');
    // A closed item is not urged.
    const late = await call('nanhu.super', 'POST', `/api/supervision/${item.id}/urge`, { note: '' });
    expect(late.statusCode).toBe(409);
    // The evidence downloads for the office, not for another department.
    const f = item.reports.at(-1).files[0];
    expect((await call('nanhu.super', 'GET', `/api/supervision/${item.id}/files/${f.id}`)).statusCode).toBe(
      200,
    );
    expect(
      (await call('nanhu.officer2', 'GET', `/api/supervision/${item.id}/files/${f.id}`)).statusCode,
    ).toBe(404);
  });

  it('is urged with a record of each urging, and extended through the ledger', async () => {
    let item = await assigned('完成园区道路开口许可办理', 5);
    for (const note of ['请加快办理', '第二次催办']) {
      item = await ok(await call('nanhu.super', 'POST', `/api/supervision/${item.id}/urge`, { note }));
    }
    expect(item.urgedCount).toBe(2);
    expect(item.urgings.map((g: Json) => [g.rule, g.warning])).toEqual([
      ['manual', item.warning],
      ['manual', item.warning],
    ]);
    // A department does not urge.
    expect((await call('nanhu.officer', 'POST', `/api/supervision/${item.id}/urge`, {})).statusCode).toBe(
      403,
    );

    const bad = await call('nanhu.officer', 'POST', `/api/supervision/${item.id}/extensions`, {
      days: 0,
      reason: '需要',
    });
    expect(bad.statusCode).toBe(400);
    item = await ok(
      await call('nanhu.officer', 'POST', `/api/supervision/${item.id}/extensions`, {
        days: 5,
        reason: '需等待省级部门意见',
      }),
    );
    expect(
      (
        await call('nanhu.officer', 'POST', `/api/supervision/${item.id}/extensions`, {
          days: 3,
          reason: '再延',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (
        await call(
          'nanhu.super',
          'POST',
          `/api/supervision/${item.id}/extensions/decide`,
          { grant: false },
          etag(item.version),
        )
      ).statusCode,
    ).toBe(400);
    const before = item.dueDate;
    item = await ok(
      await call(
        'nanhu.super',
        'POST',
        `/api/supervision/${item.id}/extensions/decide`,
        { grant: true },
        etag(item.version),
      ),
    );
    expect(item.extensions[0].state).toBe('granted');
    expect(item.dueDate > before).toBe(true);
    const ledger = await ok(await call('nanhu.super', 'GET', `/api/deadlines/${item.deadlineId}`));
    expect(JSON.stringify(ledger)).toContain('督办延期：需等待省级部门意见');

    // Cancelling needs a reason; then the item and its limit close.
    expect(
      (await call('nanhu.super', 'POST', `/api/supervision/${item.id}/cancel`, {}, etag(item.version)))
        .statusCode,
    ).toBe(400);
    item = await ok(
      await call(
        'nanhu.super',
        'POST',
        `/api/supervision/${item.id}/cancel`,
        { reason: '项目已终止' },
        etag(item.version),
      ),
    );
    expect(item.status).toBe('cancelled');
  });

  it('is reminded by the system once before, once on and once after its due date', async () => {
    let item = await assigned('完成消防验收意见书面反馈', 2);
    const db = t.database.db;
    const rules = async () => {
      const d = await ok(await call('nanhu.super', 'GET', `/api/supervision/${item.id}`));
      return d.urgings.map((g: Json) => g.rule);
    };
    // A two-day limit is yellow at once: reminded before the due date, once however often it runs.
    await sweepSupervision(db, todayIn());
    await sweepSupervision(db, todayIn());
    expect(await rules()).toEqual(['before_due']);
    await sweepSupervision(db, item.dueDate);
    await sweepSupervision(db, addDays(item.dueDate, 1));
    await sweepSupervision(db, addDays(item.dueDate, 2));
    expect(await rules()).toEqual(['before_due', 'on_due', 'overdue']);
    item = await ok(await call('nanhu.super', 'GET', `/api/supervision/${item.id}`));
    expect(item.urgedCount).toBe(3);
    expect(item.urgings[2].warning).toBe('red');
    expect(item.urgings[2].urgedBy).toBeNull();
    const told = await db
      .selectFrom('notification as n')
      .innerJoin('app_user as a', 'a.id', 'n.user_id')
      .select(['a.username', 'n.kind'])
      .where('n.link', '=', `/supervision/${item.id}`)
      .where('n.kind', 'in', ['supervision.urged', 'supervision.overdue'])
      .execute();
    expect(told.filter((x) => x.kind === 'supervision.overdue').map((x) => x.username)).toContain(
      'nanhu.super',
    );
    expect(told.filter((x) => x.kind === 'supervision.urged').map((x) => x.username)).toContain(
      'nanhu.officer',
    );
  });
});
