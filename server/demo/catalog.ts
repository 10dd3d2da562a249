import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import { ItemDefinition } from '../modules/catalog/catalog.schemas.ts';
import { insertDefinition } from '../modules/catalog/catalog.service.ts';
import { putBlob } from '../platform/files/blobs.ts';
import { sm3Hex } from '../platform/seals/seals.ts';

// A demo catalog in every region: real-sounding items of the seeded departments, with the
// materials enterprises actually hand in, and one bundle (一件事) of three items that share the
// business licence and the representative's ID.

type Definition = z.input<typeof ItemDefinition>;
type Material = Definition['materials'] extends (infer M)[] | undefined ? M : never;

const licence: Material = {
  name: '营业执照',
  required: true,
  medium: 'electronic',
  licenceType: '营业执照',
  requirement: '可通过电子证照库调用，无需提交纸质件',
};
const legalRepId: Material = { name: '法定代表人身份证明', required: true, medium: 'both', copies: 1 };
const proxy: Material = {
  name: '授权委托书',
  required: false,
  tolerable: true,
  medium: 'paper',
  originals: 1,
  requirement: '委托他人办理时提交，须法定代表人签字并加盖公章',
};
const filing: Material = { name: '企业投资项目备案（核准）文件', required: true, medium: 'electronic' };

interface DemoItem {
  key: string;
  department: string;
  def: Omit<Definition, 'exerciseLevel' | 'subjectNature' | 'serviceObjects' | 'handlingForms'>;
}

