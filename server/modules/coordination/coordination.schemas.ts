import { z } from 'zod';
import {
  COMPLEXITY_LABELS,
  CONTENT_KEYS,
  COORDINATION_STATE_LABELS,
  type Complexity,
  type ContentKey,
  type CoordinationState,
  LADDER,
  STANCE_LABELS,
  type Stance,
} from '../../../lib/coordination.ts';
import { listQuery } from '../../platform/http/schemas.ts';

export const COORDINATION_STATES = Object.keys(COORDINATION_STATE_LABELS) as [
  CoordinationState,
  ...CoordinationState[],
];
const COMPLEXITIES = Object.keys(COMPLEXITY_LABELS) as [Complexity, ...Complexity[]];
const STANCES = Object.keys(STANCE_LABELS) as [Stance, ...Stance[]];
const CONTENTS = CONTENT_KEYS as [ContentKey, ...ContentKey[]];

const date = z.iso.date('日期格式应为 YYYY-MM-DD');
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不超过 ${max} 个字`);
const required = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}不超过 ${max} 个字`);
const id = z.number({ error: '编号应为数字' }).int().positive();

export const Position = z.object({
  department: required('部门名称', 2, 60),
  position: required('部门意见', 2, 1000),
});

/** The contents of a request; completeness is checked against the ladder step, not here. */
export const RequestContents = z.object({
  overview: text('项目概况', 4000).default(''),
  problem: text('存在问题', 4000).default(''),
  positions: z.array(Position).max(30, '部门意见不超过 30 条').default([]),
  proposal: text('拟解决方案', 4000).default(''),
  contactName: text('联系人', 50).default(''),
  contactPhone: z
    .string()
    .trim()
    .refine((s) => s === '' || /^[0-9+-]{7,20}$/.test(s), '联系电话应为 7–20 位数字')
    .default(''),
  fileIds: z.array(id).max(20, '附件不超过 20 个').default([]),
});

export const RequestSubmit = RequestContents.extend({
  projectName: required('项目名称', 2, 100),
  projectCode: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/, '投资项目代码格式应为 YYMM-行政区划-NN-NN-NNNNNN')
    .optional(),
  applicantName: required('申请单位', 2, 100).optional(),
  source: z.enum(['enterprise', 'park', 'town', 'window', 'case', 'stage_lead'], {
    error: '来源应为企业、园区、镇街、窗口、办件或阶段牵头部门',
  }),
  sourceUnitId: id.optional(),
  caseId: id.optional(),
  enterpriseId: id.optional(),
  urgent: z.boolean().default(false),
});

export const Matter = z.object({
  title: required('协调事项', 2, 200),
  complexity: z.enum(COMPLEXITIES, { error: '复杂程度应为一般、重大或复杂' }),
  departmentIds: z.array(id).min(1, '每个协调事项至少涉及一个部门').max(20),
});

export const Consult = z.object({
  matters: z.array(Matter).min(1, '请至少列出一个协调事项').max(20, '协调事项不超过 20 个'),
  /** Urgent: an earlier reply date than the default 5 working days. */
  replyBy: date.optional(),
  note: text('补充说明', 1000).optional(),
});

export const CommitmentInput = z
  .object({
    content: required('承诺内容', 2, 500),
    dueDays: z.number({ error: '工作日数应为数字' }).int().min(1, '工作日数至少为 1').max(365).optional(),
    dueDate: date.optional(),
  })
  .refine((c) => (c.dueDays === undefined) !== (c.dueDate === undefined), {
    message: '每项承诺须写明完成时限：工作日数或日期（二选一）',
    path: ['dueDays'],
  });

