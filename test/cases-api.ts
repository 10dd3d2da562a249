import { expect } from 'vitest';
import type { apiCaller, Json, TestApp } from './app.ts';

// The case API as the HTTP tests drive it: a version of a demo item, window intake, an action at
// the case's current version, and counts of what a change wrote.
export const applicant = { name: '嘉兴南湖智能装备有限公司', idType: 'uscc', idNumber: '91330402MA2B8K3P51' };
export const contact = { name: '钱志远', phone: '13905730001' };
export const project = { code: '2611-330402-04-01-123456', name: '年产5万台工业机器人项目' };

export function caseApi(t: () => TestApp, call: ReturnType<typeof apiCaller>['call']) {
  async function version(itemName: string, region = '330402') {
    const list = (await call(null, 'GET', `/api/catalog/items?region=${region}&limit=100`)).json()
      .items as Json[];
    const item = list.find((i) => i.name === itemName)!;
    return (await call(null, 'GET', `/api/catalog/versions/${item.versionId}`)).json() as Json;
  }

  /** Window intake with every material's paper original checked except the named ones. */
  async function windowIntake(itemName: string, except: string[] = [], user = 'nanhu.clerk') {
    const v = await version(itemName);
    const res = await call(user, 'POST', '/api/cases', {
      itemVersionId: v.id,
      applicant,
      contact,
      project,
      materials: v.materials
        .filter((m: Json) => !except.includes(m.name))
        .map((m: Json) => ({ materialId: m.id, paperChecked: true })),
    });
    expect(res.statusCode, res.body).toBe(201);
    return (await call(user, 'GET', `/api/cases/${res.json().id}`)).json() as Json;
  }

  /** Performs an action at the case's current version; returns the response. */
  async function act(user: string, id: number, path: string, body?: unknown) {
    const cur = await call(user, 'GET', `/api/cases/${id}`);
    const res = await call(user, 'POST', `/api/cases/${id}/${path}`, body, { 'if-match': cur.headers.etag });
    return res;
  }

  async function actOk(user: string, id: number, path: string, body?: unknown) {
    const res = await act(user, id, path, body);
    expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
    return res.json() as Json;
  }

  const count = async (table: 'audit_event' | 'case_step' | 'document', where: [string, unknown]) =>
    Number(
      (
        await t()
          .database.db.selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .where(where[0] as never, '=', where[1] as never)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { version, windowIntake, act, actOk, count };
}
