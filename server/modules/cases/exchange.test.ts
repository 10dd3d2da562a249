import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { exchangeDate, exchangeTime } from './exchange.service.ts';

// GB/T 39046 incremental exchange (R-CASE-3/4/7/8) on the demo region 南湖区.
let t: TestApp;
const { call } = apiCaller(() => t);
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function act(user: string, id: number, path: string, body?: unknown) {
  const cur = await call(user, 'GET', `/api/cases/${id}`);
  const res = await call(user, 'POST', `/api/cases/${id}/${path}`, body, { 'if-match': cur.headers.etag });
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json() as Json;
}

/** A walk-in case for 建设工程规划许可证核发 in 南湖区 with every material checked. */
async function newCase() {
  const items = (await call('nanhu.clerk', 'GET', '/api/catalog/items?region=330402&limit=100')).json()
    .items as Json[];
  const item = items.find((i) => i.name === '建设工程规划许可证核发')!;
  const v = (await call('nanhu.clerk', 'GET', `/api/catalog/versions/${item.versionId}`)).json();
  const created = await call('nanhu.clerk', 'POST', '/api/cases', {
    itemVersionId: v.id,
    applicant: { name: '嘉兴南湖智能装备有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' },
    contact: { name: '钱志远', phone: '13905730001' },
    project: { code: '2611-330402-04-01-123456', name: '年产5万台工业机器人项目' },
    materials: v.materials.map((m: Json) => ({ materialId: m.id, paperChecked: true })),
  });
  expect(created.statusCode, created.body).toBe(201);
  return { id: created.json().id as number, v };
}

describe('exchange formats (R-CASE-7)', () => {
  it.each([
    ['2026-09-18T02:03:04Z', '20260918T100304'],
    ['2026-12-31T16:00:00Z', '20270101T000000'], // Beijing is already in the new year
    ['2026-03-01T15:59:59Z', '20260301T235959'],
  ])('%s → %s', (iso, expected) => {
    expect(exchangeTime(new Date(iso))).toBe(expected);
  });
  it('dates are YYYYMMDD', () => {
    expect(exchangeDate('2026-10-08')).toBe('20261008');
    expect(exchangeDate(null)).toBeNull();
  });
});

