import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates.ts';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { addWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { sweepDeadlines } from '../../platform/deadlines/deadlines.ts';
import { sweepConsultations } from './consultation-sweep.ts';

// Coordination (DOMAIN.md workflow 3) through the API, on the demo region 南湖区: an enterprise's
// request, three written consultations, replies, the letter or the meeting, the tracker, the ladder.
let t: TestApp;
const { call } = apiCaller(() => t);

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function upload(user: string, prefix = '/api') {
  const res = await call(
    user,
    'POST',
    `${prefix}/coordination/files?fileName=${encodeURIComponent('协调函.pdf')}`,
    PDF,
    {
      'content-type': 'application/octet-stream',
    },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

const contents = {
  overview: '年产5万台工业机器人项目，总投资12亿元，用地120亩，拟于明年一季度开工。',
  problem:
    '建设工程规划许可证核发需要施工图审查意见，而施工图审查又要求先取得规划许可，消防设计审查时序也不明确，项目卡在规划与施工许可之间。',
  positions: [
    { department: '自然资源和规划局', position: '须先完成施工图审查。' },
    { department: '住房和城乡建设局', position: '须先取得建设工程规划许可证。' },
  ],
  proposal: '请中心协调资规、住建、消防并联办理，以承诺制先行核发规划许可。',
  contactName: '钱志远',
  contactPhone: '13905730001',
};

async function detail(user: string, id: number, prefix = '/api') {
  const res = await call(user, 'GET', `${prefix}/coordination/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.json() as Json, etag: res.headers.etag as string };
}

async function act(user: string, id: number, path: string, body?: unknown, method: 'POST' | 'PUT' = 'POST') {
  const { etag } = await detail(user, id);
  return call(user, method, `/api/coordination/${id}/${path}`, body ?? {}, { 'if-match': etag });
}

async function units(names: string[]) {
  const rows = await t.database.db
    .selectFrom('unit')
    .select(['id', 'name'])
    .where('region_code', '=', '330402')
    .execute();
  return names.map((n) => Number(rows.find((r) => r.name === `南湖区${n}` || r.name === n)!.id));
}

async function reply(user: string, consultationId: number, body: Json) {
  const cur = await call(user, 'GET', `/api/consultations/${consultationId}`);
  expect(cur.statusCode, cur.body).toBe(200);
  return call(user, 'POST', `/api/consultations/${consultationId}/reply`, body, {
    'if-match': cur.headers.etag,
  });
}
async function sign(user: string, consultationId: number) {
  const cur = await call(user, 'GET', `/api/consultations/${consultationId}`);
  return call(
    user,
    'POST',
    `/api/consultations/${consultationId}/sign`,
    {},
    { 'if-match': cur.headers.etag },
  );
}

async function enterpriseRequest(projectName: string, extra: Json = {}) {
  const fileId = await upload('ent.zhineng', '/api/portal');
  const res = await call('ent.zhineng', 'POST', '/api/portal/coordination', {
    source: 'enterprise',
    projectName,
    ...contents,
    fileIds: [fileId],
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

const [fagai, zigui, zhujian] = ['发展和改革局', '自然资源和规划局', '住房和城乡建设局'];

async function consultThree(id: number, complexity: 'simple' | 'major' = 'simple') {
  const [a, b, c] = await units([fagai, zigui, zhujian]);
  const res = await act('nanhu.coord', id, 'consult', {
    matters: [
      { title: '规划许可与施工图审查的办理时序', complexity, departmentIds: [b, c] },
      { title: '项目备案信息变更是否影响规划许可', complexity: 'simple', departmentIds: [a] },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Json;
}

const byDept = (d: Json, name: string) =>
  d.consultations.find((c: Json) => c.departmentName.endsWith(name)) as Json;

describe('an enterprise request, three consultations, consistent replies → a sealed letter', () => {
  let id: number;

  it('returns an incomplete request with everything missing listed, and keeps nothing', async () => {
    const before = await t.database.db.selectFrom('coordination_request').select('id').execute();
    const res = await call('ent.zhineng', 'POST', '/api/portal/coordination', {
      source: 'enterprise',
      projectName: '年产5万台工业机器人项目',
      problem: contents.problem,
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.detail).toContain('项目概况、相关部门意见、拟解决方案、联系人及电话、附件材料');
    expect(body.errors.map((e: Json) => e.field)).toEqual([
      'overview',
      'positions',
      'proposal',
      'contact',
      'attachments',
    ]);
    expect(await t.database.db.selectFrom('coordination_request').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('accepts a complete request at the center level with a time limit', async () => {
    id = await enterpriseRequest('年产5万台工业机器人项目');
    const { body } = await detail('nanhu.coord', id);
    expect(body).toMatchObject({
      state: 'submitted',
      level: 'center',
      applicantName: '嘉兴南湖智能装备有限公司',
    });
    expect(body.number).toMatch(/^XT330402-\d{4}-\d{4}$/);
    expect(body.files).toHaveLength(1);
    expect(body.ladder).toHaveLength(1);
    expect(body.ladder[0]).toMatchObject({ toLevel: 'center', open: true, limitDays: 5 });
    expect(body.actions).toEqual(expect.arrayContaining(['consult', 'return', 'escalate']));
  });

  it('suggests the departments the request names, with reasons', async () => {
    const res = await call('nanhu.coord', 'GET', `/api/coordination/${id}/suggestions`);
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json().departments.map((d: Json) => d.name);
    expect(names).toEqual(
      expect.arrayContaining(['南湖区自然资源和规划局', '南湖区住房和城乡建设局', '南湖区消防救援大队']),
    );
    const zg = res.json().departments.find((d: Json) => d.name === '南湖区自然资源和规划局');
    expect(zg.reasons.join()).toContain('建设工程规划许可证核发');
  });

  it('refuses a consultation to a unit that is not a department, and changes nothing', async () => {
    const [office] = await units(['南湖区效能督查室']);
    const res = await act('nanhu.coord', id, 'consult', {
      matters: [{ title: '规划许可时序', complexity: 'simple', departmentIds: [office] }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('不是审批部门');
    expect((await detail('nanhu.coord', id)).body).toMatchObject({ state: 'submitted', consultations: [] });
  });

  it('sends one numbered, sealed consultation per department, due in 5 working days', async () => {
    const d = await consultThree(id);
    const { calendar } = await loadCalendar(t.database.db, '330402');
    const due = addWorkingDays(calendar, todayIn(), 5).date;
    expect(d.state).toBe('consulting');
    expect(d.consultations).toHaveLength(3);
    for (const c of d.consultations) {
      expect(c).toMatchObject({ replyBy: due, status: 'pending', warningLevel: 'green' });
      expect(c.documentId).toBeGreaterThan(0);
    }
    const docs = await t.database.db
      .selectFrom('document')
      .select(['number', 'seal_id', 'kind'])
      .where('subject_type', '=', 'consultation')
      .where(
        'subject_id',
        'in',
        d.consultations.map((c: Json) => String(c.id)),
      )
      .execute();
    expect(docs).toHaveLength(3);
    for (const doc of docs) {
      expect(doc.number).toMatch(/^南审征〔\d{4}〕\d+号$/);
      expect(doc.seal_id).not.toBeNull();
    }
    const deadlines = await t.database.db
      .selectFrom('deadline')
      .select(['kind', 'due_date', 'unit_id'])
      .where('subject_type', '=', 'consultation')
      .where(
        'subject_id',
        'in',
        d.consultations.map((c: Json) => String(c.id)),
      )
      .execute();
    expect(deadlines.map((x) => [x.kind, x.due_date])).toEqual([
      ['reply', due],
      ['reply', due],
      ['reply', due],
    ]);
  });

  it('shows a department only the consultation addressed to it', async () => {
    const zg = (await detail('nanhu.officer2', id)).body;
    expect(zg.fullView).toBe(false);
    expect(zg.consultations.map((c: Json) => c.departmentName)).toEqual(['南湖区自然资源和规划局']);
    const queue = (await call('nanhu.officer', 'GET', '/api/consultations')).json() as Json[];
    expect(queue.every((c) => c.departmentName === '南湖区发展和改革局')).toBe(true);
    expect(queue.some((c) => c.requestId === id)).toBe(true);
    const other = byDept((await detail('nanhu.coord', id)).body, zigui);
    expect((await call('nanhu.officer', 'GET', `/api/consultations/${other.id}`)).statusCode).toBe(404);
  });

  it('lets nobody outside see the request: another enterprise, another county', async () => {
    expect((await call('ent.xincailiao', 'GET', `/api/portal/coordination/${id}`)).statusCode).toBe(404);
    expect((await call('xiuzhou.coord', 'GET', `/api/coordination/${id}`)).statusCode).toBe(404);
    const list = (await call('xiuzhou.coord', 'GET', '/api/coordination')).json();
    expect(list.items.some((r: Json) => r.id === id)).toBe(false);
    // The city sees its counties' requests (两级联动) but does not act with the county's seal.
    const city = await call('city.coord', 'GET', `/api/coordination/${id}`);
    expect(city.statusCode).toBe(200);
    expect(city.json().actions).toEqual([]);
    const mine = (await call('ent.zhineng', 'GET', `/api/portal/coordination/${id}`)).json();
    expect(mine.consultations).toEqual([]);
    expect(mine.timeline.map((e: Json) => e.kind)).toEqual(['submitted', 'consulting']);
  });

  it('refuses a commitment without a date, and an unsigned reply does not count', async () => {
    const d = (await detail('nanhu.coord', id)).body;
    const c = byDept(d, fagai);
    const bad = await reply('nanhu.officer', c.id, {
      stance: 'agree',
      opinion: '同意。',
      commitments: [{ content: '3个工作日内完成备案信息变更' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().errors)).toContain('每项承诺须写明完成时限');
    const far = await reply('nanhu.officer', c.id, {
      stance: 'agree',
      opinion: '同意。',
      commitments: [{ content: '完成项目备案信息变更', dueDate: addDays(todayIn(), 400) }],
    });
    expect(far.statusCode).toBe(422);
    expect(far.json().detail).toContain('不能晚于一年之后');
    const ok = await reply('nanhu.officer', c.id, {
      stance: 'agree',
      opinion: '备案信息变更不影响规划许可，同意并联办理。',
      legalBasis: '《企业投资项目核准和备案管理条例》第十四条',
      commitments: [{ content: '完成项目备案信息变更', dueDays: 3 }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'drafted', actions: ['reply'] });
    // The officer cannot sign; the lead can.
    expect((await sign('nanhu.officer', c.id)).statusCode).toBe(403);
    const signed = await sign('nanhu.lead', c.id);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'answered', signedBy: '发改 孙伟', warningLevel: null });
    const again = await reply('nanhu.lead', c.id, {
      stance: 'disagree',
      opinion: '改为不同意。',
      legalBasis: '《企业投资项目核准和备案管理条例》',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('不能重复答复');
    expect((await call('nanhu.lead', 'GET', `/api/consultations/${c.id}`)).json().stance).toBe('agree');
  });

  it('analyses consistent replies into a letter; the sealed PDF lists each commitment', async () => {
    const d = (await detail('nanhu.coord', id)).body;
    const zg = await reply('nanhu.lead2', byDept(d, zigui).id, {
      stance: 'conditional',
      opinion: '同意以告知承诺方式先行核发建设工程规划许可证。',
      legalBasis: '《浙江省工程建设项目审批制度改革实施方案》',
      conditions: '建设单位须在开工前补交施工图审查合格书。',
      commitments: [{ content: '核发建设工程规划许可证', dueDays: 5 }],
    });
    expect(zg.statusCode, zg.body).toBe(200);
    expect((await sign('nanhu.lead2', byDept(d, zigui).id)).statusCode).toBe(200);
    const { calendar } = await loadCalendar(t.database.db, '330402');
    const date = addWorkingDays(calendar, todayIn(), 8).date;
    const zj = await reply('nanhu.lead3', byDept(d, zhujian).id, {
      stance: 'agree',
      opinion: '同意并联开展施工图审查和施工许可。',
      commitments: [{ content: '完成施工图审查并核发施工许可证', dueDate: date }],
    });
    expect(zj.statusCode, zj.body).toBe(200);
    expect((await sign('nanhu.lead3', byDept(d, zhujian).id)).statusCode).toBe(200);

    const now = (await detail('nanhu.coord', id)).body;
    expect(now.analysis.outcome).toBe('letter');
    expect(now.analysis.reasons.join()).toContain('附有条件');
    expect((await act('nanhu.coord', id, 'decide', { outcome: 'letter' })).statusCode).toBe(200);
    const drafting = (await detail('nanhu.coord', id)).body;
    expect(drafting).toMatchObject({
      state: 'letter_drafting',
      actions: expect.arrayContaining(['send_letter', 'edit_letter']),
    });
    const edit = await act(
      'nanhu.coord',
      id,
      'letter',
      {
        addressee: '嘉兴南湖智能装备有限公司',
        commitments: drafting.commitments.map((k: Json) =>
          k.dueDays
            ? { id: k.id, content: k.content, dueDays: k.dueDays }
            : { id: k.id, content: k.content, dueDate: date },
        ),
      },
      'PUT',
    );
    expect(edit.statusCode, edit.body).toBe(200);

    const sent = await act('nanhu.coord', id, 'letter/send');
    expect(sent.statusCode, sent.body).toBe(200);
    const s = sent.json();
    expect(s.state).toBe('tracking');
    expect(s.commitments).toHaveLength(3);
    expect(s.commitments.every((k: Json) => k.status === 'open' && k.deadlineId > 0)).toBe(true);
    const letter = await t.database.db
      .selectFrom('document')
      .select(['number', 'seal_id'])
      .where('id', '=', s.letterDocumentId)
      .executeTakeFirstOrThrow();
    expect(letter.number).toMatch(/^南审协〔\d{4}〕\d+号$/);
    expect(letter.seal_id).not.toBeNull();

    const pdf = await call(
      'ent.zhineng',
      'GET',
      `/api/portal/coordination/${id}/documents/${s.letterDocumentId}/pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'letter-'));
    writeFileSync(path.join(dir, 'l.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'l.pdf'), '-'])
      .toString()
      .replace(/\s+/g, '');
    for (const k of ['完成项目备案信息变更', '核发建设工程规划许可证', '完成施工图审查并核发施工许可证']) {
      expect(text).toContain(k);
    }
    expect(text).toContain('南湖区自然资源和规划局');
    const [y, m, dd] = date.split('-').map(Number);
    expect(text).toContain(`${y}年${m}月${dd}日前完成`);
  });

  it('tracks each commitment: lists, urges and closes; the request closes when all are done', async () => {
    const list = (await call('nanhu.coord', 'GET', `/api/commitments?requestId=${id}&status=open`)).json()
      .items as Json[];
    expect(list).toHaveLength(3);
    const fg = list.find((k) => k.departmentName === '南湖区发展和改革局')!;
    expect(fg.actions).toEqual(['urge', 'done']);
    expect(
      (await call('nanhu.coord', 'POST', `/api/commitments/${fg.id}/urge`, { note: '请本周内完成' }))
        .statusCode,
    ).toBe(200);
    const notes = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('u.username')
      .where('n.kind', '=', 'commitment.urged')
      .execute();
    expect(notes.map((n) => n.username)).toContain('nanhu.liaison');
    // 发改 sees its own commitments only.
    const own = (await call('nanhu.officer', 'GET', '/api/commitments?status=open')).json().items as Json[];
    expect(own.map((k) => k.departmentName)).toEqual(['南湖区发展和改革局']);
    expect((await act('nanhu.coord', id, 'close', { resolution: '各部门承诺均已落实。' })).statusCode).toBe(
      409,
    );
    for (const k of list) {
      const user = k.departmentName.endsWith(fagai) ? 'nanhu.officer' : 'nanhu.coord';
      const res = await call(
        user,
        'POST',
        `/api/commitments/${k.id}/done`,
        { note: '已办结。' },
        { 'if-match': `"${k.version}"` },
      );
      expect(res.statusCode, res.body).toBe(200);
    }
    const closed = await act('nanhu.coord', id, 'close', { resolution: '各部门承诺均已落实，项目已开工。' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().state).toBe('closed');
  });

  it('refuses a reply after the request closed, and changes nothing', async () => {
    const d = (await detail('nanhu.coord', id)).body;
    const res = await reply('nanhu.lead2', byDept(d, zigui).id, {
      stance: 'disagree',
      opinion: '补充意见。',
      legalBasis: '《城乡规划法》第四十条',
    });
    expect(res.statusCode).toBe(409);
    expect(
      (await call('nanhu.lead2', 'GET', `/api/consultations/${byDept(d, zigui).id}`)).json().stance,
    ).toBe('conditional');
  });

  it('offers the closed request as a precedent for a similar one', async () => {
    const other = await enterpriseRequest('智能装备二期厂房项目', {
      problem: '建设工程规划许可证与施工图审查互为前置，项目无法开工。',
    });
    const res = (await call('nanhu.coord', 'GET', `/api/coordination/${other}/suggestions`)).json();
    const mine = res.precedents.find((p: Json) => p.id === id);
    expect(mine).toMatchObject({ outcome: 'letter', resolution: '各部门承诺均已落实，项目已开工。' });
    expect(mine.letterNumber).toMatch(/南审协/);
    expect(mine.departments).toContain('南湖区住房和城乡建设局');
    // Unrelated requests (the withdrawn, the open) are never precedents.
    expect(res.precedents.every((p: Json) => p.outcome !== null)).toBe(true);
  });
});

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
