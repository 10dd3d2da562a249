import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { subjectDocumentFile } from '../documents/documents.service.ts';
import { acknowledgeMeeting } from './acknowledge-meeting.ts';
import { approveMinutes } from './approve-minutes.ts';
import { cancelMeeting } from './cancel-meeting.ts';
import { conveneMeeting } from './convene-meeting.ts';
import { createMeeting } from './create-meeting.ts';
import { editMeeting } from './edit-meeting.ts';
import { holdMeeting } from './hold-meeting.ts';
import { issueMinutes } from './issue-minutes.ts';
import { toDetail, toSummary } from './meetings.presenters.ts';
import { meetingCalendar, meetingDetail } from './meetings.read.ts';
import {
  Acknowledge,
  CancelInput,
  HoldInput,
  MeetingCalendarQuery,
  MeetingCreate,
  MeetingDetailSchema,
  MeetingEdit,
  MeetingSummarySchema,
  MinutesInput,
} from './meetings.schemas.ts';
import { meetingRow } from './meetings.workflow.ts';
import { remindInvitees } from './remind-invitees.ts';
import { saveMinutes } from './save-minutes.ts';

const DocParams = z.object({
  id: IdParams.shape.id,
  documentId: IdParams.shape.id,
  format: z.enum(['pdf', 'docx'], { error: '格式应为 pdf 或 docx' }),
});

