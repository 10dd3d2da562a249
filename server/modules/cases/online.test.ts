import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller, type Json, type TestApp, testApp } from '../../../test/app.ts';
import { applicant, caseApi, contact, project } from '../../../test/cases-api.ts';

// Online applications through the portal API on the demo region 南湖区: uploads, the material
// store and reuse (免提交), expired versions, and bundles (一件事).
let t: TestApp;
const { call } = apiCaller(() => t);
const { version } = caseApi(() => t, call);

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('online applications, materials and the store', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n');
  const upload = (user: string, bytes: Buffer, q: string) =>
    call(user, 'POST', `/api/portal/materials?${q}`, bytes, { 'content-type': 'application/octet-stream' });

  it('uploads are sniffed, size-capped and scanned; bad files get a Chinese 4xx and are not stored', async () => {
    const q = 'sharedKey=食品经营许可申请书&name=食品经营许可申请书&fileName=a.pdf';
    const exe = await upload('ent.zhineng', Buffer.from('MZ\x90\x00 this is a program'), q);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().detail).toContain('PDF');
    const big = await upload('ent.zhineng', Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]), q);
    expect(big.statusCode).toBe(413);
    const eicar = Buffer.from(
      `%PDF-1.4\nX5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n`,
    );
    const virus = await upload('ent.zhineng', eicar, q);
    expect(virus.statusCode).toBe(422);
    expect(virus.json().detail).toContain('病毒扫描');
    const stored = await t.database.db
      .selectFrom('stored_material')
      .select('id')
      .where('shared_key', '=', '食品经营许可申请书')
      .execute();
    expect(stored).toEqual([]);
    const ok = await upload('ent.zhineng', pdf, q);
    expect(ok.statusCode).toBe(201);
  });

  it('an enterprise applies online with its e-licence offered instead of asking again (免提交)', async () => {
    const v = await version('食品经营许可');
    const keys = v.materials.map((m: Json) => m.sharedKey).join(',');
    const offers = (
      await call('ent.zhineng', 'GET', `/api/portal/materials?sharedKeys=${encodeURIComponent(keys)}`)
    ).json() as Json[];
    const licence = offers.find((o) => o.sharedKey === '营业执照')!;
    expect(licence).toMatchObject({ trustGrade: 'A', source: 'licence' });
    const form = (
      await upload(
        'ent.zhineng',
        pdf,
        'sharedKey=食品经营许可申请书&name=食品经营许可申请书&fileName=申请书.pdf',
      )
    ).json();
    const byName = (n: string) => v.materials.find((m: Json) => m.name === n).id;
    const res = await call('ent.zhineng', 'POST', '/api/portal/cases', {
      itemVersionId: v.id,
      contact,
      materials: [
        { materialId: byName('营业执照'), storedMaterialId: licence.id },
        { materialId: byName('食品经营许可申请书'), storedMaterialId: form.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      state: 'submitted',
      missing: ['法定代表人身份证明', '食品安全管理制度文本'],
    });
    const c = (await call('ent.zhineng', 'GET', `/api/portal/cases/${res.json().id}`)).json();
    expect(c).toMatchObject({
      channel: 'online',
      applicantName: '嘉兴南湖智能装备有限公司',
      state: 'submitted',
    });
    const status = Object.fromEntries(c.materials.map((m: Json) => [m.name, m.status]));
    expect(status).toEqual({
      营业执照: 'shared',
      法定代表人身份证明: 'missing',
      食品经营许可申请书: 'provided',
      食品安全管理制度文本: 'missing',
    });
    // Another enterprise cannot see it; the applicant can, with the same actions the portal offers.
    expect((await call('ent.xincailiao', 'GET', `/api/portal/cases/${c.id}`)).statusCode).toBe(404);
    const mine = (await call('ent.zhineng', 'GET', '/api/portal/cases')).json().items.map((x: Json) => x.id);
    expect(mine).toContain(c.id);
    expect(c.actions).toEqual(['withdraw']);
    // A foreign stored material is refused.
    const foreign = await call('ent.xincailiao', 'POST', '/api/portal/cases', {
      itemVersionId: (await version('食品经营许可', '330411')).id,
      contact,
      materials: [
        {
          materialId: (await version('食品经营许可', '330411')).materials[0].id,
          storedMaterialId: licence.id,
        },
      ],
    });
    expect(foreign.statusCode).toBe(400);
  });

  it('an application on an expired version is refused', async () => {
    const v = await version('公共场所卫生许可');
    const admin = 'nanhu.admin';
    const item = (await call(null, 'GET', `/api/catalog/items/${v.itemId}`)).json();
    const {
      id: _i,
      itemId: _t,
      versionNo: _n,
      regionCode: _r,
      departmentId: _d,
      departmentName: _dn,
      status: _s,
      current: _c,
      publishedAt: _p,
      versions: _v,
      ...rest
    } = item;
    const cr = await call(admin, 'POST', '/api/catalog/change-requests', {
      kind: 'modify',
      itemId: v.itemId,
      baseVersionId: v.id,
      reason: '调整时限',
      definition: {
        ...rest,
        promisedDays: 4,
        materials: item.materials.map(({ id: _x, seq: _y, ...m }: Json) => m),
      },
    });
    expect(cr.statusCode, cr.body).toBe(201);
    const etag = (await call(admin, 'GET', `/api/catalog/change-requests/${cr.json().id}`)).headers.etag;
    expect(
      (
        await call(
          admin,
          'POST',
          `/api/catalog/change-requests/${cr.json().id}/decision`,
          { approve: true },
          { 'if-match': etag },
        )
      ).statusCode,
    ).toBe(200);
    // The old version was read (and cached) above: the item's new current version is still seen.
    const res = await call('nanhu.clerk', 'POST', '/api/cases', {
      itemVersionId: v.id,
      applicant,
      contact,
      materials: [],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('已发布新版本');
  });

  it('a bundle of 3 items shares one uploaded material across its cases; one delivery for all', async () => {
    const bundles = (await call(null, 'GET', '/api/catalog/bundles?region=330402')).json() as Json[];
    const b = bundles.find((x) => x.name === '工业项目开工一件事')!;
    const id = (
      await upload(
        'ent.zhineng',
        pdf,
        `sharedKey=${encodeURIComponent('法定代表人身份证明')}&name=法定代表人身份证明&fileName=id.pdf`,
      )
    ).json().id;
    const licence = (await call('ent.zhineng', 'GET', '/api/portal/materials?sharedKeys=营业执照')).json()[0]
      .id;
    const missingField = await call('ent.zhineng', 'POST', '/api/portal/bundle-cases', {
      bundleId: b.id,
      contact,
      project,
      form: { projectName: project.name },
    });
    expect(missingField.statusCode).toBe(400);
    expect(JSON.stringify(missingField.json())).toContain('请填写投资项目代码');
    const res = await call('ent.zhineng', 'POST', '/api/portal/bundle-cases', {
      bundleId: b.id,
      contact,
      project,
      form: { projectName: project.name, projectCode: project.code, investment: '32000', floorArea: '45000' },
      materials: [
        { sharedKey: '法定代表人身份证明', storedMaterialId: id },
        { sharedKey: '营业执照', storedMaterialId: licence },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const bc = res.json();
    expect(bc.caseIds).toHaveLength(3);
    const details = await Promise.all(
      bc.caseIds.map(async (cid: number) =>
        (await call('ent.zhineng', 'GET', `/api/portal/cases/${cid}`)).json(),
      ),
    );
    const idMaterial = details.flatMap((d) =>
      d.materials.filter((m: Json) => m.sharedKey === '法定代表人身份证明'),
    );
    expect(idMaterial.length).toBeGreaterThanOrEqual(2);
    expect(new Set(idMaterial.map((m: Json) => m.storedMaterialId))).toEqual(new Set([id]));
    expect(details[0].form).toMatchObject({ projectName: project.name, investment: '32000' });
    expect(details[2].form).not.toHaveProperty('investment');
    const view = (await call('ent.zhineng', 'GET', `/api/portal/bundle-cases/${bc.id}`)).json();
    expect(view).toMatchObject({ state: 'submitted', stateLabel: '已提交待受理' });
    const early = await call('nanhu.clerk', 'POST', `/api/bundle-cases/${bc.id}/deliver`, {
      method: 'window',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toContain('未办结');
  });
});
