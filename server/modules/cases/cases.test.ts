import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../../lib/dates.ts';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { caseApi } from '../../../test/cases-api.ts';

// The case flow of DOMAIN.md workflow 2 through the API, on the demo region 南湖区.
let t: TestApp;
const { call, forget } = apiCaller(() => t);
const { windowIntake, act, actOk, count } = caseApi(() => t, call);

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('window intake → acceptance → 2-level review with a suspension → approval → delivery', () => {
  it('walks the whole flow, each step recorded, audited and deadline-tracked', async () => {
    const c = await windowIntake('建设工程规划许可证核发');
    expect(c).toMatchObject({
      state: 'submitted',
      channel: 'window',
      actions: expect.arrayContaining(['accept']),
    });
    expect(c.number).toMatch(/^330402-\d{8}-\d{4}$/);

    const accepted = await actOk('nanhu.clerk', c.id, 'accept');
    expect(accepted.state).toBe('accepted');
    expect(accepted.acceptanceNumber).toMatch(/^南审受〔\d{4}〕\d+号$/);
    expect(accepted.documents.map((d: Json) => d.kind)).toEqual(['acceptance_notice']);
    expect(accepted.dueDate > todayIn()).toBe(true);
    expect(accepted.warningLevel).toBe('green');
    const deadline = await t.database.db
      .selectFrom('deadline')
      .selectAll()
      .where('id', '=', accepted.deadlineId)
      .executeTakeFirstOrThrow();
    expect(deadline).toMatchObject({
      subject_type: 'case',
      limit_days: 10,
      start_date: todayIn(),
      status: 'open',
    });

    const pdf = await call(
      'nanhu.clerk',
      'GET',
      `/api/cases/${c.id}/documents/${accepted.documents[0].id}/pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const dispatched = await actOk('nanhu.clerk', c.id, 'dispatch');
    expect(dispatched).toMatchObject({ state: 'in_review', reviewLevel: 1 });

    // The department officer of 自然资源和规划局 reviews level 1.
    const l1 = await actOk('nanhu.officer2', c.id, 'pass', { opinion: '材料齐全，符合规划条件' });
    expect(l1).toMatchObject({ state: 'in_review', reviewLevel: 2 });
    // The final level is not the officer's decision.
    const notMine = await act('nanhu.officer2', c.id, 'decision', { approve: true });
    expect(notMine.statusCode).toBe(403);

    const suspended = await actOk('nanhu.officer2', c.id, 'suspend', {
      kind: 'site_inspection',
      reason: '需现场核实建设工程位置',
    });
    expect(suspended.suspended).toBe(true);
    expect(suspended.specialProcedures[0]).toMatchObject({
      kind: 'site_inspection',
      kindCode: '2',
      endedOn: null,
    });
    const stuck = await act('nanhu.officer2', c.id, 'return', { opinion: '退回' });
    expect(stuck.statusCode).toBe(409);
    expect(stuck.json().detail).toContain('特别程序');
    const notConfigured = await act('nanhu.officer2', c.id, 'suspend', { kind: 'hearing', reason: '听证' });
    expect(notConfigured.statusCode).toBe(409);

    const resumed = await actOk('nanhu.officer2', c.id, 'resume', { result: '现场与设计方案一致' });
    expect(resumed.suspended).toBe(false);
    expect(resumed.specialProcedures[0].endedOn).toBe(todayIn());
    const changes = await t.database.db
      .selectFrom('deadline_suspension')
      .selectAll()
      .where('deadline_id', '=', accepted.deadlineId)
      .execute();
    expect(changes).toHaveLength(1);

    // Counter-check: 资规's officer2 has no lead here; give the decision to a lead of the same department.
    const leadId = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'nanhu.lead')
      .executeTakeFirstOrThrow();
    const zgj = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', '南湖区自然资源和规划局')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('app_user')
      .set({ unit_id: zgj.id })
      .where('id', '=', leadId.id)
      .execute();
    forget('nanhu.lead');
    const approved = await actOk('nanhu.lead', c.id, 'decision', {
      approve: true,
      resultName: '建设工程规划许可证',
      resultNumber: '建字第330402202600001号',
    });
    expect(approved).toMatchObject({
      state: 'approved',
      resultNumber: '建字第330402202600001号',
      warningLevel: null,
    });
    expect(approved.documents.map((d: Json) => d.kind)).toEqual(['acceptance_notice', 'licence_decision']);
    expect(approved.documents[1].number).toMatch(/^南审许〔\d{4}〕\d+号$/);
    const closed = await t.database.db
      .selectFrom('deadline')
      .select('status')
      .where('id', '=', accepted.deadlineId)
      .executeTakeFirstOrThrow();
    expect(closed.status).toBe('done');

    const delivered = await actOk('nanhu.clerk', c.id, 'deliver', { method: 'window' });
    expect(delivered.state).toBe('delivered');
    const archived = await actOk('nanhu.clerk', c.id, 'archive');
    expect(archived.state).toBe('archived');
    expect(archived.steps.map((s: Json) => s.event)).toEqual([
      'submit',
      'accept',
      'dispatch',
      'pass',
      'suspend',
      'resume',
      'approve',
      'deliver',
      'archive',
    ]);
    expect(archived.steps.find((s: Json) => s.event === 'pass')).toMatchObject({
      action: 'pass',
      opinion: '材料齐全，符合规划条件',
      unitName: '南湖区自然资源和规划局',
    });
    expect(await count('audit_event', ['target_id', String(c.id)])).toBeGreaterThanOrEqual(9);
    await t.database.db
      .updateTable('app_user')
      .set({
        unit_id: (
          await t.database.db
            .selectFrom('unit')
            .select('id')
            .where('name', '=', '南湖区发展和改革局')
            .executeTakeFirstOrThrow()
        ).id,
      })
      .where('id', '=', leadId.id)
      .execute();
    forget('nanhu.lead');
  });

  it('a wrong transition or a stale version is refused and changes nothing', async () => {
    const c = await windowIntake('企业投资项目备案');
    const steps = await count('case_step', ['case_id', c.id]);
    const wrong = await act('nanhu.clerk', c.id, 'deliver', { method: 'window' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().detail).toBe('办件当前状态为“已提交待受理”，不能执行“出件”。');
    const stale = await call('nanhu.clerk', 'POST', `/api/cases/${c.id}/accept`, undefined, {
      'if-match': '"99"',
    });
    expect(stale.statusCode).toBe(412);
    const noMatch = await call('nanhu.clerk', 'POST', `/api/cases/${c.id}/accept`);
    expect(noMatch.statusCode).toBe(428);
    const early = await act('nanhu.officer', c.id, 'pass', { opinion: '未受理就审查' });
    expect(early.statusCode).toBe(409);
    const otherDepartment = await call(
      'nanhu.officer2',
      'POST',
      `/api/cases/${c.id}/pass`,
      { opinion: '越权' },
      { 'if-match': `"${c.version}"` },
    );
    expect(otherDepartment.statusCode).toBe(404);
    const after = (await call('nanhu.clerk', 'GET', `/api/cases/${c.id}`)).json();
    expect(after).toMatchObject({ state: 'submitted', version: c.version, documents: [] });
    expect(await count('case_step', ['case_id', c.id])).toBe(steps);
  });
});

describe('intake outcomes', () => {
  it('a missing required material blocks acceptance; a one-time notice lists it; correction restarts intake', async () => {
    const c = await windowIntake('企业投资项目备案', ['项目备案申请表', '授权委托书']);
    const refused = await act('nanhu.clerk', c.id, 'accept');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('项目备案申请表');
    const tolerant = await act('nanhu.clerk', c.id, 'accept-tolerantly', {
      commitments: [
        {
          materialId: c.materials.find((m: Json) => m.name === '授权委托书').materialId,
          committedDate: '2099-01-01',
        },
      ],
      commitmentSigned: true,
    });
    expect(tolerant.statusCode).toBe(422);
    expect(tolerant.json().detail).toContain('必备材料不能容缺：项目备案申请表');

    const noticed = await actOk('nanhu.clerk', c.id, 'request-correction', {
      extra: ['申请表法定代表人签字'],
    });
    expect(noticed.state).toBe('correction_requested');
    expect(noticed.documents.map((d: Json) => d.kind)).toEqual(['one_time_notice']);
    expect(noticed.documents[0].number).toMatch(/^南审告〔\d{4}〕\d+号$/);

    const form = noticed.materials.find((m: Json) => m.name === '项目备案申请表');
    const back = await actOk('nanhu.clerk', c.id, 'resubmit', {
      materials: [{ materialId: form.materialId, paperChecked: true }],
    });
    expect(back.state).toBe('submitted');
    expect(back.materials.find((m: Json) => m.name === '项目备案申请表').status).toBe('provided');
    expect((await actOk('nanhu.clerk', c.id, 'accept')).state).toBe('accepted');
  });

  it('a rejection gives reasons and a decision letter naming the review organ', async () => {
    const c = await windowIntake('企业投资项目备案');
    const bad = await act('nanhu.clerk', c.id, 'reject', { reasons: [], legalBasis: '《行政许可法》' });
    expect(bad.statusCode).toBe(400);
    const r = await actOk('nanhu.clerk', c.id, 'reject', {
      reasons: ['申请事项依法不需要取得行政许可'],
      legalBasis: '《中华人民共和国行政许可法》第三十二条第一款第（一）项',
    });
    expect(r).toMatchObject({ state: 'rejected', decisionReason: '申请事项依法不需要取得行政许可' });
    expect(r.documents[0]).toMatchObject({ kind: 'rejection_decision', title: '不予受理决定书' });
  });

  it('tolerant acceptance: commitments dated before the due date; no approval while one is outstanding', async () => {
    const c = await windowIntake('建筑工程施工许可证核发', ['施工合同']);
    const contract = c.materials.find((m: Json) => m.name === '施工合同');
    expect(contract).toMatchObject({ status: 'missing', tolerable: true });
    const late = await act('nanhu.clerk', c.id, 'accept-tolerantly', {
      commitments: [{ materialId: contract.materialId, committedDate: '2099-01-01' }],
      commitmentSigned: true,
    });
    expect(late.statusCode).toBe(400);
    expect(JSON.stringify(late.json())).toContain('承诺办结日期');
    const unsigned = await act('nanhu.clerk', c.id, 'accept-tolerantly', {
      commitments: [{ materialId: contract.materialId, committedDate: '2099-01-01' }],
    });
    expect(unsigned.statusCode).toBe(400);
    expect(JSON.stringify(unsigned.json())).toContain('承诺书');
    const steps = await count('case_step', ['case_id', c.id]);
    const docs = await count('document', ['subject_id', String(c.id)]);
    expect(steps).toBe(1);
    expect(docs).toBe(0);

    // Three working days are enough in any week: the promised limit is 3 and the date must not pass it.
    const probe = await windowIntake('建筑工程施工许可证核发');
    const due = (await actOk('nanhu.clerk', probe.id, 'accept')).dueDate as string;
    const ok = await actOk('nanhu.clerk', c.id, 'accept-tolerantly', {
      commitments: [{ materialId: contract.materialId, committedDate: due }],
      commitmentSigned: true,
    });
    expect(ok.state).toBe('tolerantly_accepted');
    expect(ok.materials.find((m: Json) => m.name === '施工合同')).toMatchObject({
      status: 'tolerated',
      committedDate: due,
    });

    await actOk('nanhu.clerk', c.id, 'dispatch');
    const jsj = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', '南湖区住房和城乡建设局')
      .executeTakeFirstOrThrow();
    // A reviewer and a lead of 住建 for this test.
    for (const u of ['nanhu.officer', 'nanhu.lead']) {
      await t.database.db
        .updateTable('app_user')
        .set({ unit_id: jsj.id })
        .where('username', '=', u)
        .execute();
      forget(u);
    }
    await actOk('nanhu.officer', c.id, 'pass', { opinion: '同意' });
    const blocked = await act('nanhu.lead', c.id, 'decision', { approve: true });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().detail).toContain('容缺材料未补齐');
    const m = (await call('nanhu.clerk', 'GET', `/api/cases/${c.id}`))
      .json()
      .materials.find((x: Json) => x.name === '施工合同');
    const fulfilled = await call('nanhu.clerk', 'POST', `/api/cases/${c.id}/materials/${m.id}/fulfil`, {});
    expect(fulfilled.statusCode, fulfilled.body).toBe(200);
    expect((await actOk('nanhu.lead', c.id, 'decision', { approve: true })).state).toBe('approved');
    const fgj = await t.database.db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', '南湖区发展和改革局')
      .executeTakeFirstOrThrow();
    for (const u of ['nanhu.officer', 'nanhu.lead']) {
      await t.database.db
        .updateTable('app_user')
        .set({ unit_id: fgj.id })
        .where('username', '=', u)
        .execute();
      forget(u);
    }
  });

  it('an authorized window decides on the spot; without the authorization it cannot', async () => {
    const c = await windowIntake('企业投资项目备案');
    await actOk('nanhu.clerk', c.id, 'accept');
    const refused = await act('nanhu.clerk', c.id, 'decision', { approve: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('首席事务代表授权');
    const clerk = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'nanhu.clerk')
      .executeTakeFirstOrThrow();
    const grant = await call('nanhu.lead', 'POST', '/api/catalog/authorizations', {
      itemId: c.itemId,
      granteeUserId: Number(clerk.id),
    });
    expect(grant.statusCode).toBe(201);
    const done = await actOk('nanhu.clerk', c.id, 'decision', { approve: true });
    expect(done.state).toBe('approved');
    expect(done.steps.at(-1).name).toBe('窗口当场办结（首席事务代表授权）');
  });
});

describe('workbenches, search and scope', () => {
  it('the department queue, the window intake list and the center board follow scope', async () => {
    const c = await windowIntake('固定资产投资项目节能审查');
    await actOk('nanhu.clerk', c.id, 'accept');
    await actOk('nanhu.clerk', c.id, 'dispatch');
    const queue = (await call('nanhu.officer', 'GET', '/api/cases?view=queue')).json().items as Json[];
    expect(queue.map((x) => x.id)).toContain(c.id);
    expect(new Set(queue.map((x) => x.departmentName))).toEqual(new Set(['南湖区发展和改革局']));
    expect((await call('nanhu.officer2', 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await call('xiuzhou.clerk', 'GET', `/api/cases/${c.id}`)).statusCode).toBe(404);
    expect((await call('city.coord', 'GET', `/api/cases/${c.id}`)).statusCode).toBe(200);
    const intake = (await call('nanhu.clerk', 'GET', '/api/cases?view=intake&limit=200')).json()
      .items as Json[];
    expect(intake.every((x) => ['submitted', 'correction_requested'].includes(x.state))).toBe(true);
    const board = (await call('nanhu.coord', 'GET', '/api/cases/board')).json() as Json[];
    expect(board.find((r) => r.departmentName === '南湖区发展和改革局')!.open).toBeGreaterThanOrEqual(1);
    expect((await call('xiuzhou.coord', 'GET', '/api/cases/board')).json()).toEqual([]);
  });

  it('finds cases by Chinese words, fragments and number', async () => {
    const c = await windowIntake('食品经营许可');
    const byWord = (
      await call('nanhu.clerk', 'GET', `/api/cases?q=${encodeURIComponent('机器人')}&limit=200`)
    ).json().items;
    expect(byWord.map((x: Json) => x.id)).toContain(c.id);
    const byFragment = (
      await call('nanhu.clerk', 'GET', `/api/cases?q=${encodeURIComponent('南湖智能')}&limit=200`)
    ).json().items;
    expect(byFragment.map((x: Json) => x.id)).toContain(c.id);
    const byNumber = (await call('nanhu.clerk', 'GET', `/api/cases?q=${c.number}`)).json().items;
    expect(byNumber.map((x: Json) => x.id)).toEqual([c.id]);
    const none = (
      await call('nanhu.clerk', 'GET', `/api/cases?q=${encodeURIComponent('不存在的企业名称')}`)
    ).json().items;
    expect(none).toEqual([]);
  });
});

describe('the queue reads the deadline dates mirrored on the case', () => {
  it('a change of the deadline (e.g. a calendar recomputation) moves the case’s dates with it', async () => {
    const c = await windowIntake('建设用地规划许可证核发');
    const accepted = await actOk('nanhu.clerk', c.id, 'accept');
    const row = () =>
      t.database.db
        .selectFrom('service_case')
        .select(['promised_due', 'yellow_from'])
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
    const dl = await t.database.db
      .selectFrom('deadline')
      .select(['due_date', 'yellow_from'])
      .where('id', '=', accepted.deadlineId)
      .executeTakeFirstOrThrow();
    expect(await row()).toEqual({ promised_due: dl.due_date, yellow_from: dl.yellow_from });
    await t.database.db
      .updateTable('deadline')
      .set({ due_date: '2099-12-31', yellow_from: '2099-12-25' })
      .where('id', '=', accepted.deadlineId)
      .execute();
    expect(await row()).toEqual({ promised_due: '2099-12-31', yellow_from: '2099-12-25' });
  });
});

describe('延长审批 (R-CASE-4)', () => {
  it('the department head adds working days once; the clock keeps running and the ledger says why', async () => {
    const c = await windowIntake('建设工程规划许可证核发');
    const accepted = await actOk('nanhu.clerk', c.id, 'accept');
    await actOk('nanhu.clerk', c.id, 'dispatch');
    const body = { days: 10, reason: '需进一步征求相关部门意见' };

    const officer = await act('nanhu.officer2', c.id, 'extend', body);
    expect(officer.statusCode).toBe(403);
    expect(officer.json().detail).toContain('部门负责人批准');
    const bad = await act('nanhu.lead2', c.id, 'extend', { days: 0, reason: '理由' });
    expect(bad.statusCode).toBe(400);

    const extended = await actOk('nanhu.lead2', c.id, 'extend', body);
    expect(extended).toMatchObject({ state: 'in_review', suspended: false, reviewLevel: 1 });
    // The due date is the one of a 10 + 10 working-day limit from the same start (the region's calendar).
    const { computeDeadline } = await import('../../platform/calendar/engine.ts');
    const { loadCalendar } = await import('../../platform/calendar/store.ts');
    const { calendar } = await loadCalendar(t.database.db, '330402');
    const expected = computeDeadline(calendar, { start: todayIn(), limitDays: 20, today: todayIn() });
    expect(extended.dueDate).toBe(expected.dueDate);
    expect(extended.dueDate > accepted.dueDate).toBe(true);
    expect(extended.specialProcedures.at(-1)).toMatchObject({
      kind: 'extension',
      kindCode: '1',
      startedOn: todayIn(),
      endedOn: todayIn(),
      reason: body.reason,
      result: `延长 10 个工作日，承诺办结日延至 ${expected.dueDate}`,
    });
    expect(extended.actions).not.toContain('extend');
    const ledger = (await call('nanhu.lead2', 'GET', `/api/deadlines/${accepted.deadlineId}`)).json();
    expect(JSON.stringify(ledger)).toContain(`延长 10 个工作日（${body.reason}）`);
    const change = await t.database.db
      .selectFrom('deadline_change')
      .select(['old_due', 'new_due', 'reason'])
      .where('deadline_id', '=', accepted.deadlineId)
      .execute();
    expect(change).toContainEqual({
      old_due: accepted.dueDate,
      new_due: expected.dueDate,
      reason: `延长审批 10 个工作日：${body.reason}`,
    });

    const again = await act('nanhu.lead2', c.id, 'extend', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('已延长过一次');
    expect(await count('audit_event', ['action', 'case.extend'])).toBeGreaterThanOrEqual(1);
  });

  it('an item without 延长审批 in its catalog entry cannot be extended', async () => {
    const c = await windowIntake('企业投资项目备案');
    await actOk('nanhu.clerk', c.id, 'accept');
    await actOk('nanhu.clerk', c.id, 'dispatch');
    const res = await act('nanhu.lead', c.id, 'extend', { days: 5, reason: '需补充核查' });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('未设置“延长审批”');
  });
});
