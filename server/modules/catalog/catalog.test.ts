import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';

let t: TestApp;
let admin: string;
let lead: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('nanhu.admin');
  lead = await t.login('nanhu.lead'); // 南湖区发展和改革局
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: API responses are checked field by field
type Json = Record<string, any>;
const req = (
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  cookie?: string,
  payload?: unknown,
  headers: Json = {},
) =>
  t.app.inject({
    method,
    url,
    payload: payload as Json,
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });

async function itemByName(name: string, region = '330402') {
  const list = (await req('GET', `/api/catalog/items?region=${region}&limit=100`)).json().items as Json[];
  const item = list.find((i) => i.name === name);
  if (!item) throw new Error(`no item ${name}`);
  return (await req('GET', `/api/catalog/items/${item.id}`)).json() as Json;
}

/** A definition as the edit form sends it: the current version's fields, changed as given. */
function definitionOf(v: Json, change: Json = {}) {
  const {
    id,
    itemId,
    versionNo,
    regionCode,
    departmentId,
    departmentName,
    status,
    current,
    publishedAt,
    versions,
    ...rest
  } = v;
  return {
    ...rest,
    materials: v.materials.map(({ id: _i, seq: _s, ...m }: Json) => m),
    ...change,
  };
}

async function draft(cookie: string, body: Json) {
  return req('POST', '/api/catalog/change-requests', cookie, body);
}

async function decide(id: number, approve: boolean, note?: string, cookie = admin) {
  const cr = await req('GET', `/api/catalog/change-requests/${id}`, cookie);
  return req(
    'POST',
    `/api/catalog/change-requests/${id}/decision`,
    cookie,
    { approve, note },
    { 'if-match': cr.headers.etag },
  );
}

