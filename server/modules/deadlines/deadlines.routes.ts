import { z } from 'zod';
import { isIsoDate } from '../../../lib/dates.ts';
import { WARNING_LABELS } from '../../../lib/warning.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import { SUSPENSION_KIND_LABELS } from '../../platform/calendar/engine.ts';
import { DEADLINE_KIND_LABELS } from '../../platform/deadlines/deadlines.ts';
import type { Module } from '../../platform/http/app.ts';
import { errors, IdParams, listQuery, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import { deadline, deadlines, resume, suspend } from './deadlines.service.ts';

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD 且为有效日期');
const LEVELS = ['green', 'yellow', 'red'] as const;

const DeadlineSchema = z.object({
  id: z.number(),
  subjectType: z.string(),
  subjectId: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  regionCode: z.string(),
  unitId: z.number(),
  ownerUserId: z.number().nullable(),
  startDate: z.string(),
  limitDays: z.number(),
  status: z.enum(['open', 'done', 'cancelled']),
  dueDate: z.string().nullable().describe('截止日（当日 24:00，北京时间）；挂起中为 null'),
  yellowFrom: z.string().nullable(),
  provisional: z.boolean().describe('依赖尚未公布放假安排的年份，截止日为暂定'),
  level: z.enum(LEVELS),
  levelLabel: z.string(),
});

type Row = Awaited<ReturnType<typeof deadlines>>['rows'][number];
const toDeadline = (
  r: Omit<Row, 'level'>,
  level: (typeof LEVELS)[number],
): z.infer<typeof DeadlineSchema> => ({
  id: Number(r.id),
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  kind: r.kind,
  kindLabel: DEADLINE_KIND_LABELS[r.kind],
  title: r.title,
  regionCode: r.region_code,
  unitId: Number(r.unit_id),
  ownerUserId: r.owner_user_id === null ? null : Number(r.owner_user_id),
  startDate: r.start_date,
  limitDays: r.limit_days,
  status: r.status,
  dueDate: r.due_date,
  yellowFrom: r.yellow_from,
  provisional: r.provisional,
  level,
  levelLabel: WARNING_LABELS[level],
});

const LedgerSchema = DeadlineSchema.extend({
  daysUsed: z.number(),
  daysLeft: z.number(),
  overdueDays: z.number(),
  paused: z.boolean(),
  lines: z
    .array(z.object({ code: z.string(), date: z.string().nullable(), text: z.string() }))
    .describe('逐行说明截止日的由来'),
  suspensions: z.array(
    z.object({
      kind: z.string(),
      kindLabel: z.string(),
      from: z.string(),
      to: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  changes: z.array(
    z.object({
      at: z.string(),
      oldDue: z.string().nullable(),
      newDue: z.string().nullable(),
      reason: z.string(),
    }),
  ),
});

export const deadlineRoutes: Module = (app, { database, calendars }) => {
  const db = database.db;
  const tags = ['办理时限'];

  const ledger = (r: Awaited<ReturnType<typeof deadline>>): z.infer<typeof LedgerSchema> => ({
    ...toDeadline(r.row, r.result.level),
    daysUsed: r.result.daysUsed,
    daysLeft: r.result.daysLeft,
    overdueDays: r.result.overdueDays,
    paused: r.result.paused,
    lines: r.result.lines.map((l) => ({ code: l.code, date: l.date, text: l.text })),
    suspensions: r.suspensions.map((s) => ({
      kind: s.kind,
      kindLabel: SUSPENSION_KIND_LABELS[s.kind] ?? s.kind,
      from: s.from_date,
      to: s.to_date,
      reason: s.reason,
    })),
    changes: r.changes.map((c) => ({
      at: c.at.toISOString(),
      oldDue: c.old_due,
      newDue: c.new_due,
      reason: c.reason,
    })),
  });

  app.get(
    '/api/deadlines',
    {
      config: { access: { permission: 'deadline:read' } },
      schema: {
        tags,
        summary: '办理时限列表',
        description:
          '数据范围内的办理时限及今日预警等级（绿、黄、红，与服务端、界面同一规则），可按等级、状态、单位筛选；键集分页（after）。',
        querystring: listQuery(
          {
            level: z.enum(LEVELS).optional(),
            status: z
              .enum(['open', 'done', 'cancelled', 'all'])
              .default('open')
              .describe('默认在办；all 为全部状态'),
            unitId: z.coerce.number().int().positive().optional(),
          },
          { limit: 100 },
        ),
        response: {
          200: pageOf(DeadlineSchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      return pageResponse(
        await deadlines(db, req.principal!, req.query, req.query),
        (r) => toDeadline(r, r.level),
        req.query.limit,
      );
    },
  );

  app.get(
    '/api/deadlines/:id',
    {
      config: { access: { permission: 'deadline:read' } },
      schema: {
        tags,
        summary: '时限台账',
        description:
          '一项办理时限的完整台账：起算日、时限、每次挂起与恢复、已用与剩余工作日、截止日、所用日历版本，以及截止日的历次调整。',
        params: IdParams,
        response: { 200: LedgerSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ledger(await deadline(db, calendars, req.principal!, req.params.id)),
  );

  app.post(
    '/api/deadlines/:id/suspensions',
    {
      config: { access: { permission: 'deadline:suspend' } },
      schema: {
        tags,
        summary: '挂起计时',
        description:
          '因补正、现场勘验、专家评审、听证、公示等特别程序暂停计时（《行政许可法》第四十五条），自开始日起不计入时限。',
        params: IdParams,
        body: z.object({
          kind: z.enum(Object.keys(SUSPENSION_KIND_LABELS) as [string, ...string[]]),
          from: isoDate,
          reason: z.string().trim().min(2, '请写明挂起原因').max(500),
        }),
        response: { 201: LedgerSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await suspend(
        db,
        calendars,
        actorOf(req.principal, req),
        req.principal!,
        req.params.id,
        req.body,
      );
      reply.code(201);
      return ledger(r);
    },
  );

  app.post(
    '/api/deadlines/:id/resume',
    {
      config: { access: { permission: 'deadline:suspend' } },
      schema: {
        tags,
        summary: '恢复计时',
        description: '结束当前挂起；自恢复日的下一个工作日起继续计算剩余时限。',
        params: IdParams,
        body: z.object({ to: isoDate.describe('恢复日') }),
        response: { 200: LedgerSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) =>
      ledger(
        await resume(db, calendars, actorOf(req.principal, req), req.principal!, req.params.id, req.body.to),
      ),
  );
};
