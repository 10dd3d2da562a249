import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { readCsv, writeCsv } from '../../platform/files/spreadsheet.ts';
import { COLUMNS, CSV_TYPE, parseMaterials, XLSX_TYPE } from './catalog.sheet.ts';

// Catalog import and export (R-CAT-2) through the API on the demo region 南湖区.
let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('nanhu.admin');
});
afterAll(() => t.close());

// biome-ignore lint/suspicious/noExplicitAny: API responses are checked field by field
type Json = Record<string, any>;

// The required columns, as a clerk would type them (headers with the hints of the template).
const HEADER = [
  '事项名称',
  '基本编码',
  '实施编码',
  '事项类型',
  '行使层级',
  '实施主体性质',
  '服务对象',
  '办理形式',
  '办件类型(即办件/承诺件)',
  '法定时限',
  '承诺时限',
  '时限单位(工作日/自然日)',
  '设定依据',
  '特别程序',
  '审批层级',
  '实施部门',
  '是否网办',
  '网办地址',
  '材料',
];

function row(over: Record<string, string> = {}): string[] {
  const base: Record<string, string> = {
    事项名称: '建筑起重机械使用登记',
    基本编码: '000170009000',
    实施编码: 'JSJ-0099',
    事项类型: '07',
    行使层级: '4',
    实施主体性质: '1',
    服务对象: '2、3',
    办理形式: '1、2',
    '办件类型(即办件/承诺件)': '承诺件',
    法定时限: '7',
    承诺时限: '5',
    '时限单位(工作日/自然日)': '工作日',
    设定依据: '《建筑起重机械安全监督管理规定》（建设部令第166号）第十七条',
    特别程序: '现场勘验 2个工作日',
    审批层级: '2',
    实施部门: '南湖区住房和城乡建设局',
    是否网办: '是',
    网办地址: 'https://zwfw.jiaxing.example.gov.cn/item/JSJ-0099',
    材料: '营业执照[必备|电子|证照:营业执照]；授权委托书[容缺|纸质|原件1|要求:委托他人办理时提交，须法定代表人签字]',
  };
  return HEADER.map((h) => over[h] ?? base[h]!);
}

