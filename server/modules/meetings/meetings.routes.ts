import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
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

  const action = (
    path: string,
    summary: string,
    description: string,
    permission: 'meeting:manage' | 'meeting:approve',
    run: (req: FastifyRequest<{ Params: { id: number } }>, version: number) => Promise<unknown>,
  ) =>
    app.post(
      `/api/meetings/:id/${path}`,
      {
        config: { access: { permission } },
        schema: {
          tags,
          summary,
          description: `${description}须带 If-Match。`,
          params: IdParams,
          response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
        },
      },
      async (req, reply) => {
        await run(req, requiredVersion(req));
        return detail(req, reply, req.params.id);
      },
    );

  action(
    'convene',
    '印发会议通知',
    '编号、盖章印发会议通知并通知各受邀单位回执；非紧急会议须在会前规定的工作日数印发。',
    'meeting:manage',
    (req, v) => conveneMeeting(ctx(req), req.params.id, v),
  );
  action(
    'minutes/approve',
    '签发会议纪要',
    '主持人签发当前的纪要稿；此后修改会议记录或纪要须重新签发。',
    'meeting:approve',
    (req, v) => approveMinutes(ctx(req), req.params.id, v),
  );
  action(
    'minutes/issue',
    '印发会议纪要',
    '已签发的纪要编号、盖章印发；议定事项同时纳入督办。',
    'meeting:manage',
    (req, v) => issueMinutes(ctx(req), req.params.id, v),
  );

  app.post(
    '/api/meetings/:id/cancel',
    {
      config: manage,
      schema: {
        tags,
        summary: '取消会议',
        description: '召开前可取消，须写明原因；已发通知的单位会收到通知。须带 If-Match。',
        params: IdParams,
        body: CancelInput,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await cancelMeeting(ctx(req), req.params.id, requiredVersion(req), req.body.reason);
      return detail(req, reply, req.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/remind',
    {
      config: manage,
      schema: {
        tags,
        summary: '提醒未回执单位',
        description: '向尚未回执的受邀单位发送提醒。',
        params: IdParams,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await remindInvitees(ctx(req), req.params.id);
      return detail(req, reply, req.params.id);
    },
  );

  app.post(
    '/api/meetings/:id/acknowledge',
    {
      config: { access: { permission: 'meeting:attend' } },
      schema: {
        tags,
        summary: '会议通知回执',
        description: '受邀单位确认收到会议通知并报送参会人员（委托他人出席的注明）。',
        params: IdParams,
        body: Acknowledge,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await acknowledgeMeeting(ctx(req), req.params.id, req.body);
      return detail(req, reply, req.params.id);
    },
  );

  app.put(
    '/api/meetings/:id/record',
    {
      config: manage,
      schema: {
        tags,
        summary: '记录会议召开情况',
        description:
          '会议开始后记录出席情况（出席、委托出席、缺席及原因）、各议题讨论情况和议定事项（每项须有责任单位和完成时限）。可多次保存，至纪要印发为止。须带 If-Match。',
        params: IdParams,
        body: HoldInput,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await holdMeeting(ctx(req), req.params.id, requiredVersion(req), req.body);
      return detail(req, reply, req.params.id);
    },
  );

  app.put(
    '/api/meetings/:id/minutes',
    {
      config: manage,
      schema: {
        tags,
        summary: '起草会议纪要',
        description: '保存纪要正文（议定事项取自会议记录）；保存后须由主持人重新签发。须带 If-Match。',
        params: IdParams,
        body: MinutesInput,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await saveMinutes(ctx(req), req.params.id, requiredVersion(req), req.body.summary);
      return detail(req, reply, req.params.id);
    },
  );

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
