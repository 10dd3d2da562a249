import { z } from 'zod';
import { CASE_STATE_LABELS, type CaseEvent, type CaseState } from '../../../lib/case-machine.ts';
import { isValidUscc } from '../../../lib/uscc.ts';
import { listQuery } from '../../platform/http/schemas.ts';

export const CASE_STATES = Object.keys(CASE_STATE_LABELS) as [CaseState, ...CaseState[]];
export const CASE_EVENTS = [
  'request_correction',
  'resubmit',
  'accept',
  'accept_tolerantly',
  'reject',
  'withdraw',
  'dispatch',
  'pass',
  'return',
  'approve',
  'deny',
  'suspend',
  'resume',
  'extend',
  'deliver',
  'archive',
] as const satisfies readonly CaseEvent[];

const date = z.iso.date('日期格式应为 YYYY-MM-DD');
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}不超过 ${max} 个字`);

export const Applicant = z
  .object({
    name: text('申请人名称', 2, 200),
    idType: z.enum(['uscc', 'id_card', 'other'], { error: '证件类型应为统一社会信用代码、身份证或其他' }),
    idNumber: z.string().trim().min(2, '请填写证件号码').max(18, '证件号码不超过 18 位'),
  })
  .refine((a) => a.idType !== 'uscc' || isValidUscc(a.idNumber), {
    message: '统一社会信用代码校验位不正确（GB 32100）',
    path: ['idNumber'],
  });

export const Contact = z.object({
  name: text('联系人', 1, 50),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+-]{7,20}$/, '联系电话应为 7–20 位数字'),
});

export const Project = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{1,24}$/, '投资项目代码不超过 24 位，只含字母、数字和连字符'),
  name: text('项目名称', 2, 200),
});

/** How each material of the item is handed in at submission. */
export const MaterialSupply = z.object({
  materialId: z.number().int().positive(),
  /** A file already in the enterprise's store (uploaded now, or earlier, or an e-licence). */
  storedMaterialId: z.number().int().positive().optional(),
  /** Paper original checked at the window (window channel only). */
  paperChecked: z.boolean().optional(),
});

export const CaseSubmit = z.object({
  itemVersionId: z.number().int().positive().describe('申请所依据的事项版本；已非当前版本时返回 409'),
  enterpriseId: z.number().int().positive().optional().describe('窗口代录时所属企业账号（可选）'),
  applicant: Applicant.optional().describe('窗口收件必填；企业网上申请时取企业信息'),
  contact: Contact,
  project: Project.optional(),
  form: z.record(z.string(), z.string().max(2000)).default({}),
  materials: z.array(MaterialSupply).max(100).default([]),
  agentId: z
    .number({ error: '代办员应为用户编号' })
    .int()
    .positive()
    .optional()
    .describe('陪同或代为办理的代办员（窗口收件时可选；须是本区划启用中的代办员）'),
});

/** Names the case's agent, or clears it with null. */
export const AgentAssign = z.object({
  agentId: z
    .number({ error: '请选择代办员，或传 null 取消' })
    .int()
    .positive()
    .nullable()
    .describe('代办员的用户编号；null 表示取消代办员'),
});

export const AgentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  unitName: z.string(),
});

export const BundleSubmit = z.object({
  bundleId: z.number().int().positive(),
  contact: Contact,
  project: Project.optional(),
  form: z.record(z.string(), z.string().max(2000)).default({}),
  /** One supply per shared material key of the bundle. */
  materials: z
    .array(z.object({ sharedKey: z.string().min(1).max(200), storedMaterialId: z.number().int().positive() }))
    .max(200)
    .default([]),
});

export const TolerantAccept = z.object({
  commitments: z
    .array(
      z.object({
        materialId: z.number().int().positive(),
        committedDate: date,
        commitmentText: text('承诺内容', 2, 500).optional(),
      }),
    )
    .min(1, '容缺受理须至少列明一项容缺材料及承诺补齐日期'),
  commitmentSigned: z.literal(true, { error: '须由申请人签署容缺受理承诺书' }),
});

export const Correction = z.object({
  /** Further corrections besides the missing materials the system already lists. */
  extra: z
    .array(text('补正内容', 2, 200))
    .max(30)
    .default([]),
  correctBy: date.optional(),
});

export const Rejection = z.object({
  reasons: z
    .array(text('不予受理理由', 2, 300))
    .min(1, '请写明不予受理的理由')
    .max(10),
  legalBasis: text('法律依据', 4, 300),
  competentAuthority: text('有权机关', 2, 100).optional(),
});

export const Opinion = z.object({ opinion: text('审查意见', 2, 1000) });

export const Suspend = z.object({
  kind: z.enum(['correction', 'site_inspection', 'expert_review', 'hearing', 'public_notice'], {
    error: '特别程序种类应为补正、现场勘验、专家论证、听证或公示',
  }),
  reason: text('启动理由或依据', 2, 500),
  from: date.optional(),
});

export const Extend = z.object({
  days: z
    .number({ error: '请填写延长的天数' })
    .int('延长天数应为整数')
    .min(1, '延长天数为 1–30 日')
    .max(30, '延长天数为 1–30 日')
    .describe(
      '延长的天数，按事项承诺时限的计日方式（工作日或自然日）计算（《行政许可法》第四十二条：一般为 10 日）',
    ),
  reason: text('延长理由', 2, 500),
});

export const Resume = z.object({
  to: date.optional(),
  result: text('特别程序结果', 2, 500),
  opinion: text('办理意见', 2, 500).optional(),
});

export const Decision = z
  .object({
    approve: z.boolean({ error: '请选择准予或不予许可' }),
    reason: text('决定理由', 2, 1000).optional(),
    resultName: text('结果证照名称', 2, 200).optional(),
    resultNumber: text('结果证照编号', 2, 100).optional(),
    resultValidTo: date.optional(),
  })
  .refine((d) => d.approve || d.reason, { message: '不予许可须写明理由', path: ['reason'] });

export const Delivery = z.object({
  method: z.enum(['window', 'post', 'online'], { error: '出件方式应为窗口领取、邮寄或网上送达' }),
});

export const CaseListQuery = listQuery(
  {
    view: z.enum(['all', 'queue', 'intake', 'deliver', 'commitments']).default('all'),
    state: z.enum(CASE_STATES).optional(),
    q: z.string().trim().min(1).max(50).optional(),
  },
  { maxLimit: 200 },
);

export const CaseSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  itemName: z.string(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  applicantName: z.string(),
  projectName: z.string().nullable(),
  channel: z.enum(['window', 'online']),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  submittedAt: z.string(),
  acceptanceNumber: z.string().nullable(),
  deadlineId: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  warningLevel: z.enum(['green', 'yellow', 'red']).nullable(),
  reviewLevel: z.number().int(),
  approvalLevels: z.number().int(),
  suspended: z.boolean(),
  bundleCaseId: z.number().int().nullable(),
  version: z.number().int(),
  commitmentDue: z.string().nullable().describe('最早的未补齐容缺材料承诺日期（仅 view=commitments 时给出）'),
});

export const CaseMaterialSchema = z.object({
  id: z.number().int(),
  materialId: z.number().int(),
  name: z.string(),
  sharedKey: z.string(),
  required: z.boolean(),
  tolerable: z.boolean(),
  requirement: z.string().nullable(),
  status: z.enum(['provided', 'shared', 'tolerated', 'missing']),
  storedMaterialId: z.number().int().nullable(),
  fileName: z.string().nullable(),
  trustGrade: z.string().nullable(),
  committedDate: z.string().nullable(),
  fulfilledAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
});

export const CaseDetailSchema = CaseSummarySchema.extend({
  regionCode: z.string(),
  itemId: z.number().int(),
  itemVersionId: z.number().int(),
  itemKind: z.enum(['instant', 'promised']),
  suspensionKinds: z.array(z.string()),
  enterpriseId: z.number().int().nullable(),
  applicantIdType: z.string(),
  applicantIdNumber: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  projectCode: z.string().nullable(),
  agent: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('代办员'),
  form: z.record(z.string(), z.unknown()),
  acceptedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  resultName: z.string().nullable(),
  resultNumber: z.string().nullable(),
  deliveryMethod: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  archivedAt: z.string().nullable(),
  materials: z.array(CaseMaterialSchema),
  steps: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      event: z.string(),
      action: z.enum(['pass', 'return', 'other']),
      fromState: z.string().nullable(),
      toState: z.string(),
      level: z.number().int().nullable(),
      opinion: z.string().nullable(),
      actorName: z.string().nullable(),
      unitName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  specialProcedures: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      kindCode: z.string(),
      reason: z.string(),
      requester: z.string(),
      startedOn: z.string(),
      endedOn: z.string().nullable(),
      result: z.string().nullable(),
      opinion: z.string().nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      title: z.string(),
      number: z.string().nullable(),
      version: z.number().int(),
      issuedOn: z.string(),
    }),
  ),
  actions: z.array(z.enum(CASE_EVENTS)).describe('当前用户此刻可执行的操作'),
});

export const StoredMaterialSchema = z.object({
  id: z.number().int(),
  sharedKey: z.string(),
  name: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  trustGrade: z.enum(['A', 'B', 'C', 'D']),
  source: z.enum(['upload', 'window', 'licence']),
  createdAt: z.string(),
});