const ITEMS: DemoItem[] = [
  {
    key: 'filing',
    department: '发展和改革局',
    def: {
      name: '企业投资项目备案',
      basicCode: '000110001000',
      implementationCode: 'FGJ-0001',
      itemType: '07',
      kind: 'promised',
      legalDays: 3,
      legalUnit: 'working',
      promisedDays: 2,
      promisedUnit: 'working',
      legalBasis: '《企业投资项目核准和备案管理条例》（国务院令第673号）第十三条',
      specialProcedure: '现场核查 2个工作日',
      suspensionKinds: ['site_inspection', 'correction'],
      approvalLevels: 2,
      resultName: '浙江省企业投资项目备案（赋码）信息表',
      requiresProjectCode: true,
      materials: [
        licence,
        legalRepId,
        { name: '项目备案申请表', required: true, medium: 'both', originals: 1 },
        proxy,
      ],
    },
  },
  {
    key: 'energy',
    department: '发展和改革局',
    def: {
      name: '固定资产投资项目节能审查',
      basicCode: '000110002000',
      implementationCode: 'FGJ-0002',
      itemType: '01',
      kind: 'promised',
      legalDays: 20,
      legalUnit: 'working',
      promisedDays: 10,
      promisedUnit: 'working',
      legalBasis: '《固定资产投资项目节能审查办法》（国家发展改革委令2023年第2号）',
      specialProcedure: '专家评审 10个工作日',
      suspensionKinds: ['expert_review', 'correction'],
      approvalLevels: 3,
      resultName: '节能审查意见',
      requiresProjectCode: true,
      materials: [licence, filing, { name: '节能报告', required: true, medium: 'electronic' }, proxy],
    },
  },
  {
    key: 'landuse',
    department: '自然资源和规划局',
    def: {
      name: '建设用地规划许可证核发',
      basicCode: '000173001000',
      implementationCode: 'ZGJ-0001',
      itemType: '01',
      kind: 'promised',
      legalDays: 20,
      legalUnit: 'working',
      promisedDays: 7,
      promisedUnit: 'working',
      legalBasis: '《中华人民共和国城乡规划法》第三十七条、第三十八条',
      specialProcedure: '现场勘验 2个工作日',
      suspensionKinds: ['site_inspection', 'correction'],
      approvalLevels: 2,
      resultName: '建设用地规划许可证',
      requiresProjectCode: true,
      materials: [licence, legalRepId, filing, { name: '建设用地批准文件', required: true, medium: 'both' }],
    },
  },
  {
    key: 'planning',
    department: '自然资源和规划局',
    def: {
      name: '建设工程规划许可证核发',
      basicCode: '000173002000',
      implementationCode: 'ZGJ-0002',
      itemType: '01',
      kind: 'promised',
      legalDays: 20,
      legalUnit: 'working',
      promisedDays: 10,
      promisedUnit: 'working',
      legalBasis: '《中华人民共和国城乡规划法》第四十条',
      specialProcedure:
        '现场勘验 2个工作日；规划公示 7个工作日；20个工作日内不能作出决定的，经本机关负责人批准可延长10个工作日',
      suspensionKinds: ['site_inspection', 'public_notice', 'correction', 'extension'],
      approvalLevels: 2,
      resultName: '建设工程规划许可证',
      requiresProjectCode: true,
      materials: [
        licence,
        legalRepId,
        { name: '建设工程设计方案总平面图', required: true, medium: 'electronic' },
        {
          name: '建设用地规划许可证',
          required: true,
          medium: 'electronic',
          licenceType: '建设用地规划许可证',
        },
        proxy,
      ],
    },
  },
  {
    key: 'eia',
    department: '生态环境分局',
    def: {
      name: '建设项目环境影响报告表审批',
      basicCode: '000117001000',
      implementationCode: 'HBJ-0001',
      itemType: '01',
      kind: 'promised',
      legalDays: 30,
      legalUnit: 'working',
      promisedDays: 15,
      promisedUnit: 'working',
      legalBasis: '《中华人民共和国环境影响评价法》第二十二条',
      specialProcedure: '专家评审 5个工作日；公示 5个工作日',
      suspensionKinds: ['expert_review', 'public_notice', 'correction'],
      approvalLevels: 2,
      resultName: '环境影响报告表批复',
      requiresProjectCode: true,
      materials: [licence, { name: '环境影响报告表', required: true, medium: 'electronic' }, proxy],
    },
  },
  {
    key: 'construction',
    department: '住房和城乡建设局',
    def: {
      name: '建筑工程施工许可证核发',
      basicCode: '000170001000',
      implementationCode: 'JSJ-0001',
      itemType: '01',
      kind: 'promised',
      legalDays: 7,
      legalUnit: 'working',
      promisedDays: 3,
      promisedUnit: 'working',
      legalBasis: '《中华人民共和国建筑法》第七条、第八条；《建筑工程施工许可管理办法》',
      specialProcedure: '现场勘验 2个工作日',
      suspensionKinds: ['site_inspection', 'correction'],
      approvalLevels: 2,
      resultName: '建筑工程施工许可证',
      requiresProjectCode: true,
      materials: [
        licence,
        legalRepId,
        {
          name: '建设工程规划许可证',
          required: true,
          medium: 'electronic',
          licenceType: '建设工程规划许可证',
        },
        {
          name: '施工合同',
          required: false,
          tolerable: true,
          medium: 'paper',
          originals: 1,
          requirement: '中标通知书及施工合同',
        },
      ],
    },
  },
  {
    key: 'food',
    department: '市场监督管理局',
    def: {
      name: '食品经营许可',
      basicCode: '000120001000',
      implementationCode: 'SJJ-0001',
      itemType: '01',
      kind: 'promised',
      legalDays: 20,
      legalUnit: 'working',
      promisedDays: 5,
      promisedUnit: 'working',
      legalBasis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》',
      specialProcedure: '现场核查 2个工作日',
      suspensionKinds: ['site_inspection', 'correction'],
      approvalLevels: 2,
      resultName: '食品经营许可证',
      online: true,
      onlineUrl: 'https://zwfw.example.gov.cn/food',
      materials: [
        licence,
        legalRepId,
        { name: '食品经营许可申请书', required: true, medium: 'both', originals: 1 },
        {
          name: '食品安全管理制度文本',
          required: false,
          tolerable: true,
          medium: 'both',
          requirement: '可容缺受理，须在决定作出前补交',
        },
      ],
    },
  },
  {
    key: 'hygiene',
    department: '卫生健康局',
    def: {
      name: '公共场所卫生许可',
      basicCode: '000119001000',
      implementationCode: 'WJJ-0001',
      itemType: '01',
      kind: 'promised',
      legalDays: 20,
      legalUnit: 'working',
      promisedDays: 5,
      promisedUnit: 'working',
      legalBasis: '《公共场所卫生管理条例》第八条',
      specialProcedure: '现场审查 2个工作日',
      suspensionKinds: ['site_inspection', 'correction'],
      approvalLevels: 1,
      resultName: '公共场所卫生许可证',
      materials: [licence, { name: '卫生检测报告', required: true, medium: 'both' }],
    },
  },
];

