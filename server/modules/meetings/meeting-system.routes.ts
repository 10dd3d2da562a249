import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CADENCE_LABELS } from '../../../lib/meeting.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import { jointSystemOf, scheduleList, systemCandidates } from './meetings.read.ts';
import {
  CandidatesSchema,
  JointSystemInput,
  JointSystemSchema,
  ScheduleInput,
  ScheduleSchema,
} from './meetings.schemas.ts';
import { nextMeetingOf, planRegularMeeting } from './plan-regular-meeting.ts';
import { saveJointSystem } from './save-joint-system.ts';
import { saveSchedule } from './save-schedule.ts';

type ScheduleItem = Awaited<ReturnType<typeof scheduleList>>[number];

const toSchedule = ({ row: s, next }: ScheduleItem): z.infer<typeof ScheduleSchema> => ({
  id: Number(s.id),
  title: s.title,
  cadence: s.cadence,
  cadenceLabel: CADENCE_LABELS[s.cadence],
  day: s.day,
  startTime: s.start_time,
  place: s.place,
  chair: s.chair,
  inviteeUnitIds: s.invitee_unit_ids.map(Number),
  noticeDays: s.notice_days,
  leadDays: s.lead_days,
  enabled: s.enabled,
  version: s.version,
  nextOn: next.on,
});

/** The meeting system of a region: standing schedules of regular meetings and the joint-meeting system. */
export const meetingSystemRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['会议与纪要'];
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  const read = { access: { permission: 'meeting:read' as const } };
  const manage = { access: { permission: 'meeting:manage' as const } };
  const schedule = async (req: FastifyRequest, id: number) => {
    const item = (await scheduleList(db, req.principal!)).find((s) => Number(s.row.id) === id);
    if (!item) throw problems.notFound('例会制度不存在。');
    return toSchedule(item);
  };

  app.get(
    '/api/meeting-schedules',
    {
      config: read,
      schema: {
        tags,
        summary: '工作例会制度',
        description: '本区的工作例会制度（每周或每月）及各自下一次召开的日期（遇节假日顺延至下一个工作日）。',
        response: { 200: z.object({ items: z.array(ScheduleSchema) }), ...errors(401, 403) },
      },
    },
    async (req) => ({ items: (await scheduleList(db, req.principal!)).map(toSchedule) }),
  );

  app.post(
    '/api/meeting-schedules',
    {
      config: manage,
      schema: {
        tags,
        summary: '设置工作例会制度',
        description:
          '周期（每周的星期几或每月几日）、开始时间、地点、主持人、参会单位、通知提前的工作日数和提前安排的工作日数。系统在会前规定的工作日自动安排例会草稿，并填入上期审批数据。',
        body: ScheduleInput,
        response: { 201: ScheduleSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const id = await saveSchedule(ctx(req), null, 0, req.body);
      reply.code(201);
      const s = await schedule(req, id);
      setVersionTag(reply, s.version);
      return s;
    },
  );

  app.put(
    '/api/meeting-schedules/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改工作例会制度',
        description: '修改后对尚未安排的例会生效；已安排的例会草稿不变。须带 If-Match。',
        params: IdParams,
        body: ScheduleInput,
        response: { 200: ScheduleSchema, ...errors(400, 401, 403, 404, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      await saveSchedule(ctx(req), req.params.id, requiredVersion(req), req.body);
      const s = await schedule(req, req.params.id);
      setVersionTag(reply, s.version);
      return s;
    },
  );

  app.post(
    '/api/meeting-schedules/:id/plan',
    {
      config: manage,
      schema: {
        tags,
        summary: '立即安排下一次例会',
        description: '不等提前期，立即按例会制度安排下一次例会草稿（已安排的不重复安排）。',
        params: IdParams,
        response: { 201: z.object({ meetingId: z.number().int() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const item = (await scheduleList(db, req.principal!)).find((s) => Number(s.row.id) === req.params.id);
      if (!item) throw problems.notFound('例会制度不存在。');
      if (!item.row.enabled) throw problems.conflict('该例会制度已停用。');
      const id = await planRegularMeeting(db, ctx(req).actor, item.row, { whenDue: false });
      if (id === null) {
        const next = await nextMeetingOf(db, item.row);
        throw problems.conflict(`${next.on} 的例会已经安排。`);
      }
      reply.code(201);
      return { meetingId: id };
    },
  );

  app.get(
    '/api/joint-meeting-system',
    {
      config: read,
      schema: {
        tags,
        summary: '联席会议制度',
        description:
          '本区联席会议的召集人、副召集人、成员单位、办公室和工作组；未设置时 system 为 null。带 ETag（未设置时为 W/"0"）。',
        response: { 200: z.object({ system: JointSystemSchema.nullable() }), ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      const system = await jointSystemOf(db, req.principal!);
      setVersionTag(reply, system?.version ?? 0);
      return { system };
    },
  );

  app.put(
    '/api/joint-meeting-system',
    {
      config: manage,
      schema: {
        tags,
        summary: '设置联席会议制度',
        description:
          '召集人和副召集人须为本区可签发会议纪要的领导；工作组的单位须为成员单位。首次设置带 If-Match: W/"0"，修改时带读取时的 ETag。',
        body: JointSystemInput,
        response: {
          200: z.object({ system: JointSystemSchema.nullable() }),
          ...errors(400, 401, 403, 412, 422, 428),
        },
      },
    },
    async (req, reply) => {
      await saveJointSystem(ctx(req), requiredVersion(req), req.body);
      const system = await jointSystemOf(db, req.principal!);
      setVersionTag(reply, system?.version ?? 0);
      return { system };
    },
  );

  app.get(
    '/api/joint-meeting-system/candidates',
    {
      config: manage,
      schema: {
        tags,
        summary: '联席会议人员候选',
        description: '本区可任召集人、副召集人（可签发纪要的领导）和工作组组长的人员。',
        response: { 200: CandidatesSchema, ...errors(401, 403) },
      },
    },
    async (req) => ({ items: await systemCandidates(db, req.principal!) }),
  );
};
