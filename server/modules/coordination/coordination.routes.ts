import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { LADDER_LABELS, type LadderStep, OPEN_STATES } from '../../../lib/coordination.ts';
import type { Db } from '../../db/client.ts';
import type { Access } from '../../platform/access/permissions.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import { signatureScanner } from '../../platform/files/files.ts';
import type { Module, ZApp } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { errors, IdParams, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import { minutesPrecedents, requestMeetings } from '../meetings/meetings.read.ts';
import { closeRequest } from './close-request.ts';
import { consult } from './consult.ts';
import { toDetail, toSummary } from './coordination.presenters.ts';
import { board, requestDetail, requestDocumentFile, requestFile, requests } from './coordination.read.ts';
import {
  CloseInput,
  Consult,
  Decide,
  Escalate,
  FileSchema,
  Instruct,
  LadderInput,
  LetterDraft,
  ListQuery,
  RequestContents,
  RequestDetailSchema,
  RequestSubmit,
  RequestSummarySchema,
  ReturnInput,
  SuggestionsSchema,
} from './coordination.schemas.ts';
import { requestWords, similarPrecedents, suggestDepartments } from './coordination.suggest.ts';
import { requestRow } from './coordination.workflow.ts';
import { decideOutcome } from './decide-outcome.ts';
import { escalate } from './escalate.ts';
import { instruct } from './instruct.ts';
import { ladderWithVersion } from './ladder.ts';
import { resubmitRequest } from './resubmit-request.ts';
import { returnRequest } from './return-request.ts';
import { saveLadder } from './save-ladder.ts';
import { saveLetter } from './save-letter.ts';
import { sendLetter } from './send-letter.ts';
import { submitRequest } from './submit-request.ts';
import { uploadFile } from './upload-file.ts';
import { withdrawRequest } from './withdraw-request.ts';

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
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const d = await requestDetail(db, req.principal!, id);
    setVersionTag(reply, d.row.version);
    return { ...toDetail(d), meetings: await requestMeetings(db, req.principal!, id) };
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
          200: pageOf(RequestSummarySchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const states = q.state ? [q.state] : q.open === 'true' ? [...OPEN_STATES] : undefined;
      const page = await requests(
        db,
        req.principal!,
        { states, warning: q.warning, q: q.q, after: q.after },
        q,
      );
      return pageResponse(page, toSummary, q.limit);
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
        minutes: await minutesPrecedents(db, req.principal!, requestWords(r), Number(r.id)),
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
