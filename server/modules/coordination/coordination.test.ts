import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates.ts';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { coordinationApi, fagai, zhujian, zigui } from '../../../test/coordination-api.ts';
import { addWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';

// Coordination (DOMAIN.md workflow 3) through the API, on the demo region 南湖区: an enterprise's
// request, three written consultations, replies, the letter or the meeting, the tracker, the ladder.
let t: TestApp;
const { call } = apiCaller(() => t);
const { contents, detail, act, units, reply, sign, enterpriseRequest, consultThree, byDept } =
  coordinationApi(() => t, call);

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

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
    // 发改 sees its own commitments only (this request's, and those of other requests).
    const own = (await call('nanhu.officer', 'GET', '/api/commitments?status=open')).json().items as Json[];
    expect(new Set(own.map((k) => k.departmentName))).toEqual(new Set(['南湖区发展和改革局']));
    expect(own.filter((k) => k.requestId === id).map((k) => k.departmentName)).toEqual([
      '南湖区发展和改革局',
    ]);
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
