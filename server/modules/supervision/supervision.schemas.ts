import { z } from 'zod';
import {
  EXTENSION_STATES,
  REPORT_KINDS,
  SUPERVISION_EVENT_LABELS,
  SUPERVISION_SOURCES,
  SUPERVISION_STATUSES,
  type SupervisionEvent,
  URGE_RULES,
} from '../../../lib/supervision.ts';
import { WARNING_LEVELS } from '../../../lib/warning.ts';
import { listQuery } from '../../platform/http/schemas.ts';

const Id = z.number().int().positive();
const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}不超过 ${max} 个字`);

export const AssignInput = z
  .object({
    ownerUnitId: Id,
    content: text('督办内容', 2, 500),
    /** Where the task comes from, e.g. 周强副区长批示（12月7日）. */
    sourceTitle: text('来源', 2, 200).optional(),
    responsiblePerson: text('责任人', 2, 40).optional(),
    dueDays: z.number().int().min(1, '完成时限至少 1 个工作日').max(365).optional(),
    dueOn: z.iso.date({ error: '完成日期应为 YYYY-MM-DD' }).optional(),
  })
  .refine((v) => (v.dueDays === undefined) !== (v.dueOn === undefined), {
    message: '请填写完成时限：工作日数或完成日期，二选一',
    path: ['dueDays'],
  });

export const ReportInput = z.object({
  kind: z.enum(REPORT_KINDS, { error: '报告类型应为 progress（进展）或 done（办结）' }),
  note: text('办理情况', 2, 2000),
  nextWork: z.string().trim().max(1000, '下一步工作不超过 1000 字').default(''),
  fileIds: z.array(Id).max(20).default([]),
});

export const ReasonInput = z.object({ reason: text('理由', 2, 200) });
export const UrgeInput = z.object({ note: z.string().trim().max(500, '催办说明不超过 500 字').default('') });
export const ExtensionInput = z.object({
  days: z
    .number({ error: '请填写延期工作日数' })
    .int()
    .min(1, '至少延期 1 个工作日')
    .max(60, '一次最多延期 60 个工作日'),
  reason: text('延期理由', 2, 500),
});
export const ExtensionDecision = z
  .object({
    grant: z.boolean({ error: '请选择同意或不同意' }),
    reason: text('不同意的理由', 2, 200).optional(),
  })
  .refine((d) => d.grant || d.reason !== undefined, { message: '不同意延期须写明理由', path: ['reason'] });

export const UploadQuery = z.object({ fileName: text('文件名', 1, 200) });

export const ItemListQuery = listQuery({
  status: z
    .enum(['open', 'reported', 'done', 'cancelled', 'overdue'], {
      error: '状态应为 open、reported、done、cancelled 或 overdue',
    })
    .optional(),
  source: z.enum(SUPERVISION_SOURCES, { error: '来源取值无效' }).optional(),
  ownerUnitId: z.coerce.number().int().positive().optional(),
  warning: z
    .enum(WARNING_LEVELS as [string, ...string[]], { error: '预警取值应为 green、yellow 或 red' })
    .optional(),
  q: z.string().trim().max(50).optional(),
});

// --- responses -------------------------------------------------------------------------------------

const ACTIONS = Object.keys(SUPERVISION_EVENT_LABELS) as [SupervisionEvent, ...SupervisionEvent[]];

export const ItemSummarySchema = z.object({
  id: z.number().int(),
  source: z.enum(SUPERVISION_SOURCES),
  sourceLabel: z.string(),
  sourceTitle: z.string(),
  sourceLink: z.string().nullable(),
  ownerUnitId: z.number().int(),
  ownerName: z.string(),
  responsiblePerson: z.string().nullable(),
  content: z.string(),
  status: z.enum(SUPERVISION_STATUSES),
  statusLabel: z.string(),
  dueDate: z.string().nullable(),
  warning: z.enum(WARNING_LEVELS as ['green', 'yellow', 'red']).nullable(),
  urgedCount: z.number().int(),
  createdAt: z.string(),
});

export const ItemDetailSchema = ItemSummarySchema.extend({
  version: z.number().int(),
  deadlineId: z.number().int().nullable(),
  lastUrgedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  returnReason: z.string().nullable(),
  reports: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(REPORT_KINDS),
      note: z.string(),
      nextWork: z.string(),
      reportedBy: z.string(),
      createdAt: z.string(),
      files: z.array(
        z.object({
          id: z.number().int(),
          fileName: z.string(),
          contentType: z.string(),
          size: z.number().int(),
        }),
      ),
    }),
  ),
  urgings: z.array(
    z.object({
      rule: z.enum(URGE_RULES),
      ruleLabel: z.string(),
      warning: z.enum(WARNING_LEVELS as ['green', 'yellow', 'red']),
      note: z.string(),
      urgedBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  extensions: z.array(
    z.object({
      days: z.number().int(),
      reason: z.string(),
      state: z.enum(EXTENSION_STATES),
      requestedBy: z.string(),
      requestedAt: z.string(),
      decidedAt: z.string().nullable(),
      refuseReason: z.string().nullable(),
    }),
  ),
  actions: z.array(z.enum(ACTIONS)),
});

export const FileSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});
