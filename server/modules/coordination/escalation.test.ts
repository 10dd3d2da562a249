import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates.ts';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { coordinationApi, fagai, zhujian, zigui } from '../../../test/coordination-api.ts';
import { sweepDeadlines } from '../../platform/deadlines/deadlines.ts';
import { sweepConsultations } from './consultation-sweep.ts';

// Coordination through the API, on the demo region 南湖区: replies that disagree or stay silent
// propose a meeting, and the escalation ladder from the window to the leader.
let t: TestApp;
const { call } = apiCaller(() => t);
const { upload, detail, act, units, reply, sign, enterpriseRequest, consultThree, byDept } = coordinationApi(
  () => t,
  call,
);

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('an inconsistent or silent case proposes a meeting', () => {
  it('a disagreement proposes a meeting; a letter needs a recorded reason', async () => {
    const id = await enterpriseRequest('南湖数字经济产业园二期');
    const d = await consultThree(id);
    await reply('nanhu.lead', byDept(d, fagai).id, { stance: 'agree', opinion: '同意。' });
    await sign('nanhu.lead', byDept(d, fagai).id);
    await reply('nanhu.lead2', byDept(d, zigui).id, {
      stance: 'disagree',
      opinion: '用地性质不符，不同意。',
      legalBasis: '《城乡规划法》第四十条',
    });
    await sign('nanhu.lead2', byDept(d, zigui).id);
    await reply('nanhu.lead3', byDept(d, zhujian).id, { stance: 'agree', opinion: '同意。' });
    await sign('nanhu.lead3', byDept(d, zhujian).id);
    const now = (await detail('nanhu.coord', id)).body;
    expect(now.analysis).toEqual({ outcome: 'meeting', reasons: ['南湖区自然资源和规划局不同意。'] });
    const letter = await act('nanhu.coord', id, 'decide', { outcome: 'letter' });
    expect(letter.statusCode).toBe(422);
    expect(letter.json().detail).toContain('系统建议召开专题协调会');
    const meeting = await act('nanhu.coord', id, 'decide', { outcome: 'meeting' });
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect(meeting.json()).toMatchObject({
      state: 'meeting_proposed',
      outcome: 'meeting',
      overrideReason: null,
    });
  });

  it('an unanswered consultation goes red after its due date and is recorded as silence', async () => {
    const id = await enterpriseRequest('港区仓储物流中心');
    const d = await consultThree(id);
    for (const [user, dept] of [
      ['nanhu.lead', fagai],
      ['nanhu.lead2', zigui],
    ] as const) {
      await reply(user, byDept(d, dept).id, { stance: 'agree', opinion: '同意。' });
      expect((await sign(user, byDept(d, dept).id)).statusCode).toBe(200);
    }
    const silent = byDept(d, zhujian);
    // On the reply date the department is reminded (yellow); silence is not yet recorded.
    await sweepDeadlines(t.database.db, silent.replyBy);
    expect(await sweepConsultations(t.database.db, silent.replyBy)).toBe(0);
    const reminded = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.link', '=', `/deadlines/${silent.deadlineId}`)
      .where('n.kind', '=', 'deadline.yellow')
      .execute();
    expect(reminded.map((r) => r.username)).toContain('nanhu.lead3');
    // Time passes: the day after the reply date.
    const after = addDays(silent.replyBy, 1);
    expect(await sweepConsultations(t.database.db, after)).toBeGreaterThanOrEqual(1);
    expect(await sweepConsultations(t.database.db, after)).toBe(0);
    await sweepDeadlines(t.database.db, after);
    const red = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.username', 'n.kind'])
      .where('n.link', '=', `/deadlines/${silent.deadlineId}`)
      .where('n.kind', '=', 'deadline.red')
      .execute();
    expect(red.map((r) => r.username)).toContain('nanhu.lead3');
    const overdue = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'consultation.overdue')
      .where('n.link', '=', `/coordination/${id}`)
      .execute();
    expect(overdue.map((r) => r.username).sort()).toEqual(['nanhu.coord', 'nanhu.super']);
    // As seen on that day through the API: the deadline's dates moved into the past.
    await t.database.db
      .updateTable('deadline')
      .set({ due_date: addDays(todayIn(), -1), yellow_from: addDays(todayIn(), -3) })
      .where(
        'id',
        'in',
        d.consultations.map((c: Json) => c.deadlineId),
      )
      .execute();
    await t.database.db
      .updateTable('consultation')
      .set({ reply_by: addDays(todayIn(), -1) })
      .where('request_id', '=', id)
      .execute();
    const now = (await detail('nanhu.coord', id)).body;
    expect(byDept(now, zhujian)).toMatchObject({ warningLevel: 'red', overdue: true, status: 'pending' });
    expect(now.warningLevel).toBe('red');
    expect(now.analysis.outcome).toBe('meeting');
    expect(now.analysis.reasons).toContain('南湖区住房和城乡建设局逾期未答复。');
    expect(now.timeline.some((e: Json) => e.kind === 'consultation.overdue')).toBe(true);
    const board = (await call('nanhu.coord', 'GET', '/api/coordination/board')).json() as Json[];
    expect(board.find((b) => b.state === 'consulting')!.red).toBeGreaterThanOrEqual(1);
    const reds = (await call('nanhu.super', 'GET', '/api/coordination?warning=red')).json().items as Json[];
    expect(reds.some((r) => r.id === id)).toBe(true);
  });
});

