import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/app.ts';
import { onPostgres } from '../../../test/db.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.ts';
import { defaultFonts, openFont } from '../../platform/documents/fonts.ts';
import type { OfficialDocument } from '../../platform/documents/model.ts';
import { sealGeometry, sealPng } from '../../platform/documents/seal.ts';
import { supervisionNotice } from '../../platform/documents/templates.ts';
import { issueDocument } from './documents.service.ts';

let t: TestApp;
let centerId: number;
let coord: string;
beforeAll(async () => {
  t = await testApp();
  centerId = Number(
    (
      await t.database.db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', '南湖区行政审批局')
        .executeTakeFirstOrThrow()
    ).id,
  );
  coord = await t.login('nanhu.coord');
});
afterAll(() => t.close());

const letter =
  (title: string) =>
  (number: string | null): OfficialDocument => ({
    format: 'letter',
    issuerMark: '嘉兴市南湖区行政审批局',
    number: number ?? undefined,
    title,
    addressee: '南湖区自然资源和规划局',
    blocks: [
      {
        kind: 'paragraph',
        text: '嘉兴南湖智能装备有限公司年产5万台工业机器人项目在用地规划许可环节遇到困难，现书面征询贵单位意见。',
      },
      { kind: 'paragraph', text: '请于2026年12月3日前书面回复。' },
    ],
    signatureName: '嘉兴市南湖区行政审批局',
    date: '2026-11-26',
    copyTo: ['南湖区人民政府'],
  });

const issue = (title: string, opts: { sealed?: boolean; subjectId?: string } = {}) =>
  issueDocument(t.database.db, t.secrets, SYSTEM_ACTOR, {
    subjectType: 'coordination',
    subjectId: opts.subjectId ?? 'demo-1',
    kind: 'consultation_letter',
    issuerUnitId: centerId,
    numbered: true,
    sealed: opts.sealed ?? true,
    issuedOn: '2026-11-26',
    build: letter(title),
  });

