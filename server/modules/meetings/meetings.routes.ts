import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACCEPTED_LABELS, signatureScanner } from '../../platform/files/files.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { subjectDocumentFile } from '../documents/documents.service.ts';
import { acknowledgeMeeting } from './acknowledge-meeting.ts';
import { addMaterial, removeMaterial } from './add-material.ts';
import { approveAgenda } from './approve-agenda.ts';
import { approveMinutes } from './approve-minutes.ts';
import { cancelMeeting } from './cancel-meeting.ts';
import { conveneMeeting } from './convene-meeting.ts';
import { correctMinutes } from './correct-minutes.ts';
import { createMeeting } from './create-meeting.ts';
import { decideProposal } from './decide-proposal.ts';
import { editMeeting } from './edit-meeting.ts';
import { holdMeeting } from './hold-meeting.ts';
import { issueMinutes } from './issue-minutes.ts';
import { toDetail, toSummary } from './meetings.presenters.ts';
import { meetingCalendar, meetingDetail, meetingMaterial } from './meetings.read.ts';
import {
  Acknowledge,
  AgendaApproval,
  CancelInput,
  CorrectionInput,
  HoldInput,
  MaterialQuery,
  MeetingCalendarQuery,
  MeetingCreate,
  MeetingDetailSchema,
  MeetingEdit,
  MeetingSummarySchema,
  MinutesInput,
  ProposalDecision,
  ProposalInput,
  ReceiptInput,
} from './meetings.schemas.ts';
import { meetingRow } from './meetings.workflow.ts';
import { proposeTopic } from './propose-topic.ts';
import { receiveMinutes } from './receive-minutes.ts';
import { refreshFigures } from './refresh-figures.ts';
import { remindInvitees } from './remind-invitees.ts';
import { saveMinutes } from './save-minutes.ts';

const MaterialParams = z.object({ id: IdParams.shape.id, materialId: IdParams.shape.id });
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
    path: 'agenda/approve',
    summary: '审定议题',
    description:
      '专题协调会由分管领导、联席会议由召集人审定议题（联席会议同时指定主持人：召集人或副召集人）；审定后方可印发会议通知，之后修改议题或参会单位须重新审定。',
    permission: 'meeting:approve',
    body: AgendaApproval,
    run: (c, id, v, b) => approveAgenda(c, id, v, b),
  });
  action({
    path: 'proposals',
    summary: '申报议题',
    description: '受邀单位为筹备中的会议申报议题，由中心（联席会议办公室）决定是否列入议程。',
    permission: 'meeting:attend',
    body: ProposalInput,
    versioned: false,
    run: (c, id, _v, b) => proposeTopic(c, id, b),
  });
  action({
    path: 'proposals/decide',
    summary: '处理议题申报',
    description: '将申报的议题列入议程（议程须重新审定）或不列入（须写明理由）；申报单位会收到通知。',
    permission: 'meeting:manage',
    body: ProposalDecision,
    run: (c, id, v, b) => decideProposal(c, id, v, b),
  });
  action({
    path: 'figures/refresh',
    summary: '更新例会数据',
    description: '按例会制度安排的工作例会在印发通知前重新读取本期审批数据，并重写通报数据的议题。',
    permission: 'meeting:manage',
    run: (c, id, v) => refreshFigures(c, id, v),
  });
  action({
    path: 'minutes/receive',
    summary: '签收会议纪要',
    description: '纪要发送单位（出席单位与议定事项的责任、配合单位）签收当前版本的会议纪要。',
    permission: 'meeting:attend',
    body: ReceiptInput,
    versioned: false,
    run: (c, id, _v, b) => receiveMinutes(c, id, b),
  });
  action({
    method: 'PUT',
    path: 'minutes/correction',
    summary: '起草纪要更正稿',
    description:
      '已印发的纪要不能修改：写明更正原因并起草更正后的正文，经主持人重新签发后以新文号印发，替代原纪要；议定事项及其督办不变。',
    permission: 'meeting:manage',
    body: CorrectionInput,
    run: (c, id, v, b) => correctMinutes(c, id, v, b),
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
    description:
      '会前向尚未回执的受邀单位、纪要印发后向尚未签收的单位发送提醒（系统也会在会前一天、纪要印发两天后自动提醒一次）。',
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

  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: 12 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
  }

  app.post(
    '/api/meetings/:id/materials',
    {
      config: manage,
      schema: {
        tags,
        summary: '上传会议材料',
        description: `以 application/octet-stream 上传会议材料（不超过 10 MB；仅接受 ${ACCEPTED_LABELS}），经病毒扫描后保存；会议通知印发后上传的材料即时通知各受邀单位。`,
        params: IdParams,
        querystring: MaterialQuery,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) {
        throw problems.unsupportedType('请以 application/octet-stream 上传文件内容。');
      }
      await addMaterial(ctx(req), signatureScanner, req.params.id, req.body, req.query.fileName);
      return detail(req, reply, req.params.id);
    },
  );

  app.delete(
    '/api/meetings/:id/materials/:materialId',
    {
      config: manage,
      schema: {
        tags,
        summary: '删除会议材料',
        description: '会议通知印发前可删除误传的材料；印发后材料已送达各单位，不能删除。',
        params: MaterialParams,
        response: { 200: MeetingDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await removeMaterial(ctx(req), req.params.id, req.params.materialId);
      return detail(req, reply, req.params.id);
    },
  );

  app.get(
    '/api/meetings/:id/materials/:materialId',
    {
      config: read,
      schema: {
        tags,
        summary: '下载会议材料',
        description: '本中心和受邀单位可下载；其他单位返回 404。',
        params: MaterialParams,
        response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const f = await meetingMaterial(db, req.principal!, req.params.id, req.params.materialId);
      reply.header('content-type', f.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      return reply.send(f.content);
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
