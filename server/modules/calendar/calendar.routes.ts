import { z } from 'zod';
import { actorOf } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { errors } from '../../platform/http/schemas.ts';
import { isoDate, YearImportSchema } from './calendar.schemas.ts';
import { addOverride, importYear, listOverrides, removeOverride, yearView } from './calendar.service.ts';

const regionCode = z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字');

const ChangeSample = z.object({
  id: z.number(),
  title: z.string(),
  oldDue: z.string().nullable(),
  newDue: z.string().nullable(),
  provisional: z.boolean(),
});

const ImportResult = z.object({
  preview: z.boolean(),
  year: z.number(),
  validation: z.object({
    ok: z.boolean(),
    errors: z.array(z.string()),
    warnings: z.array(z.string()),
    workingDays: z.number(),
    longestRun: z.number(),
  }),
  changed: z.number().describe('截止日因此改变的在办时限数'),
  changes: z.array(ChangeSample).describe('最多前 200 条'),
});

export const calendarRoutes: Module = (app, { database, calendars }) => {
  const db = database.db;
  const tags = ['工作日历'];

  app.get(
    '/api/calendar',
    {
      config: { access: { permission: 'calendar:read' } },
      schema: {
        tags,
        summary: '年度工作日历',
        description:
          '某区划某年每一天是否为工作日及原因（周末、法定节假日、调休上班、本地停工、本地调班），' +
          '以及该年是否已导入国务院办公厅通知（未导入的年份为暂定日历）。',
        querystring: z.object({
          regionCode,
          year: z.coerce.number().int().min(2020, '年份超出范围').max(2099, '年份超出范围'),
        }),
        response: {
          200: z.object({
            regionCode: z.string(),
            year: z.number(),
            official: z.boolean(),
            revision: z.number(),
            sources: z.array(
              z.object({ docNo: z.string(), title: z.string(), publishedOn: z.string(), url: z.string() }),
            ),
            workingDays: z.number(),
            days: z.array(
              z.object({
                date: z.string(),
                workday: z.boolean(),
                category: z.string(),
                name: z.string().nullable(),
                provisional: z.boolean(),
              }),
            ),
          }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => yearView(db, calendars, req.query.regionCode, req.query.year),
  );

  const Override = z.object({
    regionCode: z.string(),
    date: z.string(),
    kind: z.enum(['closure', 'workday']),
    reason: z.string(),
  });

  app.get(
    '/api/calendar/overrides',
    {
      config: { access: { permission: 'calendar:read' } },
      schema: {
        tags,
        summary: '本地调整列表',
        description: '某区划自行登记的停止办公日（如台风）和本地调班上班日。',
        querystring: z.object({ regionCode }),
        response: { 200: z.array(Override), ...errors(400, 401, 403) },
      },
    },
    async (req) =>
      (await listOverrides(db, req.query.regionCode)).map((o) => ({
        regionCode: o.region_code,
        date: o.date,
        kind: o.kind,
        reason: o.reason,
      })),
  );

  const OverrideResult = z.object({
    revision: z.number(),
    changed: z.number(),
    changes: z.array(ChangeSample),
    warnings: z.array(z.string()).optional(),
  });

  app.post(
    '/api/calendar/overrides',
    {
      config: { access: { permission: 'calendar:manage' } },
      schema: {
        tags,
        summary: '登记本地调整',
        description:
          '登记停止办公日或本地调班上班日，须写明依据。同一事务内重算该区划（市级含下辖区县）全部在办时限，记录每项变化并通知办理人。',
        body: z.object({
          regionCode,
          date: isoDate,
          kind: z.enum(['closure', 'workday']).describe('closure 停止办公，workday 调整为工作日'),
          reason: z.string().trim().min(2, '请写明依据，如“台风红色预警，市政府通知停工”').max(200),
        }),
        response: { 201: OverrideResult, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await addOverride(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      return { revision: r.revision, changed: r.changed, changes: r.changes, warnings: r.warnings };
    },
  );

  app.delete(
    '/api/calendar/overrides/:regionCode/:date',
    {
      config: { access: { permission: 'calendar:manage' } },
      schema: {
        tags,
        summary: '撤销本地调整',
        description: '删除一条本地调整，并在同一事务内重算受影响的在办时限。',
        params: z.object({ regionCode, date: isoDate }),
        response: { 200: OverrideResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) =>
      removeOverride(db, actorOf(req.principal, req), req.principal!, req.params.regionCode, req.params.date),
  );

  app.post(
    '/api/calendar/imports/preview',
    {
      config: { access: { permission: 'calendar:manage' } },
      schema: {
        tags,
        summary: '预览导入放假安排',
        description:
          '校验某年的放假安排（调休上班须为周末、放假须为工作日、连续上班不超过 6 天的提醒），并列出导入后截止日会改变的在办时限。不保存任何数据。',
        body: YearImportSchema,
        response: { 200: ImportResult, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => importYear(db, actorOf(req.principal, req), req.principal!, req.body, { preview: true }),
  );

  app.post(
    '/api/calendar/imports',
    {
      config: { access: { permission: 'calendar:manage' } },
      schema: {
        tags,
        summary: '导入放假安排',
        description:
          '保存某年的国务院办公厅放假安排（替换该年的暂定日历或旧数据），同一事务内重算全部在办时限、记录变化并通知办理人。',
        body: YearImportSchema,
        response: { 200: ImportResult, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => importYear(db, actorOf(req.principal, req), req.principal!, req.body, { preview: false }),
  );
};