export const ReplyInput = z
  .object({
    stance: z.enum(STANCES, { error: '意见应为同意、有条件同意或不同意' }),
    opinion: required('答复意见', 2, 4000),
    legalBasis: text('依据', 2000).default(''),
    conditions: text('附加条件', 2000).default(''),
    commitments: z.array(CommitmentInput).max(20, '承诺事项不超过 20 项').default([]),
    fileIds: z.array(id).max(20).default([]),
  })
  .refine((r) => r.stance !== 'conditional' || r.conditions.length >= 2, {
    message: '有条件同意须写明条件',
    path: ['conditions'],
  })
  .refine((r) => r.stance === 'agree' || r.legalBasis.length >= 2, {
    message: '不同意或有条件同意须写明依据（法律法规、政策文件）',
    path: ['legalBasis'],
  });

export const Decide = z.object({
  outcome: z.enum(['letter', 'meeting'], { error: '处理方式应为告知函或协调会' }),
  overrideReason: text('调整理由', 1000).optional(),
});

export const LetterDraft = z.object({
  addressee: required('主送单位', 2, 100),
  commitments: z.array(CommitmentInput.and(z.object({ id }))).max(60),
});

export const ReturnInput = z.object({
  missing: z.array(z.enum(CONTENTS, { error: '未知的内容项' })).default([]),
  note: required('退回说明', 4, 1000),
});

export const Escalate = z.object({
  reason: required('上报理由', 4, 1000),
  /** The department leading the project's stage, when the next step is stage_lead. */
  stageLeadUnitId: id.optional(),
  /** Contents the next level requires, supplied with the escalation. */
  supplement: RequestContents.partial().optional(),
});

export const Instruct = z.object({
  instruction: required('批示内容', 4, 480),
  ownerUnitId: id.optional(),
  dueDays: z.number().int().min(1, '落实时限至少 1 个工作日').max(60).default(5),
});

export const CloseInput = z.object({ resolution: required('办结说明', 4, 2000) });

export const DoneInput = z.object({ note: required('办理情况', 2, 1000) });
export const UrgeInput = z.object({ note: text('催办说明', 500).default('') });

export const LadderInput = z.object({
  steps: z
    .array(
      z.object({
        level: z.enum(LADDER as [string, ...string[]], {
          error: '层级应为窗口、阶段牵头部门、中心或分管领导',
        }),
        limitDays: z.number().int().min(1, '时限至少 1 个工作日').max(60, '时限不超过 60 个工作日'),
        required: z.array(z.enum(CONTENTS, { error: '未知的内容项' })).min(1, '每级至少要求一项内容'),
      }),
    )
    .length(4, '须配置全部 4 个层级'),
});

export const ListQuery = listQuery(
  {
    state: z.enum(COORDINATION_STATES, { error: '状态不正确' }).optional(),
    open: z.enum(['true', 'false']).optional(),
    warning: z.enum(['red', 'yellow'], { error: '预警应为 red 或 yellow' }).optional(),
    q: z.string().trim().max(100, '关键词不超过 100 个字').optional(),
  },
  { maxLimit: 200 },
);

// --- responses ----------------------------------------------------------------------------------

const Warning = z.enum(['green', 'yellow', 'red']);

export const RequestSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  projectName: z.string(),
  applicantName: z.string(),
  source: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  level: z.string(),
  levelLabel: z.string(),
  urgent: z.boolean(),
  complexity: z.string().nullable(),
  warningLevel: Warning,
  centerName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});