describe('incremental batches', () => {
  it('turn a case’s steps into accept, process, special-procedure and result records, once, replayable', async () => {
    const { id, v } = await newCase();
    const [agent] = (await call('nanhu.clerk', 'GET', '/api/cases/agents?region=330402')).json() as Json[];
    await act('nanhu.clerk', id, 'agent', { agentId: agent!.id });
    const accepted = await act('nanhu.clerk', id, 'accept');
    await act('nanhu.clerk', id, 'dispatch');
    await act('nanhu.officer2', id, 'suspend', { kind: 'site_inspection', reason: '需现场核实建设工程位置' });
    await act('nanhu.officer2', id, 'resume', { result: '现场与设计方案一致' });
    await act('nanhu.lead2', id, 'extend', { days: 10, reason: '需进一步征求意见' });
    await act('nanhu.officer2', id, 'pass', { opinion: '材料齐全，符合规划条件' });
    await act('nanhu.lead2', id, 'decision', { approve: true, resultNumber: '建字第330402202600099号' });
    const done = await act('nanhu.clerk', id, 'deliver', { method: 'post' });

    // Who may export: the region's administrator only.
    expect(
      (await call('nanhu.officer', 'POST', '/api/exchange/batches', { regionCode: '330402' })).statusCode,
    ).toBe(403);
    expect(
      (await call('xiuzhou.admin', 'POST', '/api/exchange/batches', { regionCode: '330402' })).statusCode,
    ).toBe(403);

    const res = await call('nanhu.admin', 'POST', '/api/exchange/batches', { regionCode: '330402' });
    expect(res.statusCode, res.body).toBe(201);
    const batch = res.json();
    expect(batch).toMatchObject({
      batch: '330402-000001',
      regionCode: '330402',
      afterStepId: 0,
      more: false,
    });
    const file = await call('nanhu.admin', 'GET', `/api/exchange/batches/${batch.id}/file`);
    expect(file.statusCode).toBe(200);
    const again = await call('nanhu.admin', 'GET', `/api/exchange/batches/${batch.id}/file`);
    expect(again.rawPayload.equals(file.rawPayload)).toBe(true);
    const { sm3Hex } = await import('../../platform/seals/seals.ts');
    expect(sm3Hex(file.rawPayload)).toBe(batch.digest);

    const all = file.json().records as Json[];
    expect(all).toHaveLength(batch.records);
    const mine = all.filter((r) => r.case_no === done.number);
    const of = (table: string) => mine.filter((r) => r.table === table);
    for (const r of all) {
      expect(r).toMatchObject({ cd_batch: '330402-000001', cd_time: expect.stringMatching(/^\d{8}T\d{6}$/) });
      expect(['I', 'U']).toContain(r.cd_operation);
    }
    // 表6: one acceptance with its notice number, promised date and catalog version.
    expect(of('up_pro_accept')).toEqual([
      expect.objectContaining({
        cd_operation: 'I',
        accept_doc_no: expect.stringMatching(/^南审受〔\d{4}〕\d+号$/),
        // As promised at acceptance, not moved by the later suspension and extension.
        promise_date: accepted.dueDate.replaceAll('-', ''),
        accept_time: expect.stringMatching(/^\d{8}T\d{6}$/),
        item_type_code: '2',
        accept_unit_uscc: expect.stringMatching(/^11330402MB[0-9A-Z]{8}$/),
        implement_code: v.implementationCode,
        task_version: v.versionNo,
      }),
    ]);
    expect(done.dueDate).not.toBe(accepted.dueDate);
    // 表7: every handling step, with 业务动作 and an end time; naming the agent is not one.
    const steps = (await call('nanhu.clerk', 'GET', `/api/cases/${id}`)).json().steps as Json[];
    expect(steps.map((s) => s.event)).toContain('agent');
    expect(of('up_pro_process').map((r) => r.step_name)).toEqual(
      steps.filter((s) => s.event !== 'agent').map((s) => s.name),
    );
    for (const r of of('up_pro_process')) {
      expect(['通过', '退回', '其他']).toContain(r.action);
      // Staff steps name their unit by its USCC (the demo units all have one).
      expect(r.unit_uscc).toMatch(/^11330402MB[0-9A-Z]{8}$/);
      expect(r.end_time).toBe(r.start_time);
    }
    // Special procedures: the suspension inserted then updated with its end, the extension as kind 1.
    expect(of('up_pro_special_procedure').map((r) => [r.cd_operation, r.type_code, r.type_name])).toEqual([
      ['I', '2', '现场勘验'],
      ['U', '2', '现场勘验'],
      ['I', '1', '延长审批'],
    ]);
    const [start, end] = of('up_pro_special_procedure');
    expect(start!.end_time).toBe(start!.start_time);
    expect(end!.result).toBe('现场与设计方案一致');
    // 表8: the decision, then the delivery by post.
    expect(of('up_pro_result').map((r) => [r.cd_operation, r.licence_no, r.is_post])).toEqual([
      ['I', '建字第330402202600099号', null],
      ['U', '建字第330402202600099号', '1'],
    ]);

    // Nothing new: no empty batch. A new step goes into the next batch only.
    const none = await call('nanhu.admin', 'POST', '/api/exchange/batches', { regionCode: '330402' });
    expect(none.statusCode).toBe(409);
    await act('nanhu.clerk', id, 'archive');
    const next = await call('nanhu.admin', 'POST', '/api/exchange/batches', { regionCode: '330402' });
    expect(next.json()).toMatchObject({ batch: '330402-000002', afterStepId: batch.toStepId, records: 1 });
    const list = (await call('nanhu.admin', 'GET', '/api/exchange/batches')).json() as Json[];
    expect(list.map((b) => b.batch).slice(0, 2)).toEqual(['330402-000002', '330402-000001']);
  });

  it('a denial keeps 不予许可 when it is delivered', async () => {
    const { id } = await newCase();
    await act('nanhu.clerk', id, 'accept');
    await act('nanhu.clerk', id, 'dispatch');
    await act('nanhu.officer2', id, 'pass', { opinion: '规划条件不符' });
    await act('nanhu.lead2', id, 'decision', { approve: false, reason: '建筑退让不符合控制性详细规划' });
    const done = await act('nanhu.clerk', id, 'deliver', { method: 'window' });
    const res = await call('nanhu.admin', 'POST', '/api/exchange/batches', { regionCode: '330402' });
    expect(res.statusCode, res.body).toBe(201);
    const file = await call('nanhu.admin', 'GET', `/api/exchange/batches/${res.json().id}/file`);
    const results = (file.json().records as Json[]).filter(
      (r) => r.case_no === done.number && r.table === 'up_pro_result',
    );
    expect(results.map((r) => [r.cd_operation, r.result, r.is_post])).toEqual([
      ['I', '不予许可', null],
      ['U', '不予许可', '0'],
    ]);
  });
});