/** Demo data goes through the same validation as a drafted change. */
function definition(d: DemoItem['def'], level: '3' | '4'): ItemDefinition {
  return ItemDefinition.parse({
    ...d,
    exerciseLevel: level,
    subjectNature: '1',
    serviceObjects: ['2'],
    handlingForms: ['1', '2'],
    // Most demo items can be applied for online; the portal and the window use the same version.
    online: d.online ?? d.implementationCode !== 'WJJ-0001',
    onlineUrl: d.onlineUrl ?? `https://zwfw.jiaxing.example.gov.cn/item/${d.implementationCode}`,
  });
}

/**
 * Stand-in for the national e-licence library (电子证照库): each demo enterprise's business licence
 * as a grade-A stored material, so intake can show it as 已共享/免提交.
 */
export async function seedDemoLicences(db: Db, enterprises: readonly { uscc: string; name: string }[]) {
  for (const e of enterprises) {
    const row = await db
      .selectFrom('enterprise')
      .select('id')
      .where('uscc', '=', e.uscc)
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(
      `%PDF-1.4\n% 电子营业执照 ${e.name} 统一社会信用代码 ${e.uscc}\n%%EOF\n`,
      'utf8',
    );
    const hash = sm3Hex(bytes);
    await putBlob(db, hash, 'application/pdf', bytes);
    await db
      .insertInto('stored_material')
      .values({
        enterprise_id: row.id,
        shared_key: '营业执照',
        name: '营业执照',
        file_name: `${e.name}电子营业执照.pdf`,
        blob_hash: hash,
        content_type: 'application/pdf',
        size: bytes.length,
        trust_grade: 'A',
        source: 'licence',
      })
      .execute();
  }
}

export async function seedDemoCatalog(
  db: Db,
  regions: readonly { code: string; key: string; level: string }[],
  unitIds: Map<string, number>,
) {
  for (const r of regions) {
    const itemIds = new Map<string, number>();
    for (const it of ITEMS) {
      const item = await db
        .insertInto('service_item')
        .values({ region_code: r.code, department_id: unitIds.get(`${r.key}:${it.department}`)! })
        .returning('id')
        .executeTakeFirstOrThrow();
      const def = definition(it.def, r.level === 'city' ? '3' : '4');
      const versionId = await insertDefinition(
        db,
        Number(item.id),
        1,
        { ...def, effectiveFrom: '2026-01-01' },
        null,
        null,
      );
      await db
        .updateTable('service_item')
        .set({ current_version_id: versionId })
        .where('id', '=', item.id)
        .execute();
      itemIds.set(it.key, Number(item.id));
    }
    const bundleItems = ['filing', 'planning', 'construction'].map((k) => itemIds.get(k)!);
    const bundle = await db
      .insertInto('bundle')
      .values({
        region_code: r.code,
        name: '工业项目开工一件事',
        description: '企业投资项目备案、建设工程规划许可、建筑工程施工许可一次申请、一套材料、统一出件。',
        lead_department_id: unitIds.get(`${r.key}:住房和城乡建设局`)!,
        form: JSON.stringify([
          { key: 'projectName', label: '项目名称', required: true, itemIds: bundleItems },
          { key: 'projectCode', label: '投资项目代码', required: true, itemIds: bundleItems },
          { key: 'investment', label: '总投资（万元）', required: true, itemIds: [bundleItems[0]] },
          { key: 'floorArea', label: '总建筑面积（平方米）', required: true, itemIds: bundleItems.slice(1) },
          { key: 'contractor', label: '施工单位', required: false, itemIds: [bundleItems[2]] },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('bundle_item')
      .values(bundleItems.map((item_id, seq) => ({ bundle_id: bundle.id, item_id, seq })))
      .execute();
  }
}
