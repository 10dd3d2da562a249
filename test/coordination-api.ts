import { expect } from 'vitest';
import type { apiCaller, Json, TestApp } from './app.ts';

// The coordination API as the HTTP tests drive it: uploads, a complete request, actions at the
// request's current version, replies and signatures, and the three consulted departments.
export const [fagai, zigui, zhujian] = ['发展和改革局', '自然资源和规划局', '住房和城乡建设局'];

export function coordinationApi(t: () => TestApp, call: ReturnType<typeof apiCaller>['call']) {
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

  async function act(
    user: string,
    id: number,
    path: string,
    body?: unknown,
    method: 'POST' | 'PUT' = 'POST',
  ) {
    const { etag } = await detail(user, id);
    return call(user, method, `/api/coordination/${id}/${path}`, body ?? {}, { 'if-match': etag });
  }

  async function units(names: string[]) {
    const rows = await t()
      .database.db.selectFrom('unit')
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
  return { PDF, upload, contents, detail, act, units, reply, sign, enterpriseRequest, consultThree, byDept };
}
