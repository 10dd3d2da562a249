import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  COORDINATION_STATE_LABELS,
  type CoordinationState,
  LADDER_LABELS,
  type LadderLevel,
  type LadderStep,
  OPEN_STATES,
} from '../../../lib/coordination.ts';
import { todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { Access } from '../../platform/access/permissions.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import { signatureScanner } from '../../platform/files/files.ts';
import type { Module, ZApp } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { errors, IdParams, nextKey, OkSchema } from '../../platform/http/schemas.ts';
import { closeRequest } from './close-request.ts';
import { completeCommitment } from './complete-commitment.ts';
import { consult } from './consult.ts';
import { commitmentActions, consultationActions } from './coordination.policy.ts';
import {
  board,
  type CommitmentRow,
  type ConsultationRow,
  commitments,
  consultation,
  consultationQueue,
  type RequestRow,
  requestDetail,
  requestDocumentFile,
  requestFile,
  requests,
  warningFromDates,
  warningOf,
} from './coordination.read.ts';
import {
  CloseInput,
  CommitmentSchema,
  Consult,
  ConsultationSchema,
  Decide,
  DoneInput,
  Escalate,
  FileSchema,
  Instruct,
  LadderInput,
  LetterDraft,
  ListQuery,
  ReplyInput,
  RequestContents,
  RequestDetailSchema,
  RequestSubmit,
  RequestSummarySchema,
  ReturnInput,
  SuggestionsSchema,
  UrgeInput,
} from './coordination.schemas.ts';
import { similarPrecedents, suggestDepartments } from './coordination.suggest.ts';
import { overdue, requestRow } from './coordination.workflow.ts';
import { decideOutcome } from './decide-outcome.ts';
import { escalate } from './escalate.ts';
import { instruct } from './instruct.ts';
import { ladderWithVersion } from './ladder.ts';
import { resubmitRequest } from './resubmit-request.ts';
import { returnRequest } from './return-request.ts';
import { saveLadder } from './save-ladder.ts';
import { saveLetter } from './save-letter.ts';
import { saveReply } from './save-reply.ts';
import { sendLetter } from './send-letter.ts';
import { signReply } from './sign-reply.ts';
import { submitRequest } from './submit-request.ts';
import { uploadFile } from './upload-file.ts';
import { urgeCommitment } from './urge-commitment.ts';
import { withdrawRequest } from './withdraw-request.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const num = (n: number | null) => (n === null ? null : Number(n));
type Summary = Pick<
  RequestRow,
  | 'id'
  | 'number'
  | 'project_name'
  | 'applicant_name'
  | 'source'
  | 'state'
  | 'level'
  | 'urgent'
  | 'complexity'
  | 'warning_rank'
  | 'center_name'
  | 'created_at'
  | 'version'
>;

const toSummary = (r: Summary): z.infer<typeof RequestSummarySchema> => ({
  id: Number(r.id),
  number: r.number,
  projectName: r.project_name,
  applicantName: r.applicant_name,
  source: r.source,
  state: r.state,
  stateLabel: COORDINATION_STATE_LABELS[r.state as CoordinationState],
  level: r.level,
  levelLabel: LADDER_LABELS[r.level as LadderLevel],
  urgent: r.urgent,
  complexity: r.complexity,
  warningLevel: warningOf(r.warning_rank),
  centerName: r.center_name,
  createdAt: r.created_at.toISOString(),
  version: r.version,
});

export function toCommitment(
  k: CommitmentRow,
  today: string,
  actions: ('urge' | 'done')[],
): z.infer<typeof CommitmentSchema> {
  return {
    id: Number(k.id),
    requestId: Number(k.request_id),
    requestNumber: k.request_number,
    projectName: k.project_name,
    consultationId: num(k.consultation_id),
    departmentId: Number(k.department_id),
    departmentName: k.department_name,
    content: k.content,
    dueDays: k.due_days,
    dueDate: k.due_date ?? k.due_on,
    status: k.status,
    warningLevel: warningFromDates(today, k.due_date, k.yellow_from, k.status === 'open'),
    urgedCount: k.urged_count,
    lastUrgedAt: iso(k.last_urged_at),
    doneAt: iso(k.done_at),
    doneNote: k.done_note,
    deadlineId: num(k.deadline_id),
    version: k.version,
    actions,
  };
}

type FileRow = {
  id: number;
  consultation_id: number | null;
  file_name: string;
  content_type: string;
  size: number;
};
const toFile = (f: FileRow): z.infer<typeof FileSchema> => ({
  id: Number(f.id),
  consultationId: num(f.consultation_id),
  fileName: f.file_name,
  contentType: f.content_type,
  size: f.size,
});

function toConsultation(
  c: ConsultationRow & { request_number?: string; project_name?: string; request_state?: string },
  today: string,
  ks: CommitmentRow[],
  files: FileRow[],
  actions: ('reply' | 'sign')[],
  commitmentActs: (k: CommitmentRow) => ('urge' | 'done')[],
): z.infer<typeof ConsultationSchema> {
  return {
    id: Number(c.id),
    requestId: Number(c.request_id),
    requestNumber: c.request_number,
    projectName: c.project_name,
    requestState: c.request_state,
    departmentId: Number(c.department_id),
    departmentName: c.department_name,
    questions: c.questions,
    replyBy: c.due_date ?? c.reply_by,
    warningLevel: warningFromDates(today, c.due_date, c.yellow_from, c.deadline_status === 'open'),
    status: c.status,
    overdue: overdue(c, today),
    late: c.late,
    stance: c.stance,
    opinion: c.opinion,
    legalBasis: c.legal_basis,
    conditions: c.conditions,
    draftedBy: c.drafted_by_name,
    draftedAt: iso(c.drafted_at),
    signedBy: c.signed_by_name,
    signedAt: iso(c.signed_at),
    documentId: num(c.document_id),
    deadlineId: num(c.deadline_id),
    commitments: ks
      .filter((k) => Number(k.consultation_id) === Number(c.id))
      .map((k) => toCommitment(k, today, commitmentActs(k))),
    files: files.filter((f) => Number(f.consultation_id) === Number(c.id)).map(toFile),
    version: c.version,
    actions,
  };
}

type Detail = Awaited<ReturnType<typeof requestDetail>>;
const toDetail = (d: Detail): z.infer<typeof RequestDetailSchema> => {
  const r = d.row;
  const kActs = (k: CommitmentRow) => commitmentActions(d.principal, k);
  return {
    ...toSummary(r),
    regionCode: r.region_code,
    enterpriseId: num(r.enterprise_id),
    caseId: num(r.case_id),
    stageLeadName: r.stage_lead_name,
    projectCode: r.project_code,
    overview: r.overview,
    problem: r.problem,
    positions: (r.positions as { department: string; position: string }[]) ?? [],
    proposal: r.proposal,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    returnedMissing: r.returned_missing,
    returnNote: r.return_note,
    outcome: r.outcome,
    outcomeReasons: r.outcome_reasons,
    overrideReason: r.override_reason,
    letterAddressee: r.letter_addressee,
    letterDocumentId: num(r.letter_document_id),
    resolution: r.resolution,
    closedAt: iso(r.closed_at),
    fullView: d.fullView,
    matters: d.matters.map((m) => ({
      seq: m.seq,
      title: m.title,
      complexity: m.complexity,
      departmentIds: m.department_ids.map(Number),
    })),
    consultations: d.cons.map((c) =>
      toConsultation(c, d.today, d.ks, d.files, consultationActions(d.principal, c, r.state), kActs),
    ),
    commitments: d.ks.map((k) => toCommitment(k, d.today, kActs(k))),
    files: d.files.filter((f) => f.consultation_id === null).map(toFile),
    analysis: d.analysis,
    ladder: d.steps.map((s) => ({
      id: Number(s.id),
      fromLevel: s.from_level,
      toLevel: s.to_level,
      toLevelLabel: LADDER_LABELS[s.to_level],
      toUnitName: s.to_unit_name,
      reason: s.reason,
      by: d.principal.kind === 'enterprise' ? null : s.escalated_by_name,
      at: s.at.toISOString(),
      limitDays: s.limit_days,
      dueDate: s.due_date,
      warningLevel: warningFromDates(d.today, s.due_date, s.yellow_from, s.deadline_status === 'open'),
      open: s.deadline_status === 'open',
    })),
    nextLevel: d.next,
    timeline: d.events.map((e) => ({
      id: Number(e.id),
      kind: e.kind,
      title: e.title,
      detail: e.detail,
      actorName: e.actor_name,
      unitName: e.unit_name,
      documentId: num(e.document_id),
      documentNumber: e.document_number,
      at: e.at.toISOString(),
    })),
    actions: d.actions,
  };
};

const DocParams = z.object({
  id: IdParams.shape.id,
  documentId: IdParams.shape.id,
  format: z.enum(['pdf', 'docx'], { error: '格式应为 pdf 或 docx' }),
});
const FileParams = z.object({ id: IdParams.shape.id, fileId: IdParams.shape.id });
const UploadQuery = z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(200) });
const SubmitResult = z.object({
  id: z.number().int(),
  number: z.string().describe('协调事项编号'),
  state: z.literal('submitted'),
  level: z.string(),
});

