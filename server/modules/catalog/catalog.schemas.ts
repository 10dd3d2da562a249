import { z } from 'zod';
import { EXERCISE_LEVELS, isItemType, SUSPENSION_KINDS } from '../../../lib/catalog-codes.ts';
import { listQuery, ProblemSchema } from '../../platform/http/schemas.ts';

export {
  EXERCISE_LEVEL_LABELS,
  EXERCISE_LEVELS,
  ITEM_TYPE_LABELS,
  isItemType,
  SUSPENSION_KIND_LABELS,
  SUSPENSION_KINDS,
} from '../../../lib/catalog-codes.ts';

export const SUBJECT_NATURES = ['1', '2', '3', '9'] as const;
export const SERVICE_OBJECTS = ['1', '2', '3', '4', '5', '6'] as const;
export const HANDLING_FORMS = ['1', '2', '3', '4', '9'] as const;

const text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 个字`);
const optionalText = (label: string, max: number) => text(label, max).nullable().optional();
const code = (label: string, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]+$/, `${label}只能包含字母、数字和连字符`)
    .max(max, `${label}不超过 ${max} 位`);
const days = (label: string) =>
  z
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .min(0, `${label}不能为负数`)
    .max(1000, `${label}不超过 1000 天`);
const unit = z.enum(['working', 'natural'], { error: '时限单位应为工作日或自然日' });

export const MaterialInput = z
  .object({
    name: text('材料名称', 200).refine((s) => s.length >= 2, '材料名称至少 2 个字'),
    sharedKey: text('材料共享标识', 200).optional().describe('跨事项识别同一份材料；缺省为材料名称'),
    required: z.boolean().describe('是否必备材料（GB/T 39046 表4 #64）'),
    tolerable: z.boolean().default(false).describe('可容缺受理'),
    tolerableBasis: optionalText('容缺依据', 500),
    medium: z.enum(['paper', 'electronic', 'both'], { error: '材料形式应为纸质、电子或均可' }),
    licenceType: optionalText('可替代的电子证照', 100),
    originals: z.number().int().min(0).max(99).default(0),
    copies: z.number().int().min(0).max(99).default(0),
    requirement: optionalText('材料要求', 500),
    formTemplateHash: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '空白表格应为已上传文件的摘要')
      .nullable()
      .optional()
      .describe('空白表格 / 示例样表（先经 POST /api/catalog/form-templates 上传）'),
  })
  .refine((m) => !(m.required && m.tolerable) || (m.tolerableBasis?.length ?? 0) >= 2, {
    message: '必备材料设为可容缺时，须写明容缺的法律或政策依据（R-CAT-3）',
    path: ['tolerableBasis'],
  });
export type MaterialInput = z.infer<typeof MaterialInput>;

/** The whole definition of an item version, as drafted in a change request or imported. */
export const ItemDefinition = z
  .object({
    name: text('事项名称', 200).refine((s) => s.length >= 2, '事项名称至少 2 个字'),
    basicCode: code('基本编码', 12),
    implementationCode: code('实施编码', 36),
    handleItemCode: code('业务办理项编码', 50).nullable().optional(),
    localCode: optionalText('地方编码', 50),
    itemType: z.string().refine(isItemType, '事项类型代码不在 GB/T 39046 附录 A.1 中'),
    exerciseLevel: z.enum(EXERCISE_LEVELS, { error: '行使层级代码应为 1–7（附录 A.2）' }),
    subjectNature: z.enum(SUBJECT_NATURES, { error: '实施主体性质代码应为 1、2、3 或 9（附录 A.3）' }),
    serviceObjects: z
      .array(z.enum(SERVICE_OBJECTS, { error: '服务对象代码应为 1–6（附录 A.4）' }))
      .min(1, '至少选择一类服务对象'),
    handlingForms: z
      .array(z.enum(HANDLING_FORMS, { error: '办理形式代码应为 1、2、3、4 或 9（附录 A.5）' }))
      .min(1, '至少选择一种办理形式'),
    kind: z.enum(['instant', 'promised'], { error: '办件类型应为即办件或承诺件' }),
    legalDays: days('法定办结时限'),
    legalUnit: unit,
    legalExplain: optionalText('法定时限说明', 500),
    promisedDays: days('承诺办结时限'),
    promisedUnit: unit,
    promisedExplain: optionalText('承诺时限说明', 500),
    legalBasis: text('设定依据', 4000).refine((s) => s.length >= 2, '设定依据至少 2 个字'),
    acceptanceConditions: optionalText('受理条件', 2000),
    specialProcedure: text('特别程序', 2000).describe(
      '如“现场勘验 2个工作日、专家论证 3个工作日”；无则填“无”',
    ),
    suspensionKinds: z.array(z.enum(SUSPENSION_KINDS)).default([]),
    charged: z.boolean().default(false),
    feeBasis: optionalText('收费依据', 1000),
    online: z.boolean().default(false),
    onlineUrl: z.url('网办地址应为网址').nullable().optional(),
    approvalLevels: z
      .number({ error: '审批层级应为数字' })
      .int()
      .min(1, '审批层级至少 1 级')
      .max(3, '内部审批层级最多 3 级'),
    yellowOverride: z.number().int().min(0).max(1000).nullable().optional(),
    supervisingDepartmentId: z.number().int().positive().nullable().optional(),
    requiresProjectCode: z.boolean().default(false),
    resultName: optionalText('审批结果名称', 200),
    effectiveFrom: z.iso.date('生效日期格式应为 YYYY-MM-DD').optional(),
    effectiveTo: z.iso.date('取消日期格式应为 YYYY-MM-DD').nullable().optional(),
    materials: z.array(MaterialInput).max(100, '材料不超过 100 项').default([]),
  })
  .superRefine((d, ctx) => {
    if (d.legalUnit === d.promisedUnit && d.promisedDays > d.legalDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['promisedDays'],
        message: `承诺时限（${d.promisedDays}）不能超过法定时限（${d.legalDays}）`,
      });
    }
    if (d.kind === 'promised' && d.promisedDays < 1) {
      ctx.addIssue({ code: 'custom', path: ['promisedDays'], message: '承诺件的承诺时限至少 1 个工作日' });
    }
    if (d.charged && !d.feeBasis) {
      ctx.addIssue({ code: 'custom', path: ['feeBasis'], message: '收费事项须写明收费依据' });
    }
    if (d.online && !d.onlineUrl) {
      ctx.addIssue({ code: 'custom', path: ['onlineUrl'], message: '支持网办的事项须填写网办地址' });
    }
    const keys = new Set<string>();
    d.materials.forEach((m, i) => {
      const key = m.sharedKey ?? m.name;
      if (keys.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['materials', i, 'name'], message: `材料“${key}”重复` });
      }
      keys.add(key);
    });
  });
export type ItemDefinition = z.infer<typeof ItemDefinition>;

export const MaterialSchema = z.object({
  id: z.number().int(),
  seq: z.number().int(),
  name: z.string(),
  sharedKey: z.string(),
  required: z.boolean(),
  tolerable: z.boolean(),
  tolerableBasis: z.string().nullable(),
  medium: z.enum(['paper', 'electronic', 'both']),
  licenceType: z.string().nullable(),
  originals: z.number().int(),
  copies: z.number().int(),
  requirement: z.string().nullable(),
  formTemplateHash: z.string().nullable(),
});

export const ItemVersionSchema = z.object({
  id: z.number().int().describe('版本编号（task_version）'),
  itemId: z.number().int(),
  versionNo: z.number().int(),
  regionCode: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  status: z.enum(['active', 'withdrawn']),
  current: z.boolean().describe('是否为当前发布版本'),
  name: z.string(),
  basicCode: z.string(),
  implementationCode: z.string(),
  handleItemCode: z.string().nullable(),
  localCode: z.string().nullable(),
  itemType: z.string(),
  exerciseLevel: z.string(),
  subjectNature: z.string(),
  serviceObjects: z.array(z.string()),
  handlingForms: z.array(z.string()),
  kind: z.enum(['instant', 'promised']),
  legalDays: z.number().int(),
  legalUnit: z.enum(['working', 'natural']),
  legalExplain: z.string().nullable(),
  promisedDays: z.number().int(),
  promisedUnit: z.enum(['working', 'natural']),
  promisedExplain: z.string().nullable(),
  legalBasis: z.string(),
  acceptanceConditions: z.string().nullable(),
  specialProcedure: z.string(),
  suspensionKinds: z.array(z.string()),
  charged: z.boolean(),
  feeBasis: z.string().nullable(),
  online: z.boolean(),
  onlineUrl: z.string().nullable(),
  approvalLevels: z.number().int(),
  yellowOverride: z.number().int().nullable(),
  supervisingDepartmentId: z.number().int().nullable(),
  requiresProjectCode: z.boolean(),
  resultName: z.string().nullable(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  publishedAt: z.string(),
  materials: z.array(MaterialSchema),
});

export const ItemListQuery = listQuery({
  region: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
  q: z.string().trim().max(50).optional(),
  departmentId: z.coerce.number().int().positive().optional(),
  includeWithdrawn: z.stringbool().optional(),
});

export const ItemSummarySchema = z.object({
  id: z.number().int().describe('事项编号'),
  versionId: z.number().int(),
  versionNo: z.number().int(),
  name: z.string(),
  implementationCode: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  kind: z.enum(['instant', 'promised']),
  legalDays: z.number().int(),
  promisedDays: z.number().int(),
  promisedUnit: z.enum(['working', 'natural']),
  online: z.boolean(),
  approvalLevels: z.number().int(),
  materialCount: z.number().int(),
  status: z.enum(['active', 'withdrawn']),
});

export const ChangeRequestCreate = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('add'),
      departmentId: z.number().int().positive(),
      reason: text('变更理由', 1000),
      definition: ItemDefinition,
    }),
    z.object({
      kind: z.literal('modify'),
      itemId: z.number().int().positive(),
      baseVersionId: z.number().int().positive().describe('起草所依据的版本；审核时如已不是当前版本则退回'),
      reason: text('变更理由', 1000),
      definition: ItemDefinition,
    }),
    z.object({
      kind: z.literal('withdraw'),
      itemId: z.number().int().positive(),
      baseVersionId: z.number().int().positive(),
      reason: text('取消理由', 1000),
    }),
  ],
  { error: '变更类型应为新增（add）、变更（modify）或取消（withdraw）' },
);

export const ChangeRequestSchema = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  kind: z.enum(['add', 'modify', 'withdraw']),
  itemId: z.number().int().nullable(),
  baseVersionId: z.number().int().nullable(),
  itemName: z.string().nullable(),
  definition: z.unknown().nullable(),
  reason: z.string(),
  status: z.enum(['submitted', 'approved', 'rejected']),
  draftedBy: z.number().int().nullable(),
  decidedBy: z.number().int().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  publishedVersionId: z.number().int().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
});

export const BundleField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, '字段标识应以小写字母开头，仅含字母数字下划线'),
  label: text('字段名称', 40),
  required: z.boolean().default(true),
  itemIds: z.array(z.number().int().positive()).min(1, '每个字段至少对应一个事项'),
});

export const BundleCreate = z.object({
  regionCode: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
  name: text('一件事名称', 100).refine((s) => s.length >= 2, '名称至少 2 个字'),
  description: optionalText('说明', 1000),
  leadDepartmentId: z.number().int().positive(),
  itemIds: z.array(z.number().int().positive()).min(2, '一件事至少包含 2 个事项').max(30),
  form: z.array(BundleField).max(60).default([]),
});

export const BundleSchema = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  leadDepartmentId: z.number().int(),
  leadDepartmentName: z.string(),
  status: z.enum(['active', 'withdrawn']),
  items: z.array(ItemSummarySchema),
  form: z.array(BundleField),
  /** Materials de-duplicated across the items by shared key. */
  materials: z.array(
    z.object({
      sharedKey: z.string(),
      name: z.string(),
      required: z.boolean(),
      tolerable: z.boolean(),
      itemIds: z.array(z.number().int()),
    }),
  ),
});

export const AuthorizationSchema = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  itemName: z.string(),
  departmentId: z.number().int(),
  granteeUserId: z.number().int(),
  granteeName: z.string(),
  note: z.string().nullable(),
  grantedBy: z.number().int().nullable(),
  grantedAt: z.string(),
  revokedAt: z.string().nullable(),
});

export const CatalogImportQuery = z.object({
  region: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
  dryRun: z
    .stringbool({ error: 'dryRun 应为 true 或 false' })
    .default(true)
    .describe('true（缺省）只预览不写入'),
});

export const ImportIssueSchema = z.object({
  row: z.number().int().describe('表格中的行号（表头为第 1 行）'),
  field: z.string().describe('列名'),
  message: z.string(),
});

export const ImportReportSchema = z.object({
  total: z.number().int().describe('数据行数'),
  valid: z.number().int().describe('无错误的行数'),
  errors: z.array(ImportIssueSchema),
  items: z.array(
    z.object({
      row: z.number().int(),
      name: z.string(),
      department: z.string(),
      action: z.enum(['add', 'modify']).describe('add 新增事项；modify 已有同一实施编码的事项，发布新版本'),
      changed: z.boolean().describe('与当前版本是否不同；相同的行不发布新版本'),
      itemId: z.number().int().nullable(),
      versionId: z.number().int().nullable().describe('发布（或保留）的版本；预览新增时为空'),
    }),
  ),
  dryRun: z.boolean(),
  published: z.number().int().describe('本次发布的版本数（预览为 0）'),
});

/** The 422 of an import: the problem's `errors` carry the row of each problem. */
export const ImportProblemSchema = ProblemSchema.extend({ errors: z.array(ImportIssueSchema).optional() });