describe('the escalation ladder: window → stage lead department → center → leader', () => {
  it('passes each step with who, when, why, the required contents and its own time limit', async () => {
    const created = await call('nanhu.clerk', 'POST', '/api/coordination', {
      source: 'window',
      applicantName: '嘉兴南湖智能装备有限公司',
      projectName: '年产5万台工业机器人项目配套道路',
      overview: '项目配套道路需占用市政道路出入口。',
      problem: '道路开口审批与施工许可办理顺序不明确。',
      contactName: '钱志远',
      contactPhone: '13905730001',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    expect(created.json().level).toBe('window');
    // Window cannot consult: the center runs consultations.
    expect(
      (
        await act('nanhu.coord', id, 'consult', {
          matters: [{ title: '道路开口', complexity: 'simple', departmentIds: await units([zhujian]) }],
        })
      ).statusCode,
    ).toBe(409);

    const [zj] = await units([zhujian]);
    const noPositions = await act('nanhu.clerk', id, 'escalate', {
      reason: '窗口无法协调',
      stageLeadUnitId: zj,
    });
    expect(noPositions.statusCode).toBe(422);
    expect(noPositions.json().detail).toContain('相关部门意见');
    const toStage = await act('nanhu.clerk', id, 'escalate', {
      reason: '涉及交通与住建两个部门，窗口无法协调。',
      stageLeadUnitId: zj,
      supplement: { positions: [{ department: '交通运输局', position: '须先取得施工许可。' }] },
    });
    expect(toStage.statusCode, toStage.body).toBe(200);
    expect(toStage.json()).toMatchObject({ level: 'stage_lead', stageLeadName: '南湖区住房和城乡建设局' });
    // The clerk no longer handles it; the stage lead department does.
    expect((await act('nanhu.clerk', id, 'escalate', { reason: '窗口再次上报' })).statusCode).toBe(403);

    const noProposal = await act('nanhu.lead3', id, 'escalate', { reason: '牵头部门协调未果。' });
    expect(noProposal.statusCode).toBe(422);
    expect(noProposal.json().detail).toContain('拟解决方案、附件材料');
    const file = await upload('nanhu.lead3');
    const toCenter = await act('nanhu.lead3', id, 'escalate', {
      reason: '牵头部门协调未果，需中心组织。',
      supplement: { proposal: '建议中心组织住建、交通并联办理。', fileIds: [file] },
    });
    expect(toCenter.statusCode, toCenter.body).toBe(200);
    expect(toCenter.json().level).toBe('center');

    const noConsultation = await act('nanhu.coord', id, 'escalate', { reason: '中心协调未果。' });
    expect(noConsultation.statusCode).toBe(422);
    expect(noConsultation.json().detail).toContain('书面征询结果');
    const c = await act('nanhu.coord', id, 'consult', {
      matters: [{ title: '道路开口与施工许可的顺序', complexity: 'major', departmentIds: [zj] }],
    });
    expect(c.statusCode, c.body).toBe(200);
    const cons = c.json().consultations[0];
    const noBasis = await reply('nanhu.lead3', cons.id, {
      stance: 'disagree',
      opinion: '须先完成道路开口审批。',
    });
    expect(noBasis.statusCode).toBe(400);
    expect(JSON.stringify(noBasis.json().errors)).toContain('须写明依据');
    await reply('nanhu.lead3', cons.id, {
      stance: 'disagree',
      opinion: '须先完成道路开口审批。',
      legalBasis: '《公路法》第五十五条',
    });
    await sign('nanhu.lead3', cons.id);
    const toLeader = await act('nanhu.coord', id, 'escalate', { reason: '部门意见分歧，提请分管领导协调。' });
    expect(toLeader.statusCode, toLeader.body).toBe(200);
    expect(toLeader.json().level).toBe('leader');
    expect((await act('nanhu.coord', id, 'escalate', { reason: '中心再次上报' })).statusCode).toBe(403);

    const instructed = await act('nanhu.leader', id, 'instruct', {
      instruction: '请住建局牵头，三个工作日内并联办理道路开口和施工许可。',
      ownerUnitId: zj,
      dueDays: 3,
    });
    expect(instructed.statusCode, instructed.body).toBe(200);
    const d = instructed.json();
    expect(d.ladder.map((s: Json) => [s.fromLevel, s.toLevel, s.toUnitName, s.limitDays, s.by])).toEqual([
      [null, 'window', '南湖区行政审批局', 2, '窗口 陈静'],
      ['window', 'stage_lead', '南湖区住房和城乡建设局', 3, '窗口 陈静'],
      ['stage_lead', 'center', '南湖区行政审批局', 5, '住建 何静'],
      ['center', 'leader', '南湖区人民政府', 5, '协调 王磊'],
    ]);
    expect(d.ladder.every((s: Json) => s.open === false)).toBe(true);
    expect(d.ladder[3].reason).toBe('部门意见分歧，提请分管领导协调。');
    expect(d.commitments.map((k: Json) => [k.departmentName, k.status])).toEqual([
      ['南湖区住房和城乡建设局', 'open'],
    ]);
    expect(d.timeline.filter((e: Json) => e.kind === 'escalated')).toHaveLength(3);
  });

  it('lets an administrator change a region ladder; a stale or impossible one is refused', async () => {
    const get = await call('nanhu.admin', 'GET', '/api/coordination-ladder/330402');
    const etag = get.headers.etag as string;
    const steps = (get.json() as Json[]).map((s) => ({
      level: s.level,
      limitDays: s.level === 'window' ? 1 : s.limitDays,
      required: s.required,
    }));
    const url = '/api/coordination-ladder/330402';
    expect((await call('nanhu.admin', 'PUT', url, { steps })).statusCode).toBe(428);
    const impossible = steps.map((s) =>
      s.level === 'window' ? { ...s, required: [...s.required, 'consultations'] } : s,
    );
    const bad = await call('nanhu.admin', 'PUT', url, { steps: impossible }, { 'if-match': etag });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toContain('只能作为上报分管领导时的要求');
    const res = await call('nanhu.admin', 'PUT', url, { steps }, { 'if-match': etag });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()[0]).toMatchObject({ level: 'window', limitDays: 1 });
    // A second editor who read the old version does not overwrite the first.
    const stale = await call('nanhu.admin', 'PUT', url, { steps }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect(
      (await call('xiuzhou.admin', 'PUT', url, { steps }, { 'if-match': res.headers.etag })).statusCode,
    ).toBe(403);
    expect(
      (await call('nanhu.coord', 'PUT', url, { steps }, { 'if-match': res.headers.etag })).statusCode,
    ).toBe(403);
    // New requests follow the new limit.
    const created = await call('nanhu.clerk', 'POST', '/api/coordination', {
      source: 'window',
      applicantName: '嘉兴南湖智能装备有限公司',
      projectName: '配套仓储项目',
      overview: '仓储用房。',
      problem: '消防验收时序不明。',
      contactName: '钱志远',
      contactPhone: '13905730001',
    });
    const d = (await detail('nanhu.clerk', created.json().id)).body;
    expect(d.ladder[0]).toMatchObject({ toLevel: 'window', limitDays: 1 });
  });
});