const countAudit = async (action: string) =>
  Number(
    (
      await t.database.db
        .selectFrom('audit_event')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', action)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('published catalog (同源发布)', () => {
  it('anyone reads the same current versions; a staff session sees exactly the same list', async () => {
    const anon = await req('GET', '/api/catalog/items?region=330402&limit=100');
    expect(anon.statusCode).toBe(200);
    const names = anon.json().items.map((i: Json) => i.name);
    expect(names).toContain('企业投资项目备案');
    expect(names).toContain('建筑工程施工许可证核发');
    const staff = await req(
      'GET',
      '/api/catalog/items?region=330402&limit=100',
      await t.login('nanhu.clerk'),
    );
    expect(staff.json()).toEqual(anon.json());
  });

  it('an item shows its GB/T 39046 fields and materials', async () => {
    const v = await itemByName('建筑工程施工许可证核发');
    expect(v).toMatchObject({
      versionNo: 1,
      current: true,
      itemType: '01',
      exerciseLevel: '4',
      legalDays: 7,
      promisedDays: 3,
      legalUnit: 'working',
      approvalLevels: 2,
      departmentName: '南湖区住房和城乡建设局',
    });
    expect(v.materials.map((m: Json) => m.name)).toEqual([
      '营业执照',
      '法定代表人身份证明',
      '建设工程规划许可证',
      '施工合同',
    ]);
    expect(v.materials.find((m: Json) => m.name === '施工合同')).toMatchObject({
      required: false,
      tolerable: true,
    });
  });

  it('a bundle asks once for a material its items share', async () => {
    const list = (await req('GET', '/api/catalog/bundles?region=330402')).json() as Json[];
    const b = list.find((x) => x.name === '工业项目开工一件事')!;
    expect(b.items).toHaveLength(3);
    const licence = b.materials.filter((m: Json) => m.sharedKey === '营业执照');
    expect(licence).toHaveLength(1);
    expect(licence[0].itemIds).toHaveLength(3);
    const keys = b.materials.map((m: Json) => m.sharedKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(b.form.find((f: Json) => f.key === 'projectCode').itemIds).toHaveLength(3);
  });
});

describe('change requests: drafted by the department, approved by the center (R-CAT-4)', () => {
  it('a modification publishes version 2; version 1 stays readable and unchanged', async () => {
    const v1 = await itemByName('企业投资项目备案');
    const before = await countAudit('catalog.change.approve');
    const res = await draft(lead, {
      kind: 'modify',
      itemId: v1.itemId,
      baseVersionId: v1.id,
      reason: '承诺时限压缩为 1 个工作日',
      definition: definitionOf(v1, { promisedDays: 1 }),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'submitted',
      kind: 'modify',
      departmentName: '南湖区发展和改革局',
    });
    // Not yet published.
    expect((await itemByName('企业投资项目备案')).promisedDays).toBe(2);
    const ok = await decide(res.json().id, true, '同意');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('approved');
    const v2 = await itemByName('企业投资项目备案');
    expect(v2).toMatchObject({ versionNo: 2, promisedDays: 1, current: true });
    expect(v2.versions.map((x: Json) => x.versionNo)).toEqual([2, 1]);
    const old = (await req('GET', `/api/catalog/versions/${v1.id}`)).json();
    expect(old).toMatchObject({ versionNo: 1, promisedDays: 2, current: false });
    expect(old.materials).toEqual(v1.materials);
    expect(await countAudit('catalog.change.approve')).toBe(before + 1);
  });

  it('a request drafted on an old version is refused, and approving a stale one changes nothing', async () => {
    const v = await itemByName('固定资产投资项目节能审查');
    const a = await draft(lead, {
      kind: 'modify',
      itemId: v.itemId,
      baseVersionId: v.id,
      reason: '补充材料要求',
      definition: definitionOf(v, { promisedDays: 9 }),
    });
    const b = await draft(lead, {
      kind: 'modify',
      itemId: v.itemId,
      baseVersionId: v.id,
      reason: '压缩承诺时限',
      definition: definitionOf(v, { promisedDays: 8 }),
    });
    expect((await decide(a.json().id, true)).statusCode).toBe(200);
    const stale = await decide(b.json().id, true);
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json().detail).toContain('版本已过期');
    expect((await itemByName('固定资产投资项目节能审查')).promisedDays).toBe(9);
    expect((await req('GET', `/api/catalog/change-requests/${b.json().id}`, admin)).json().status).toBe(
      'submitted',
    );
    const again = await draft(lead, {
      kind: 'modify',
      itemId: v.itemId,
      baseVersionId: v.id,
      reason: '再次修改',
      definition: definitionOf(v),
    });
    expect(again.statusCode).toBe(409);
  });

  it('refuses bad definitions with Chinese field messages and stores nothing', async () => {
    const v = await itemByName('公共场所卫生许可');
    const before = (await req('GET', '/api/catalog/change-requests?limit=200', admin)).json().items.length;
    const cases: [Json, string][] = [
      [{ approvalLevels: 4 }, '内部审批层级最多 3 级'],
      [{ promisedDays: 30 }, '不能超过法定时限'],
      [{ itemType: '99' }, '附录 A.1'],
      [{ exerciseLevel: '8' }, '行使层级'],
      [
        { materials: [{ name: '卫生检测报告', required: true, tolerable: true, medium: 'both' }] },
        '容缺的法律或政策依据',
      ],
      [{ materials: [{ name: '报告', required: true, medium: 'x' }] }, '材料形式'],
    ];
    for (const [change, message] of cases) {
      const res = await draft(await t.login('nanhu.admin'), {
        kind: 'modify',
        itemId: v.itemId,
        baseVersionId: v.id,
        reason: '测试',
        definition: definitionOf(v, change),
      });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      expect(JSON.stringify(res.json().errors), JSON.stringify(change)).toContain(message);
    }
    expect((await req('GET', '/api/catalog/change-requests?limit=200', admin)).json().items.length).toBe(
      before,
    );
  });

  it('a department drafts only for itself; an officer cannot draft; a rejection needs a reason', async () => {
    const other = await itemByName('建设用地规划许可证核发');
    const res = await draft(lead, {
      kind: 'withdraw',
      itemId: other.itemId,
      baseVersionId: other.id,
      reason: '越权取消',
    });
    expect(res.statusCode).toBe(403);
    const officer = await draft(await t.login('nanhu.officer'), {
      kind: 'withdraw',
      itemId: other.itemId,
      baseVersionId: other.id,
      reason: '无权起草',
    });
    expect(officer.statusCode).toBe(403);
    const mine = await itemByName('企业投资项目备案');
    const w = await draft(lead, {
      kind: 'withdraw',
      itemId: mine.itemId,
      baseVersionId: mine.id,
      reason: '合并办理',
    });
    expect(w.statusCode).toBe(201);
    const noReason = await decide(w.json().id, false);
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('不通过时须填写审核意见');
    const noMatch = await req('POST', `/api/catalog/change-requests/${w.json().id}/decision`, admin, {
      approve: false,
      note: '不同意',
    });
    expect(noMatch.statusCode).toBe(428);
    const stale = await req(
      'POST',
      `/api/catalog/change-requests/${w.json().id}/decision`,
      admin,
      { approve: false, note: '不同意' },
      { 'if-match': '"99"' },
    );
    expect(stale.statusCode).toBe(412);
    expect((await decide(w.json().id, false, '事项仍需保留')).json()).toMatchObject({
      status: 'rejected',
      decisionNote: '事项仍需保留',
    });
    expect((await decide(w.json().id, true)).statusCode).toBe(409);
  });

  it('a department sees its own requests; another county sees none of them', async () => {
    const mine = (await req('GET', '/api/catalog/change-requests?limit=200', lead)).json().items as Json[];
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((r) => r.departmentName))).toEqual(new Set(['南湖区发展和改革局']));
    const other = (
      await req('GET', '/api/catalog/change-requests?limit=200', await t.login('xiuzhou.admin'))
    ).json();
    expect(other.items).toEqual([]);
  });

  it('a new item is published as version 1; a withdrawal hides it from the public list', async () => {
    const dept = Number(
      (
        await t.database.db
          .selectFrom('unit')
          .select('id')
          .where('name', '=', '南湖区发展和改革局')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const base = await itemByName('公共场所卫生许可');
    const add = await draft(lead, {
      kind: 'add',
      departmentId: dept,
      reason: '新增事项',
      definition: definitionOf(base, {
        name: '政府投资项目建议书审批',
        implementationCode: 'FGJ-0009',
        approvalLevels: 3,
      }),
    });
    expect(add.statusCode).toBe(201);
    const published = await decide(add.json().id, true);
    expect(published.json().publishedVersionId).toBeGreaterThan(0);
    const v = await itemByName('政府投资项目建议书审批');
    expect(v).toMatchObject({ versionNo: 1, departmentName: '南湖区发展和改革局', approvalLevels: 3 });
    const w = await draft(lead, {
      kind: 'withdraw',
      itemId: v.itemId,
      baseVersionId: v.id,
      reason: '事项取消',
    });
    expect((await decide(w.json().id, true)).statusCode).toBe(200);
    const names = (await req('GET', '/api/catalog/items?region=330402&limit=100'))
      .json()
      .items.map((i: Json) => i.name);
    expect(names).not.toContain('政府投资项目建议书审批');
    const all = (await req('GET', '/api/catalog/items?region=330402&limit=100&includeWithdrawn=true')).json();
    expect(all.items.find((i: Json) => i.name === '政府投资项目建议书审批')?.status).toBe('withdrawn');
  });

  it('a published version cannot be changed in the database either', async () => {
    const v = await itemByName('食品经营许可');
    await expect(
      t.database.db
        .updateTable('service_item_version')
        .set({ promised_days: 1 })
        .where('id', '=', v.id)
        .execute(),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.database.db.deleteFrom('item_material').where('version_id', '=', v.id).execute(),
    ).rejects.toThrow(/immutable/);
  });
});