export const meetingRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['会议与纪要'];
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const d = await meetingDetail(db, req.principal!, id);
    setVersionTag(reply, d.row.version);
    return toDetail(d);
  };
  const read = { access: { permission: 'meeting:read' as const } };
  const manage = { access: { permission: 'meeting:manage' as const } };

  app.get(
    '/api/meetings',
    {
      config: read,
      schema: {
        tags,
        summary: '会议日历',
        description: '起止日期（北京时间，含两端，最长一年）内开始的会议：本中心召开的，或本单位受邀的。',
        querystring: MeetingCalendarQuery,
        response: { 200: z.object({ items: z.array(MeetingSummarySchema) }), ...errors(400, 401, 403) },
      },
    },
    async (req) => ({
      items: (await meetingCalendar(db, req.principal!, req.query.from, req.query.to)).map(toSummary),
    }),
  );

  app.post(
    '/api/meetings',
    {
      config: manage,
      schema: {
        tags,
        summary: '筹备会议',
        description:
          '安排会议（专题协调会、工作例会、联席会议）。由“拟召开协调会”的协调事项召开时传 requestId：议题与参会单位预先取自该事项的协调事项与征询部门。会议时间须晚于现在。',
        body: MeetingCreate,
        response: { 201: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const id = await createMeeting(ctx(req), req.body);
      reply.code(201);
      return detail(req, reply, id);
    },
  );

  app.get(
    '/api/meetings/:id',
    {
      config: read,
      schema: {
        tags,
        summary: '会议详情',
        description:
          '议题、参会单位及回执、出席情况、议定事项、纪要与可执行的操作；带 ETag。未受邀的单位返回 404。',
        params: IdParams,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => detail(req, reply, req.params.id),
  );

  app.patch(
    '/api/meetings/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: '修改会议安排',
        description: '筹备中的会议可修改时间、地点、主持人、议题与参会单位。须带 If-Match。',
        params: IdParams,
        body: MeetingEdit,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await editMeeting(ctx(req), req.params.id, requiredVersion(req), req.body);
      return detail(req, reply, req.params.id);
    },
  );

  /**
   * One action on a meeting: its body (if any), then the meeting as it now is with its new ETag.
   * Versioned actions need If-Match; an acknowledgement or a reminder does not move the meeting.
   */
  const action = <B extends z.ZodType>(spec: {
    method?: 'POST' | 'PUT';
    path: string;
    summary: string;
    description: string;
    permission: 'meeting:manage' | 'meeting:approve' | 'meeting:attend';
    body?: B;
    versioned?: boolean;
    run: (c: ActionContext, id: number, version: number, body: z.infer<B>) => Promise<unknown>;
  }) => {
    const versioned = spec.versioned ?? true;
    app.route({
      method: spec.method ?? 'POST',
      url: `/api/meetings/:id/${spec.path}`,
      config: { access: { permission: spec.permission } },
      schema: {
        tags,
        summary: spec.summary,
        description: versioned ? `${spec.description}须带 If-Match。` : spec.description,
        params: IdParams,
        ...(spec.body ? { body: spec.body } : {}),
        response: {
          200: MeetingDetailSchema,
          ...errors(400, 401, 403, 404, 409, ...(versioned ? ([412, 422, 428] as const) : [])),
        },
      },
      handler: async (req, reply) => {
        const { id } = req.params as { id: number };
        await spec.run(ctx(req), id, versioned ? requiredVersion(req) : 0, req.body as z.infer<B>);
        return detail(req, reply, id);
      },
    });
  };

  action({
    path: 'convene',
    summary: '印发会议通知',
    description: '编号、盖章印发会议通知并通知各受邀单位回执；非紧急会议须在会前规定的工作日数印发。',
    permission: 'meeting:manage',
    run: (c, id, v) => conveneMeeting(c, id, v),
  });
  action({
    path: 'minutes/approve',
    summary: '签发会议纪要',
    description: '主持人签发当前的纪要稿；此后修改会议记录或纪要须重新签发。',
    permission: 'meeting:approve',
    run: (c, id, v) => approveMinutes(c, id, v),
  });
  action({
    path: 'minutes/issue',
    summary: '印发会议纪要',
    description: '已签发的纪要编号、盖章印发；议定事项同时纳入督办。',
    permission: 'meeting:manage',
    run: (c, id, v) => issueMinutes(c, id, v),
  });
  action({
    path: 'cancel',
    summary: '取消会议',
    description: '召开前可取消，须写明原因；已发通知的单位会收到通知。',
    permission: 'meeting:manage',
    body: CancelInput,
    run: (c, id, v, b) => cancelMeeting(c, id, v, b.reason),
  });
  action({
    path: 'remind',
    summary: '提醒未回执单位',
    description: '向尚未回执的受邀单位发送提醒。',
    permission: 'meeting:manage',
    versioned: false,
    run: (c, id) => remindInvitees(c, id),
  });
  action({
    path: 'acknowledge',
    summary: '会议通知回执',
    description: '受邀单位确认收到会议通知并报送参会人员（委托他人出席的注明）。',
    permission: 'meeting:attend',
    body: Acknowledge,
    versioned: false,
    run: (c, id, _v, b) => acknowledgeMeeting(c, id, b),
  });
  action({
    method: 'PUT',
    path: 'record',
    summary: '记录会议召开情况',
    description:
      '会议开始后记录出席情况（出席、委托出席、缺席及原因）、各议题讨论情况和议定事项（每项须有责任单位和完成时限）。可多次保存，至纪要印发为止。',
    permission: 'meeting:manage',
    body: HoldInput,
    run: (c, id, v, b) => holdMeeting(c, id, v, b),
  });
  action({
    method: 'PUT',
    path: 'minutes',
    summary: '起草会议纪要',
    description: '保存纪要正文（议定事项取自会议记录）；保存后须由主持人重新签发。',
    permission: 'meeting:manage',
    body: MinutesInput,
    run: (c, id, v, b) => saveMinutes(c, id, v, b.summary),
  });

  app.get(
    '/api/meetings/:id/documents/:documentId/:format',
    {
      config: read,
      schema: {
        tags,
        summary: '下载会议文书',
        description: '会议通知或会议纪要的 PDF、DOCX（受邀单位均可下载）。',
        params: DocParams,
        response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await meetingRow(db, req.principal!, req.params.id);
      const f = await subjectDocumentFile(
        db,
        'meeting',
        String(req.params.id),
        req.params.documentId,
        req.params.format,
      );
      reply.header('content-type', f.contentType);
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`${f.row.number ?? f.row.title}.${req.params.format}`)}`,
      );
      return reply.send(f.content);
    },
  );
};