const attachment = (reply: FastifyReply, name: string, contentType: string, content: Buffer) => {
  reply.header('content-type', contentType);
  reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
  return reply.send(content);
};

/** Routes shared by the staff API and the enterprise portal, under their own prefix and access. */
function sharedRoutes(
  app: ZApp,
  db: Db,
  secrets: SecretBox,
  prefix: string,
  access: { read: Access; submit: Access },
  tags: string[],
) {
  const ctx = (req: FastifyRequest) => ({
    db,
    secrets,
    actor: actorOf(req.principal, req),
    principal: req.principal!,
  });
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const d = await requestDetail(db, req.principal!, id);
    setVersionTag(reply, d.row.version);
    return toDetail(d);
  };

  app.get(
    `${prefix}/coordination`,
    {
      config: { access: access.read },
      schema: {
        tags,
        summary: '协调事项列表',
        description:
          '数据范围内的协调事项（中心看本区划，市级看所辖区县；部门看征询本部门的；企业看自己的）。open=true 只列在办；warning 筛红灯/黄灯；q 支持项目、申请单位、问题的中文分词检索与片段匹配，或编号。',
        querystring: ListQuery,
        response: {
          200: z.object({ items: z.array(RequestSummarySchema), nextAfter: z.number().nullable() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const states = q.state ? [q.state] : q.open === 'true' ? [...OPEN_STATES] : undefined;
      const items = (
        await requests(db, req.principal!, {
          states,
          warning: q.warning,
          q: q.q,
          after: q.cursor,
          limit: q.limit,
        })
      ).map(toSummary);
      const page = items.slice(0, q.limit);
      return { items: page, nextAfter: nextKey(items, q.limit) };
    },
  );

  app.post(
    `${prefix}/coordination/files`,
    {
      config: { access: prefix === '/api' ? { permission: 'coordination:attach' } : access.submit },
      schema: {
        tags,
        summary: '上传协调附件',
        description: `以 application/octet-stream 上传附件（不超过 10 MB；按内容识别类型，仅接受 PDF、OFD、JPEG、PNG、Word（docx）），经病毒扫描后保存；提交协调申请或答复时引用返回的编号。`,
        querystring: UploadQuery,
        response: { 201: FileSchema, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new Error('unreachable: octet-stream parser');
      reply.code(201);
      return uploadFile(ctx(req), signatureScanner, req.body, req.query.fileName);
    },
  );

  app.post(
    `${prefix}/coordination`,
    {
      config: { access: access.submit },
      schema: {
        tags,
        summary: prefix === '/api' ? '登记协调事项' : '提交协调申请',
        description:
          '提交协调申请：项目概况、存在问题、相关部门意见、拟解决方案、联系人和附件。所需内容按本区逐级协调配置的受理层级校验，缺少的逐项列出并退回（422），不会静默受理。',
        body: RequestSubmit,
        response: { 201: SubmitResult, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const r = await submitRequest(ctx(req), req.body);
      setVersionTag(reply, 1);
      reply.code(201);
      return r;
    },
  );

  app.get(
    `${prefix}/coordination/:id`,
    {
      config: { access: access.read },
      schema: {
        tags,
        summary: '协调事项详情',
        description:
          '协调事项的内容、分办事项、书面征询与答复、承诺事项、逐级协调记录、时间线和当前用户可执行的操作；部门只看到发给本部门的征询，企业只看到公开进展。返回 ETag，办理时须在 If-Match 中带回。',
        params: IdParams,
        response: { 200: RequestDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => detail(req, reply, req.params.id),
  );

  app.get(
    `${prefix}/coordination/:id/files/:fileId`,
    {
      config: { access: access.read },
      schema: {
        tags,
        summary: '下载协调附件',
        description: '下载协调申请或部门答复的附件（答复附件仅本部门和中心可见）。',
        params: FileParams,
        response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const f = await requestFile(db, req.principal!, req.params.id, req.params.fileId);
      return attachment(reply, f.name, f.contentType, f.content);
    },
  );

  app.get(
    `${prefix}/coordination/:id/documents/:documentId/:format`,
    {
      config: { access: access.read },
      schema: {
        tags,
        summary: '下载协调文书',
        description: '下载告知函、书面征询意见函（PDF 或 DOCX）。',
        params: DocParams,
        response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const f = await requestDocumentFile(
        db,
        req.principal!,
        req.params.id,
        req.params.documentId,
        req.params.format,
      );
      return attachment(
        reply,
        `${f.row.number ?? f.row.title}.${req.params.format}`,
        f.contentType,
        f.content,
      );
    },
  );

  app.post(
    `${prefix}/coordination/:id/resubmit`,
    {
      config: { access: access.submit },
      schema: {
        tags,
        summary: '补充后重新提交',
        description: '按退回说明补充内容后重新提交（整份内容替换）。须带 If-Match。',
        params: IdParams,
        body: RequestContents,
        response: { 200: RequestDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      await resubmitRequest(ctx(req), req.params.id, requiredVersion(req), req.body);
      return detail(req, reply, req.params.id);
    },
  );

  app.post(
    `${prefix}/coordination/:id/withdraw`,
    {
      config: { access: access.submit },
      schema: {
        tags,
        summary: '撤回协调申请',
        description: '分办前可撤回。须带 If-Match。',
        params: IdParams,
        response: { 200: RequestDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await withdrawRequest(ctx(req), req.params.id, requiredVersion(req));
      return detail(req, reply, req.params.id);
    },
  );

  return { ctx, detail };
}

export const coordinationRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['协调事项'];
  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: 12 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
  }
  const { ctx, detail } = sharedRoutes(
    app,
    db,
    secrets,
    '/api',
    { read: { permission: 'coordination:read' }, submit: { permission: 'coordination:submit' } },
    tags,
  );
  sharedRoutes(app, db, secrets, '/api/portal', { read: 'enterprise', submit: 'enterprise' }, ['网上办事']);

  app.get(
    '/api/coordination/board',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '协调看板',
        description: '数据范围内在办协调事项按阶段的件数及红灯、黄灯数。',
        response: {
          200: z.array(
            z.object({
              state: z.string(),
              label: z.string(),
              total: z.number(),
              red: z.number(),
              yellow: z.number(),
            }),
          ),
          ...errors(401, 403),
        },
      },
    },
    async (req) => board(db, req.principal!),
  );

  app.get(
    '/api/coordination/:id/suggestions',
    {
      config: { access: { permission: 'coordination:manage' } },
      schema: {
        tags,
        summary: '分办建议',
        description:
          '按申请中提到的事项、部门和职责关键词建议涉及的部门，并按中文全文相似度列出已解决的类似协调事项及其结果，供参照解决。',
        params: IdParams,
        response: { 200: SuggestionsSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const r = await requestRow(db, req.principal!, req.params.id);
      const precedents = await similarPrecedents(db, req.principal!, r);
      const byDept = new Map<number, string[]>();
      for (const p of precedents)
        for (const c of p.departments)
          byDept.set(Number(c.department_id), [...(byDept.get(Number(c.department_id)) ?? []), p.number]);
      return {
        departments: await suggestDepartments(db, r, byDept),
        precedents: precedents.map((p) => ({
          id: Number(p.id),
          number: p.number,
          projectName: p.project_name,
          problem: p.problem.slice(0, 200),
          outcome: p.outcome,
          resolution: p.resolution,
          letterNumber: p.letter_number,
          departments: [...new Set(p.departments.map((c) => c.name))],
          similarity: Math.round(Number(p.similarity) * 1000) / 1000,
        })),
      };
    },
  );

  const action = <B extends z.ZodType>(
    path: string,
    permission: Access,
    summary: string,
    description: string,
    body: B | null,
    run: (req: FastifyRequest, id: number, version: number, body: z.infer<B>) => Promise<unknown>,
  ) =>
    app.post(
      `/api/coordination/:id/${path}`,
      {
        config: { access: permission },
        schema: {
          tags,
          summary,
          description: `${description} 须带 If-Match。`,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: RequestDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
        },
      },
      async (req, reply) => {
        await run(req, req.params.id, requiredVersion(req), req.body as z.infer<B>);
        return detail(req, reply, req.params.id);
      },
    );

  action(
    'return',
    { permission: 'coordination:escalate' },
    '退回补充',
    '内容不全的协调申请退回申请人，逐项列明须补充的内容。',
    ReturnInput,
    (req, id, v, b) => returnRequest(ctx(req), id, v, b),
  );
  action(
    'consult',
    { permission: 'coordination:manage' },
    '分办并书面征询',
    '列出协调事项及涉及部门，向每个部门发出编号、盖章的书面征询意见函；默认 5 个工作日内答复，急件可指定更早的工作日。',
    Consult,
    (req, id, v, b) => consult(ctx(req), id, v, b),
  );
  action(
    'decide',
    { permission: 'coordination:manage' },
    '确定处理方式',
    '按答复分析：意见一致且事项一般 → 告知函；有不同意、重大复杂或未答复 → 专题协调会。与系统建议不同时须写明理由。',
    Decide,
    (req, id, v, b) => decideOutcome(ctx(req), id, v, b),
  );
  action(
    'letter/send',
    { permission: 'coordination:manage' },
    '签发告知函',
    '生成编号并加盖电子印章的告知函，列明各部门承诺事项及期限；每项承诺转入督办。',
    null,
    (req, id, v) => sendLetter(ctx(req), id, v),
  );
  action(
    'close',
    { permission: 'coordination:escalate' },
    '办结',
    '承诺事项全部办结（或已转协调会、已在本级解决）后办结协调事项。',
    CloseInput,
    (req, id, v, b) => closeRequest(ctx(req), id, v, b),
  );
  action(
    'escalate',
    { permission: 'coordination:escalate' },
    '逐级上报',
    '本级无法解决的上报上一级（窗口 → 阶段牵头部门 → 中心 → 分管领导），写明理由并补齐上一级要求的内容；每级有自己的办理时限。',
    Escalate,
    (req, id, v, b) => escalate(ctx(req), id, v, b),
  );
  action(
    'instruct',
    { permission: 'coordination:instruct' },
    '领导批示',
    '分管领导对上报事项作出批示，指定落实单位和时限，由中心跟踪落实。',
    Instruct,
    (req, id, v, b) => instruct(ctx(req), id, v, b),
  );

  app.put(
    '/api/coordination/:id/letter',
    {
      config: { access: { permission: 'coordination:manage' } },
      schema: {
        tags,
        summary: '修改告知函稿',
        description: '修改主送单位和各项承诺的文字与期限（不能增删承诺）。须带 If-Match。',
        params: IdParams,
        body: LetterDraft,
        response: { 200: RequestDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      await saveLetter(ctx(req), req.params.id, requiredVersion(req), req.body);
      return detail(req, reply, req.params.id);
    },
  );

  // --- consultations (the department's side) ---

  const consultationOut = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const { c, ks, files } = await consultation(db, req.principal!, id);
    setVersionTag(reply, c.version);
    const today = todayIn();
    return toConsultation(c, today, ks, files, consultationActions(req.principal!, c, c.request_state), (k) =>
      commitmentActions(req.principal!, k),
    );
  };

  app.get(
    '/api/consultations',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '书面征询（部门工作台）',
        description: '发给本部门（数据范围内各部门）的书面征询，未答复的在前，按答复期限排序。',
        querystring: z.object({
          status: z.enum(['open', 'all'], { error: '状态应为 open 或 all' }).default('open'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(ConsultationSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const rows = await consultationQueue(db, req.principal!, req.query.status, req.query.limit);
      const today = todayIn();
      return rows.map((c) =>
        toConsultation(c, today, [], [], consultationActions(req.principal!, c, c.request_state), () => []),
      );
    },
  );

  app.get(
    '/api/consultations/:id',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '书面征询详情',
        description: '征询内容、答复草稿或已签发的答复及其承诺事项。返回 ETag。',
        params: IdParams,
        response: { 200: ConsultationSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => consultationOut(req, reply, req.params.id),
  );

  app.post(
    '/api/consultations/:id/reply',
    {
      config: { access: { permission: 'consultation:reply' } },
      schema: {
        tags,
        summary: '起草答复',
        description:
          '填写意见（同意 / 有条件同意 / 不同意）、依据、条件和承诺事项（每项须有完成时限：工作日数或日期）；签发前可修改。须带 If-Match。',
        params: IdParams,
        body: ReplyInput,
        response: { 200: ConsultationSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      await saveReply(ctx(req), req.params.id, requiredVersion(req), req.body);
      return consultationOut(req, reply, req.params.id);
    },
  );

  app.post(
    '/api/consultations/:id/sign',
    {
      config: { access: { permission: 'consultation:sign' } },
      schema: {
        tags,
        summary: '签发答复',
        description: '部门负责人签发答复后才计入结果，之后不能修改或重复答复。须带 If-Match。',
        params: IdParams,
        response: { 200: ConsultationSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await signReply(ctx(req), req.params.id, requiredVersion(req));
      return consultationOut(req, reply, req.params.id);
    },
  );

  // --- the commitment tracker ---

  app.get(
    '/api/commitments',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '承诺事项督办台账',
        description:
          '告知函中的部门承诺和领导批示的落实事项：本部门的，或本中心协调事项的。status=overdue 为逾期未办结。',
        querystring: z.object({
          status: z.enum(['open', 'done', 'overdue'], { error: '状态应为 open、done 或 overdue' }).optional(),
          requestId: z.coerce.number().int().positive().optional(),
          cursor: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ items: z.array(CommitmentSchema), nextAfter: z.number().nullable() }),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const today = todayIn();
      const rows = await commitments(db, req.principal!, {
        status: q.status,
        requestId: q.requestId,
        after: q.cursor,
        limit: q.limit,
      });
      const items = rows.map((k) => toCommitment(k, today, commitmentActions(req.principal!, k)));
      return { items: items.slice(0, q.limit), nextAfter: nextKey(items, q.limit) };
    },
  );

  app.post(
    '/api/commitments/:id/urge',
    {
      config: { access: { permission: 'commitment:urge' } },
      schema: {
        tags,
        summary: '催办',
        description: '提醒承诺部门按期办结，记入协调事项时间线。',
        params: IdParams,
        body: UrgeInput,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await urgeCommitment(ctx(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/commitments/:id/done',
    {
      // Held by every staff role; the service allows the owning department and the center only.
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '报告承诺办结',
        description: '承诺部门（或中心协调人员）报告办理情况并销号。须带 If-Match（承诺事项的版本）。',
        params: IdParams,
        body: DoneInput,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req) => {
      await completeCommitment(ctx(req), req.params.id, requiredVersion(req), req.body);
      return { ok: true as const };
    },
  );

  // --- the ladder ---

  const LadderOut = z.array(
    z.object({
      level: z.string(),
      label: z.string(),
      limitDays: z.number().int(),
      required: z.array(z.string()),
    }),
  );
  const toLadder = (steps: LadderStep[]) => steps.map((s) => ({ ...s, label: LADDER_LABELS[s.level] }));
  const Region = z.object({ region: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字') });

  app.get(
    '/api/coordination-ladder/:region',
    {
      // Enterprises read it too: the portal form shows what their request must contain.
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '逐级协调配置',
        description: '本区各层级（窗口 → 阶段牵头部门 → 中心 → 分管领导）的办理时限和须具备的申请内容。',
        params: Region,
        response: { 200: LadderOut, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const l = await ladderWithVersion(db, req.params.region);
      setVersionTag(reply, l.version);
      return toLadder(l.steps);
    },
  );

  app.put(
    '/api/coordination-ladder/:region',
    {
      config: { access: { permission: 'coordination:ladder' } },
      schema: {
        tags,
        summary: '修改逐级协调配置',
        description:
          '设置本区（或所辖区县）四个层级的办理时限（工作日）和须具备的申请内容；记入审计。须带 If-Match（读取时的 ETag）。',
        params: Region,
        body: LadderInput,
        response: { 200: LadderOut, ...errors(400, 401, 403, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      await saveLadder(
        db,
        actorOf(req.principal, req),
        req.principal!,
        req.params.region,
        req.body.steps as LadderStep[],
        requiredVersion(req),
      );
      const l = await ladderWithVersion(db, req.params.region);
      setVersionTag(reply, l.version);
      return toLadder(l.steps);
    },
  );
};