describe('bundles and authorizations', () => {
  it('an administrator configures a bundle; items of another region are refused', async () => {
    const a = await itemByName('食品经营许可');
    const b = await itemByName('公共场所卫生许可');
    const lead = b.departmentId;
    const ok = await req('POST', '/api/catalog/bundles', admin, {
      regionCode: '330402',
      name: '开办餐饮店一件事',
      leadDepartmentId: a.departmentId,
      itemIds: [a.itemId, b.itemId],
      form: [{ key: 'shopName', label: '店铺名称', required: true, itemIds: [a.itemId, b.itemId] }],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().materials.filter((m: Json) => m.sharedKey === '营业执照')[0].itemIds).toHaveLength(2);
    const foreign = await itemByName('食品经营许可', '330411');
    const bad = await req('POST', '/api/catalog/bundles', admin, {
      regionCode: '330402',
      name: '跨区一件事',
      leadDepartmentId: lead,
      itemIds: [a.itemId, foreign.itemId],
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('不属于该区划');
  });

  it('a department lead authorizes a window clerk for its own item, audited; a non-window user is refused', async () => {
    const mine = await itemByName('固定资产投资项目节能审查');
    const clerk = Number(
      (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'nanhu.clerk')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const officer = Number(
      (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('username', '=', 'nanhu.officer')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const bad = await req('POST', '/api/catalog/authorizations', lead, {
      itemId: mine.itemId,
      granteeUserId: officer,
    });
    expect(bad.statusCode).toBe(400);
    const other = await itemByName('建设用地规划许可证核发');
    expect(
      (await req('POST', '/api/catalog/authorizations', lead, { itemId: other.itemId, granteeUserId: clerk }))
        .statusCode,
    ).toBe(403);
    const ok = await req('POST', '/api/catalog/authorizations', lead, {
      itemId: mine.itemId,
      granteeUserId: clerk,
      note: '节能审查当场办结',
    });
    expect(ok.statusCode).toBe(201);
    expect(
      (await req('POST', '/api/catalog/authorizations', lead, { itemId: mine.itemId, granteeUserId: clerk }))
        .statusCode,
    ).toBe(409);
    const list = (await req('GET', `/api/catalog/authorizations?itemId=${mine.itemId}`, lead)).json();
    expect(list[0]).toMatchObject({ granteeName: '窗口 陈静', revokedAt: null });
    expect((await req('DELETE', `/api/catalog/authorizations/${ok.json().id}`, lead)).statusCode).toBe(200);
    expect((await req('DELETE', `/api/catalog/authorizations/${ok.json().id}`, lead)).statusCode).toBe(404);
    expect(await countAudit('authorization.grant')).toBe(1);
    expect(await countAudit('authorization.revoke')).toBe(1);
  });
});

describe('blank forms of materials (空白表格)', () => {
  it('a drafted material carries an uploaded blank form, served once published and only then', async () => {
    const pdf = Buffer.from('%PDF-1.7\n% 食品经营许可申请书（空白）\n%%EOF\n');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/form-templates',
      payload: Buffer.from('MZ not a form'),
      headers: { cookie: admin, 'content-type': 'application/octet-stream' },
    });
    expect(bad.statusCode).toBe(415);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/form-templates',
      payload: pdf,
      headers: { cookie: admin, 'content-type': 'application/octet-stream' },
    });
    expect(up.statusCode).toBe(201);
    const { hash } = up.json();
    // Not yet referenced by a published material: not served.
    expect((await req('GET', `/api/catalog/form-templates/${hash}`)).statusCode).toBe(404);
    const v = await itemByName('食品经营许可');
    const def = definitionOf(v);
    def.materials = def.materials.map((m: Json) =>
      m.name === '食品经营许可申请书' ? { ...m, formTemplateHash: hash } : m,
    );
    const cr = await draft(admin, {
      kind: 'modify',
      itemId: v.itemId,
      baseVersionId: v.id,
      reason: '补充空白表格',
      definition: def,
    });
    expect(cr.statusCode, cr.body).toBe(201);
    expect((await decide(cr.json().id, true)).statusCode).toBe(200);
    const v2 = await itemByName('食品经营许可');
    expect(v2.materials.find((m: Json) => m.name === '食品经营许可申请书').formTemplateHash).toBe(hash);
    const file = await req('GET', `/api/catalog/form-templates/${hash}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    // Other stored files (documents, seal images) are never served through this route.
    const doc = await t.database.db
      .selectFrom('blob')
      .select('hash')
      .where('hash', '!=', hash)
      .limit(1)
      .executeTakeFirst();
    expect(doc).toBeDefined();
    expect((await req('GET', `/api/catalog/form-templates/${doc!.hash}`)).statusCode).toBe(404);
  });
});