export const FileSchema = z.object({
  id: z.number().int(),
  consultationId: z.number().int().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const CommitmentSchema = z.object({
  id: z.number().int(),
  requestId: z.number().int(),
  requestNumber: z.string(),
  projectName: z.string(),
  consultationId: z.number().int().nullable(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  content: z.string(),
  dueDays: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  status: z.string(),
  warningLevel: Warning.nullable(),
  urgedCount: z.number().int(),
  lastUrgedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  doneNote: z.string().nullable(),
  deadlineId: z.number().int().nullable(),
  version: z.number().int(),
  actions: z.array(z.enum(['urge', 'done'])),
});

export const ConsultationSchema = z.object({
  id: z.number().int(),
  requestId: z.number().int(),
  requestNumber: z.string().optional(),
  projectName: z.string().optional(),
  requestState: z.string().optional(),
  departmentId: z.number().int(),
  departmentName: z.string(),
  questions: z.array(z.string()),
  replyBy: z.string(),
  warningLevel: Warning.nullable(),
  status: z.string(),
  overdue: z.boolean(),
  late: z.boolean(),
  stance: z.string().nullable(),
  opinion: z.string().nullable(),
  legalBasis: z.string().nullable(),
  conditions: z.string().nullable(),
  draftedBy: z.string().nullable(),
  draftedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  documentId: z.number().int().nullable(),
  deadlineId: z.number().int().nullable(),
  commitments: z.array(CommitmentSchema),
  files: z.array(FileSchema),
  version: z.number().int(),
  actions: z.array(z.enum(['reply', 'sign'])),
});

export const RequestDetailSchema = RequestSummarySchema.extend({
  regionCode: z.string(),
  enterpriseId: z.number().int().nullable(),
  caseId: z.number().int().nullable(),
  stageLeadName: z.string().nullable(),
  projectCode: z.string().nullable(),
  overview: z.string(),
  problem: z.string(),
  positions: z.array(z.object({ department: z.string(), position: z.string() })),
  proposal: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  returnedMissing: z.array(z.string()),
  returnNote: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeReasons: z.array(z.string()),
  overrideReason: z.string().nullable(),
  letterAddressee: z.string().nullable(),
  letterDocumentId: z.number().int().nullable(),
  resolution: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Whether the reader sees the whole request or only its own department's part. */
  fullView: z.boolean(),
  matters: z.array(
    z.object({
      seq: z.number().int(),
      title: z.string(),
      complexity: z.string(),
      departmentIds: z.array(z.number()),
    }),
  ),
  consultations: z.array(ConsultationSchema),
  commitments: z.array(CommitmentSchema),
  files: z.array(FileSchema),
  analysis: z.object({ outcome: z.enum(['letter', 'meeting']), reasons: z.array(z.string()) }).nullable(),
  ladder: z.array(
    z.object({
      id: z.number().int(),
      fromLevel: z.string().nullable(),
      toLevel: z.string(),
      toLevelLabel: z.string(),
      toUnitName: z.string(),
      reason: z.string(),
      by: z.string().nullable(),
      at: z.string(),
      limitDays: z.number().int().nullable(),
      dueDate: z.string().nullable(),
      warningLevel: Warning.nullable(),
      open: z.boolean(),
    }),
  ),
  nextLevel: z
    .object({
      level: z.string(),
      label: z.string(),
      limitDays: z.number().int(),
      missing: z.array(z.string()),
    })
    .nullable(),
  timeline: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      title: z.string(),
      detail: z.string(),
      actorName: z.string().nullable(),
      unitName: z.string().nullable(),
      documentId: z.number().int().nullable(),
      documentNumber: z.string().nullable(),
      at: z.string(),
    }),
  ),
  actions: z.array(z.string()),
  /** Meetings convened on the request (staff only). */
  meetings: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      startsAt: z.string(),
    }),
  ),
});

export const SuggestionsSchema = z.object({
  departments: z.array(
    z.object({ id: z.number().int(), name: z.string(), score: z.number(), reasons: z.array(z.string()) }),
  ),
  precedents: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      projectName: z.string(),
      problem: z.string(),
      outcome: z.string().nullable(),
      resolution: z.string().nullable(),
      letterNumber: z.string().nullable(),
      departments: z.array(z.string()),
      similarity: z.number(),
    }),
  ),
  /** Issued minutes of meetings on similar problems, with their decisions. */
  minutes: z.array(
    z.object({
      meetingId: z.number().int(),
      title: z.string(),
      minutesNumber: z.string(),
      date: z.string(),
      decisions: z.array(z.string()),
    }),
  ),
});