/** Hand-written CSV (not the module's writer): quotes where a cell needs them, BOM, LF. */
function csv(rows: string[][], header = HEADER): Buffer {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const text = [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
  return Buffer.from(`\uFEFF${text}\n`, 'utf8');
}

const upload = (body: Buffer, query: string, type = 'text/csv; charset=utf-8', cookie = admin) =>
  t.app.inject({
    method: 'POST',
    url: `/api/catalog/import?${query}`,
    headers: { cookie, 'content-type': type },
    payload: body,
  });

const count = async (table: 'service_item' | 'service_item_version' | 'audit_event') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function items(region = '330402') {
  return (await t.app.inject({ method: 'GET', url: `/api/catalog/items?region=${region}&limit=500` })).json()
    .items as Json[];
}
const item = async (id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/catalog/items/${id}` })).json();

describe('catalog import (事项清单导入)', () => {
  it('previews a valid CSV of two rows, then publishes both in one go', async () => {
    const construction = (await items()).find((i) => i.name === '建筑工程施工许可证核发')!;
    const file = csv([
      row(),
      row({
        事项名称: '建筑工程施工许可证核发',
        基本编码: '000170001000',
        实施编码: 'JSJ-0001',
        事项类型: '01 行政许可',
        服务对象: '企业法人',
        法定时限: '7',
        承诺时限: '2',
        设定依据: '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》',
        网办地址: 'https://zwfw.jiaxing.example.gov.cn/item/JSJ-0001',
        实施部门: '住房和城乡建设局',
        材料: '营业执照[必备|电子|证照:营业执照|要求:可通过电子证照库调用，无需提交纸质件]；法定代表人身份证明[必备|纸质或电子|复印件1]；建设工程规划许可证[必备|电子|证照:建设工程规划许可证]；施工合同[容缺|纸质|原件1|要求:中标通知书及施工合同]',
      }),
    ]);
    const versions = await count('service_item_version');

    const preview = await upload(file, 'region=330402&dryRun=true');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      total: 2,
      valid: 2,
      errors: [],
      dryRun: true,
      published: 0,
      items: [
        {
          row: 2,
          name: '建筑起重机械使用登记',
          department: '南湖区住房和城乡建设局',
          action: 'add',
          changed: true,
          itemId: null,
          versionId: null,
        },
        {
          row: 3,
          name: '建筑工程施工许可证核发',
          department: '南湖区住房和城乡建设局',
          action: 'modify',
          changed: true,
          itemId: construction.id,
          versionId: construction.versionId,
        },
      ],
    });
    expect(await count('service_item_version')).toBe(versions);

    const audits = await count('audit_event');
    const done = await upload(file, 'region=330402&dryRun=false');
    expect(done.statusCode, done.body).toBe(200);
    const report = done.json();
    expect(report).toMatchObject({ total: 2, valid: 2, errors: [], dryRun: false, published: 2 });
    expect(await count('service_item_version')).toBe(versions + 2);
    expect(await count('audit_event')).toBe(audits + 1);

    const added = await item(report.items[0].itemId);
    expect(added).toMatchObject({
      versionNo: 1,
      name: '建筑起重机械使用登记',
      implementationCode: 'JSJ-0099',
      itemType: '07',
      exerciseLevel: '4',
      serviceObjects: ['2', '3'],
      handlingForms: ['1', '2'],
      kind: 'promised',
      legalDays: 7,
      promisedDays: 5,
      legalUnit: 'working',
      promisedUnit: 'working',
      approvalLevels: 2,
      online: true,
      departmentName: '南湖区住房和城乡建设局',
    });
    expect(added.materials).toMatchObject([
      { name: '营业执照', required: true, tolerable: false, medium: 'electronic', licenceType: '营业执照' },
      {
        name: '授权委托书',
        required: false,
        tolerable: true,
        medium: 'paper',
        originals: 1,
        requirement: '委托他人办理时提交，须法定代表人签字',
      },
    ]);

    // The modification is a new version; what the file has no column for is kept.
    const modified = await item(construction.id);
    expect(modified).toMatchObject({
      versionNo: 2,
      promisedDays: 2,
      serviceObjects: ['2'],
      resultName: '建筑工程施工许可证',
      suspensionKinds: ['site_inspection', 'correction'],
      requiresProjectCode: true,
    });
    expect(report.items[1]).toMatchObject({
      action: 'modify',
      itemId: construction.id,
      versionId: modified.id,
    });

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['summary', 'target_id'])
      .where('action', '=', 'catalog.import')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target_id: '330402', summary: { added: 1, modified: 1, total: 2 } });

    // The same file again changes nothing.
    const again = await upload(file, 'region=330402&dryRun=false');
    expect(again.json()).toMatchObject({ published: 0, valid: 2 });
    expect(again.json().items.map((i: Json) => [i.action, i.changed])).toEqual([
      ['modify', false],
      ['modify', false],
    ]);
    expect(await count('service_item_version')).toBe(versions + 2);
  });

  it('rejects unknown codes, a 4th approval level and an unknown department by row, writing nothing', async () => {
    const file = csv([
      row({ 实施编码: 'BAD-0001', 事项类型: '99' }),
      row({ 实施编码: 'BAD-0002', 审批层级: '4' }),
      row({ 实施编码: 'BAD-0003', 实施部门: '南湖区不存在局' }),
      row({ 实施编码: 'BAD-0004', 行使层级: '8', 服务对象: '2、7', 材料: '营业执照[必备|彩印]' }),
      row({ 实施编码: 'GOOD-0001' }),
    ]);
    const items0 = await count('service_item');
    const versions = await count('service_item_version');

    const res = await upload(file, 'region=330402&dryRun=false');
    expect(res.statusCode, res.body).toBe(422);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const problem = res.json();
    expect(problem.detail).toContain('未写入任何数据');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { row: 2, field: '事项类型', message: '事项类型代码不在 GB/T 39046 附录 A.1 中' },
        { row: 3, field: '审批层级', message: '内部审批层级最多 3 级' },
        {
          row: 4,
          field: '实施部门',
          message: '本区划（南湖区）没有名为“南湖区不存在局”的启用中的审批部门',
        },
        { row: 5, field: '行使层级', message: '行使层级代码应为 1–7（附录 A.2）' },
        { row: 5, field: '服务对象', message: '服务对象代码应为 1–6（附录 A.4）' },
        { row: 5, field: '材料', message: '材料“营业执照”的标注“彩印”无法识别' },
      ]),
    );
    expect(problem.errors.some((e: Json) => e.row === 6)).toBe(false);
    for (const e of problem.errors) expect(e.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count('service_item')).toBe(items0);
    expect(await count('service_item_version')).toBe(versions);

    // The preview reports the same, and which rows are fine.
    const preview = await upload(file, 'region=330402');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ total: 5, valid: 1, dryRun: true, published: 0 });
    expect(preview.json().errors).toEqual(problem.errors);
    expect(preview.json().items.map((i: Json) => i.row)).toEqual([6]);
  });

  it('reports missing columns, duplicate codes and files it cannot read', async () => {
    const noMaterials = csv(
      [row().slice(0, -1)],
      HEADER.filter((h) => h !== '材料'),
    );
    const missing = await upload(noMaterials, 'region=330402&dryRun=false');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors).toEqual([{ row: 1, field: '材料', message: '缺少“材料”列' }]);

    const dup = await upload(csv([row(), row({ 事项名称: '另一个事项' })]), 'region=330402');
    expect(dup.json().errors).toEqual([
      { row: 3, field: '实施编码', message: '与第 2 行的实施编码“JSJ-0099”重复' },
    ]);

    const gbk = Buffer.from([0xca, 0xc2, 0xcf, 0xee, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a]); // 事项名称 in GBK
    const notUtf8 = await upload(gbk, 'region=330402');
    expect(notUtf8.statusCode).toBe(422);
    expect(notUtf8.json().detail).toContain('UTF-8');

    const json = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/import?region=330402',
      headers: { cookie: admin },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);

    const elsewhere = await upload(csv([row()]), 'region=330411');
    expect(elsewhere.statusCode).toBe(403);
    const lead = await upload(csv([row()]), 'region=330402', CSV_TYPE, await t.login('nanhu.lead'));
    expect(lead.statusCode).toBe(403);
  });

  it('imports an .xlsx workbook built with exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('事项清单');
    ws.addRow(HEADER);
    const values: (string | number)[] = row({
      事项名称: '城镇污水排入排水管网许可',
      基本编码: '000170010000',
      实施编码: 'JSJ-0100',
      事项类型: '01',
      办件类型: '承诺件',
      网办地址: 'https://zwfw.jiaxing.example.gov.cn/item/JSJ-0100',
      材料: '排水户基本情况[必备|纸质或电子]；排水许可申请表[必备|纸质|原件1]',
    });
    // Numbers typed into Excel arrive as numbers.
    values[HEADER.indexOf('行使层级')] = 4;
    values[HEADER.indexOf('法定时限')] = 20;
    values[HEADER.indexOf('承诺时限')] = 10;
    values[HEADER.indexOf('审批层级')] = 3;
    ws.addRow(values);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());

    const res = await upload(bytes, 'region=330402&dryRun=false', XLSX_TYPE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 1, valid: 1, published: 1 });
    const created = await item(res.json().items[0].itemId);
    expect(created).toMatchObject({
      name: '城镇污水排入排水管网许可',
      exerciseLevel: '4',
      legalDays: 20,
      promisedDays: 10,
      approvalLevels: 3,
      versionNo: 1,
    });
    expect(created.materials.map((m: Json) => [m.name, m.medium, m.originals])).toEqual([
      ['排水户基本情况', 'both', 0],
      ['排水许可申请表', 'paper', 1],
    ]);
  });
});

describe('catalog export (事项清单导出)', () => {
  it('export → import round trip gives the same items', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/catalog/export?region=330402' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toContain('attachment');
    const bytes = res.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const sheet = readCsv(bytes);
    expect(sheet.header).toEqual(COLUMNS.map((c) => c.header));
    const current = await items();
    expect(sheet.rows).toHaveLength(current.length);

    // Re-importing the export changes nothing: every row equals its item's current version.
    const versions = await count('service_item_version');
    const back = await upload(bytes, 'region=330402&dryRun=false', CSV_TYPE);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({
      total: current.length,
      valid: current.length,
      errors: [],
      published: 0,
    });
    expect(back.json().items.every((i: Json) => i.action === 'modify' && !i.changed)).toBe(true);
    expect(await count('service_item_version')).toBe(versions);

    // The same rows under new 实施编码 publish new items identical to the originals.
    const code = COLUMNS.findIndex((c) => c.key === 'implementationCode');
    const copies = sheet.rows.map((r) => r.cells.map((v, i) => (i === code ? `${v}-C` : v)));
    const copied = await upload(writeCsv([sheet.header, ...copies]), 'region=330402&dryRun=false', CSV_TYPE);
    expect(copied.statusCode, copied.body).toBe(200);
    expect(copied.json().published).toBe(current.length);
    const strip = (v: Json) => {
      const {
        id,
        itemId,
        versionNo,
        publishedAt,
        versions: _v,
        implementationCode,
        current: _c,
        ...rest
      } = v;
      return { ...rest, materials: v.materials.map(({ id: _i, ...m }: Json) => m) };
    };
    for (const [i, r] of copied.json().items.entries()) {
      expect(r.action).toBe('add');
      const original = await item(back.json().items[i].itemId);
      const copy = await item(r.itemId);
      expect(copy.implementationCode).toBe(`${original.implementationCode}-C`);
      expect(strip(copy)).toEqual(strip(original));
    }
  });

  it('answers 404 for an unknown region and 400 without one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/export?region=999999' })).statusCode).toBe(
      404,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/export' })).statusCode).toBe(400);
  });
});

describe('material syntax and bulk import', () => {
  it('escapes the separators so that any text survives', () => {
    const text = '委托书\\；说明[必备|容缺|依据:《某条例》第3条\\|第4条|要求:须签字\\]盖章]；合同[]';
    const r = parseMaterials(text);
    expect(r.errors).toEqual([]);
    expect(r.materials).toEqual([
      {
        name: '委托书；说明',
        required: true,
        tolerable: true,
        tolerableBasis: '《某条例》第3条|第4条',
        requirement: '须签字]盖章',
        medium: 'both',
      },
      { name: '合同', required: false, tolerable: false, medium: 'both' },
    ]);
    expect(parseMaterials('营业执照[必备').errors).toEqual(['材料“营业执照”的方括号没有闭合']);
  });

  it('publishes 1,000 rows in one request', { timeout: 120_000 }, async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const n = String(i + 1).padStart(4, '0');
      return row({
        事项名称: `批量导入测试事项${n}`,
        实施编码: `BULK-${n}`,
        网办地址: `https://zwfw.jiaxing.example.gov.cn/item/BULK-${n}`,
      });
    });
    const res = await upload(csv(rows), 'region=330402&dryRun=false');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ total: 1000, valid: 1000, published: 1000 });
  });
});