describe('issuing documents', () => {
  it('numbers, renders, seals and stores a letter; PDF and DOCX download as attachments', async () => {
    // The demo data may already hold letters of this series: the next number follows the last.
    const last = await t.database.db
      .selectFrom('document')
      .select((eb) => eb.fn.max('number_seq').as('n'))
      .where('issuer_unit_id', '=', centerId)
      .where('kind', '=', 'consultation_letter')
      .where('number_year', '=', 2026)
      .executeTakeFirst();
    const expected = `南审征〔2026〕${Number(last?.n ?? 0) + 1}号`;
    const d = await issue('关于南湖智能装备项目用地规划问题的征询意见函');
    expect(d.number).toBe(expected);
    const meta = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${d.id}`,
      headers: { cookie: coord },
    });
    expect(meta.json()).toMatchObject({
      number: expected,
      sealed: true,
      issuer: '南湖区行政审批局',
      version: 1,
    });
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${d.id}/pdf`,
      headers: { cookie: coord },
    });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await t.app.inject({
      method: 'GET',
      url: `/api/documents/${d.id}/docx`,
      headers: { cookie: coord },
    });
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Another county cannot read it.
    const other = await t.login('xiuzhou.coord');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/documents/${d.id}`, headers: { cookie: other } }))
        .statusCode,
    ).toBe(404);
  });

  it('anyone verifies the file; one changed byte fails verification', async () => {
    const d = await issue('关于征询意见的函（核验）');
    const pdf = (
      await t.app.inject({ method: 'GET', url: `/api/documents/${d.id}/pdf`, headers: { cookie: coord } })
    ).rawPayload;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/documents/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(ok.json()).toMatchObject({
      found: true,
      valid: true,
      number: d.number,
      issuer: '南湖区行政审批局',
    });
    expect(ok.json().seal).toMatchObject({
      name: '协调专用章',
      legal: false,
      label: '平台校验签名，非法定电子印章',
    });
    const tampered = Buffer.from(pdf);
    const middle = Math.floor(tampered.length / 2);
    tampered[middle] = tampered[middle]! ^ 1;
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/documents/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: tampered,
    });
    expect(bad.json()).toMatchObject({ found: false });
    const byNumber = await t.app.inject({
      method: 'GET',
      url: `/api/documents/verify?number=${encodeURIComponent(d.number!)}&digest=${d.pdfHash}`,
    });
    expect(byNumber.json()).toMatchObject({ found: true, valid: true });
    const wrongNumber = await t.app.inject({
      method: 'GET',
      url: `/api/documents/verify?number=${encodeURIComponent('南审征〔2026〕999号')}&digest=${d.pdfHash}`,
    });
    expect(wrongNumber.json().found).toBe(false);
  });

  it('a forged signature record fails verification even when the file matches', async () => {
    const d = await issue('关于征询意见的函（伪造签名）');
    await t.database.db
      .updateTable('document')
      .set({ signature: '3045022100ff' })
      .where('id', '=', d.id)
      .execute();
    const r = await t.app.inject({ method: 'GET', url: `/api/documents/verify?digest=${d.pdfHash}` });
    expect(r.json()).toMatchObject({ found: true, valid: false });
  });

  it('regenerating makes a new version; the old one stays downloadable', async () => {
    const a = await issue('关于项目用地的函', { subjectId: 'versioned' });
    const b = await issue('关于项目用地的函（修订）', { subjectId: 'versioned' });
    expect([a.number, b.number]).not.toContain(null);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/documents?subjectType=coordination&subjectId=versioned',
      headers: { cookie: coord },
    });
    expect(list.json().map((x: { version: number }) => x.version)).toEqual([2, 1]);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/documents/${a.id}/pdf`, headers: { cookie: coord } }))
        .statusCode,
    ).toBe(200);
  });

  it(`numbers stay gap-free and unique under concurrent issuing${onPostgres ? ' (parallel connections)' : ''}; a failed issue frees its number`, async () => {
    const before = await t.database.db
      .selectFrom('document_counter')
      .select('last_number')
      .where('issuer_unit_id', '=', centerId)
      .where('kind', '=', 'consultation_letter')
      .executeTakeFirst();
    const start = Number(before?.last_number ?? 0);
    const failing = issueDocument(t.database.db, t.secrets, SYSTEM_ACTOR, {
      subjectType: 'coordination',
      subjectId: 'fails',
      kind: 'consultation_letter',
      issuerUnitId: centerId,
      numbered: true,
      sealed: true,
      issuedOn: '2026-11-26',
      build: () => ({ ...letter('')(null), title: '' }), // invalid: empty title
    });
    const results = await Promise.allSettled([
      failing,
      ...Array.from({ length: 8 }, (_, i) => issue(`并发发文 ${i}`, { subjectId: `c-${i}` })),
    ]);
    expect(results[0]!.status).toBe('rejected');
    const numbers = results
      .slice(1)
      .map((r) => (r.status === 'fulfilled' ? r.value.number : null))
      .map((n) => Number(/〔2026〕(\d+)号/.exec(n ?? '')?.[1]));
    expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => start + i + 1));
  });

  it('an uploaded PNG seal image is drawn instead of the generated seal; bad uploads are refused', async () => {
    const admin = await t.login('nanhu.admin');
    const seals = (
      await t.app.inject({ method: 'GET', url: '/api/seals', headers: { cookie: admin } })
    ).json();
    const seal = seals.find(
      (s: { unitId: number; status: string }) => s.unitId === centerId && s.status === 'active',
    );
    const png = sealPng(
      sealGeometry(
        { name: '协调专用章', unitName: '嘉兴市南湖区行政审批局' },
        openFont(defaultFonts().title),
      ),
      240,
    );
    const put = (payload: Buffer, type = 'image/png') =>
      t.app.inject({
        method: 'PUT',
        url: `/api/seals/${seal.id}/image`,
        headers: { cookie: admin, 'content-type': type },
        payload,
      });
    expect((await put(Buffer.from('not a png at all, just text....................'))).statusCode).toBe(422);
    expect((await put(Buffer.from('plain'), 'text/plain')).statusCode).toBe(415);
    expect((await put(Buffer.alloc(600 * 1024, 1))).statusCode).toBe(413);
    expect((await put(png)).statusCode).toBe(200);
    const d = await issue('使用上传印模的征询意见函');
    const pdf = (
      await t.app.inject({ method: 'GET', url: `/api/documents/${d.id}/pdf`, headers: { cookie: coord } })
    ).rawPayload;
    expect(pdf.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/documents/verify',
      headers: { 'content-type': 'application/pdf' },
      payload: pdf,
    });
    expect(r.json()).toMatchObject({ found: true, valid: true });
  });

  it('a suspended seal cannot seal until it is put back in use; both are audited', async () => {
    const admin = await t.login('nanhu.admin');
    const seal = (await t.app.inject({ method: 'GET', url: '/api/seals', headers: { cookie: admin } }))
      .json()
      .find((s: { unitId: number; status: string }) => s.unitId === centerId && s.status === 'active');
    const status = (inUse: boolean, cookie = admin) =>
      t.app.inject({
        method: 'POST',
        url: `/api/seals/${seal.id}/status`,
        headers: { cookie },
        payload: { inUse },
      });
    expect((await status(false, await t.login('nanhu.clerk'))).statusCode).toBe(403);
    expect((await status(false)).json()).toMatchObject({ status: 'suspended' });
    expect((await status(false)).statusCode).toBe(409);
    await expect(issue('停用期间的函')).rejects.toMatchObject({ status: 422 });
    expect((await status(true)).json()).toMatchObject({ status: 'active' });
    expect((await issue('启用后的函')).number).toMatch(/〔\d{4}〕\d+号$/);
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('target_id', '=', String(seal.id))
      .where('action', 'in', ['seal.suspend', 'seal.resume'])
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['seal.resume', 'seal.suspend']);
  });

  it('a revoked seal cannot seal; after rotation the new seal seals and old documents still verify', async () => {
    const old = await issue('轮换前的函');
    const admin = await t.login('nanhu.admin');
    const seals = (
      await t.app.inject({ method: 'GET', url: '/api/seals', headers: { cookie: admin } })
    ).json();
    const seal = seals.find(
      (s: { unitId: number; status: string }) => s.unitId === centerId && s.status === 'active',
    );
    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/seals/${seal.id}/rotate`,
      headers: { cookie: admin },
    });
    expect(rotated.statusCode).toBe(200);
    const fresh = await issue('轮换后的函');
    const meta = await t.database.db
      .selectFrom('document')
      .select('seal_id')
      .where('id', '=', fresh.id)
      .executeTakeFirstOrThrow();
    expect(Number(meta.seal_id)).toBe(rotated.json().id);
    const r = await t.app.inject({ method: 'GET', url: `/api/documents/verify?digest=${old.pdfHash}` });
    expect(r.json()).toMatchObject({ found: true, valid: true });
    await t.database.db
      .updateTable('seal')
      .set({ status: 'revoked' })
      .where('unit_id', '=', centerId)
      .execute();
    await expect(issue('无章可用')).rejects.toMatchObject({ status: 422 });
  });

  it('a region administrator sets the letterhead, number series and closing; stale saves are refused', async () => {
    const admin = await t.login('nanhu.admin');
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/document-templates?regionCode=330402',
      headers: { cookie: admin },
    });
    expect(list.json()).toHaveLength(13);
    expect(list.json().find((k: { kind: string }) => k.kind === 'consultation_letter')).toMatchObject({
      label: '书面征询意见函',
      defaultSeries: '征',
      version: 0,
    });
    const body = {
      issuerMark: '嘉兴市南湖区行政审批服务局',
      numberSeries: '协调',
      closing: '特此函询，请予支持。',
    };
    const save = await t.app.inject({
      method: 'PUT',
      url: '/api/document-templates/330402/consultation_letter',
      headers: { cookie: admin, 'if-match': 'W/"0"' },
      payload: body,
    });
    expect(save.statusCode).toBe(200);
    expect(save.headers.etag).toBe('W/"1"');
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/api/document-templates/330402/consultation_letter',
      headers: { cookie: admin, 'if-match': 'W/"0"' },
      payload: { ...body, closing: '覆盖他人的修改' },
    });
    expect(stale.statusCode).toBe(412);
    const other = await t.app.inject({
      method: 'PUT',
      url: '/api/document-templates/330402/consultation_letter',
      headers: { cookie: await t.login('xiuzhou.admin'), 'if-match': 'W/"1"' },
      payload: body,
    });
    expect(other.statusCode).toBe(403);

    const d = await issue('设置模板后的征询意见函', { sealed: false }); // the seals were revoked above
    expect(d.number).toMatch(/^南审协调〔2026〕\d+号$/);
    const docx = (
      await t.app.inject({ method: 'GET', url: `/api/documents/${d.id}/docx`, headers: { cookie: coord } })
    ).rawPayload;
    const { default: JSZip } = await import('jszip');
    // The letterhead of 信函格式 sits in the first-page header part: read every part of the package.
    const zip = await JSZip.loadAsync(docx);
    const parts = zip.file(/^word\/.*\.xml$/);
    const xml = (await Promise.all(parts.map((f) => f.async('string')))).join('\n');
    expect(xml).toContain('嘉兴市南湖区行政审批服务局');
    expect(xml).toContain('特此函询，请予支持。');
  });

  it('a region rewords a template: bad wording is refused by slot and saves nothing; preview and issue use it', async () => {
    const admin = await t.login('nanhu.admin');
    const url = '/api/document-templates/330402/supervision_order';
    const listed = (
      await t.app.inject({
        method: 'GET',
        url: '/api/document-templates?regionCode=330402',
        headers: { cookie: admin },
      })
    )
      .json()
      .find((k: { kind: string }) => k.kind === 'supervision_order');
    expect(listed.slots.find((x: { key: string }) => x.key === 'demand')).toMatchObject({
      label: '督办要求',
      required: ['反馈期限'],
    });
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin, 'if-match': 'W/"0"' },
      payload: { wording: { demand: '请尽快反馈{办理人}。', nope: '文字' } },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'wording.demand',
      'wording.demand',
      'wording.nope',
    ]);
    expect(bad.json().detail).toContain('“督办要求”须保留占位符{反馈期限}');
    const unchanged = await t.database.db
      .selectFrom('document_template')
      .select('kind')
      .where('region_code', '=', '330402')
      .where('kind', '=', 'supervision_order')
      .execute();
    expect(unchanged).toEqual([]);

    const wording = { demand: '请你单位于{反馈期限}前书面报告办理进展。', ending: '此通知。', intro: '  ' };
    const preview = await t.app.inject({
      method: 'POST',
      url: `${url}/preview`,
      headers: { cookie: admin },
      payload: { wording },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('application/pdf');
    const { pdfPages, squash } = await import('../../platform/documents/test-helpers.ts');
    const previewText = squash(pdfPages(preview.rawPayload).join(''));
    expect(previewText).toContain(squash('请你单位于2026年9月21日前书面报告办理进展。'));
    expect(previewText).toContain('样稿，仅供预览');
    expect(previewText).toContain('样督〔');

    const saved = await t.app.inject({
      method: 'PUT',
      url,
      headers: { cookie: admin, 'if-match': 'W/"0"' },
      payload: { wording },
    });
    expect(saved.statusCode).toBe(200);
    // The blank slot was dropped: it keeps the default.
    expect(saved.json().wording).toEqual({ demand: wording.demand, ending: wording.ending });
    const d = await issueDocument(t.database.db, t.secrets, SYSTEM_ACTOR, {
      subjectType: 'coordination',
      subjectId: 'wording-1',
      kind: 'supervision_order',
      issuerUnitId: centerId,
      numbered: true,
      sealed: false,
      issuedOn: '2026-11-26',
      build: (number, w) =>
        supervisionNotice({
          issuerMark: '嘉兴市南湖区行政审批局',
          signatureName: '嘉兴市南湖区行政审批局',
          wording: w,
          number: number!,
          date: '2026-11-26',
          addressee: '南湖区住房和城乡建设局',
          items: [],
          replyBy: '2026-11-30',
        }),
    });
    const pdf = (
      await t.app.inject({ method: 'GET', url: `/api/documents/${d.id}/pdf`, headers: { cookie: admin } })
    ).rawPayload;
    const text = squash(pdfPages(pdf).join(''));
    expect(text).toContain(squash('请你单位于2026年11月30日前书面报告办理进展。'));
    expect(text).toContain('此通知。');
    expect(text).not.toContain('特此通知');
    expect(text).toContain(squash('根据审批服务协同平台监测'));
  });
});
