import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Access } from '../../platform/access/permissions.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import { signatureScanner } from '../../platform/files/files.ts';
import type { Module, ZApp } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { errors, IdParams, listQuery, OkSchema, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import { subjectDocumentFile } from '../documents/documents.service.ts';
import { acceptCase } from './accept-case.ts';
import { acceptTolerantly } from './accept-tolerantly.ts';
import { archiveCase } from './archive-case.ts';
import { agents, assignAgent } from './assign-agent.ts';
import { toBundleCase, toDetail, toStored, toSummary } from './cases.presenters.ts';
import { bundleCase, caseBoard, caseDetail, cases } from './cases.read.ts';
import {
  AgentAssign,
  AgentSchema,
  BundleSubmit,
  CaseDetailSchema,
  CaseListQuery,
  CaseSubmit,
  CaseSummarySchema,
  Correction,
  Decision,
  Delivery,
  Extend,
  MaterialSupply,
  Opinion,
  Rejection,
  Resume,
  StoredMaterialSchema,
  Suspend,
  TolerantAccept,
} from './cases.schemas.ts';
import { caseRow } from './cases.workflow.ts';
import { decideCase } from './decide-case.ts';
import { deliverBundle } from './deliver-bundle.ts';
import { deliverCase } from './deliver-case.ts';
import { dispatchCase } from './dispatch-case.ts';
import { extendCase } from './extend-case.ts';
import { fulfilCommitment } from './fulfil-commitment.ts';
import { rejectCase } from './reject-case.ts';
import { requestCorrection } from './request-correction.ts';
import { resubmitCase } from './resubmit-case.ts';
import { passCase, returnCase } from './review-case.ts';
import { resumeCase, suspendCase } from './special-procedure.ts';
import { submitBundle } from './submit-bundle.ts';
import { submitCase } from './submit-case.ts';
import { materialOffers, uploadMaterial } from './upload-material.ts';
import { withdrawCase } from './withdraw-case.ts';

const VIEWS = {
  all: {},
  queue: { states: ['in_review'], order: 'queue' },
  intake: { states: ['submitted', 'correction_requested'] },
  deliver: { states: ['approved', 'denied'] },
  commitments: { openCommitments: true },
} as const;

const UploadQuery = z.object({
  sharedKey: z.string().trim().min(2, '请指明材料（共享标识）').max(200),
  name: z.string().trim().min(2, '请填写材料名称').max(200),
  fileName: z.string().trim().min(1, '请提供文件名').max(200),
  enterpriseId: z.coerce.number().int().positive().optional(),
});

const DocParams = z.object({
  id: IdParams.shape.id,
  documentId: IdParams.shape.id,
  format: z.enum(['pdf', 'docx'], { error: '格式应为 pdf 或 docx' }),
});

/** Routes shared by the staff API and the enterprise portal, under their own prefix and access. */
function sharedRoutes(
  app: ZApp,
  db: Db,
  secrets: SecretBox,
  prefix: string,
  readAccess: Access,
  tags: string[],
) {
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const d = await caseDetail(db, req.principal!, id);
    setVersionTag(reply, d.row.version);
    return toDetail(d);
  };

  app.get(
    `${prefix}/cases/:id`,
    {
      config: { access: readAccess },
      schema: {
        tags,
        summary: '办件详情',
        description:
          '办件的申请信息、材料（含容缺承诺）、环节记录、特别程序、文书和当前用户可执行的操作；返回 ETag，办理时须在 If-Match 中带回。',
        params: IdParams,
        response: { 200: CaseDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => detail(req, reply, req.params.id),
  );

  app.get(
    `${prefix}/cases/:id/documents/:documentId/:format`,
    {
      config: { access: readAccess },
      schema: {
        tags,
        summary: '下载办件文书',
        description: '下载办件名下的受理通知书、一次性告知书、不予受理决定书等（PDF 或 DOCX）。',
        params: DocParams,
        response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await caseRow(db, req.principal!, req.params.id);
      const f = await subjectDocumentFile(
        db,
        'case',
        String(req.params.id),
        req.params.documentId,
        req.params.format,
      );
      const name = `${f.row.number ?? f.row.title}.${req.params.format}`;
      reply.header('content-type', f.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.send(f.content);
    },
  );

  app.post(
    `${prefix}/materials`,
    {
      config: { access: readAccess === 'enterprise' ? 'enterprise' : { permission: 'case:intake' } },
      schema: {
        tags,
        summary: '上传申请材料',
        description: `以 application/octet-stream 上传材料文件（不超过 10 MB；按文件内容识别类型，仅接受 ${'PDF、OFD、JPEG、PNG、Word（docx）'}），经病毒扫描后存入材料库，返回材料编号供申请时引用。`,
        querystring: UploadQuery,
        response: { 201: StoredMaterialSchema, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body)) throw new Error('unreachable: octet-stream parser');
      const id = await uploadMaterial(db, actorOf(req.principal, req), req.principal!, signatureScanner, {
        bytes: req.body,
        ...req.query,
      });
      const [row] = (
        await materialOffers(db, req.principal!, [req.query.sharedKey], req.query.enterpriseId)
      ).filter((m) => Number(m.id) === id);
      reply.code(201);
      return row
        ? toStored(row)
        : {
            id,
            sharedKey: req.query.sharedKey,
            name: req.query.name,
            fileName: req.query.fileName,
            contentType: 'application/octet-stream',
            size: req.body.length,
            trustGrade: 'C' as const,
            source: 'upload' as const,
            createdAt: new Date().toISOString(),
          };
    },
  );

  app.get(
    `${prefix}/materials`,
    {
      config: { access: readAccess === 'enterprise' ? 'enterprise' : { permission: 'case:intake' } },
      schema: {
        tags,
        summary: '可复用的材料（免提交）',
        description:
          '申请人材料库中已核验（A/B 级）的材料和电子证照，按材料共享标识筛选；申请时可直接引用，不再重复提交。',
        querystring: z.object({
          sharedKeys: z.string().max(4000).default(''),
          enterpriseId: z.coerce.number().int().positive().optional(),
        }),
        response: { 200: z.array(StoredMaterialSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const keys = req.query.sharedKeys
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean);
      return (await materialOffers(db, req.principal!, keys, req.query.enterpriseId)).map(toStored);
    },
  );

  app.post(
    `${prefix}/cases`,
    {
      config: { access: readAccess === 'enterprise' ? 'enterprise' : { permission: 'case:intake' } },
      schema: {
        tags,
        summary: readAccess === 'enterprise' ? '网上申请' : '窗口收件',
        description:
          '按事项当前版本提交申请：每项材料可上传、引用材料库/电子证照（免提交），窗口可核验纸质原件；未提供的材料记为缺少，由窗口受理、容缺受理或一次性告知补正。',
        body: CaseSubmit,
        response: {
          201: z.object({
            id: z.number().int(),
            number: z.string().describe('办件编号'),
            state: z.literal('submitted'),
            missing: z.array(z.string()).describe('尚未提供的材料名称'),
          }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req, reply) => {
      const created = await submitCase(db, actorOf(req.principal, req), req.principal!, req.body);
      setVersionTag(reply, 1);
      reply.code(201);
      return { ...created, state: 'submitted' as const };
    },
  );

  app.post(
    `${prefix}/cases/:id/resubmit`,
    {
      config: { access: readAccess === 'enterprise' ? 'enterprise' : { permission: 'case:intake' } },
      schema: {
        tags,
        summary: '提交补正材料',
        description: '按一次性告知书补齐缺少的材料后重新提交，办件回到待受理。须带 If-Match。',
        params: IdParams,
        body: z.object({ materials: z.array(MaterialSupply).min(1, '请至少补正一项材料') }),
        response: { 200: CaseDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await resubmitCase(ctx(req), req.params.id, requiredVersion(req), req.body);
      return detail(req, reply, req.params.id);
    },
  );

  app.post(
    `${prefix}/cases/:id/withdraw`,
    {
      config: { access: readAccess === 'enterprise' ? 'enterprise' : { permission: 'case:intake' } },
      schema: {
        tags,
        summary: '撤回申请',
        description: '受理前撤回申请（BLZT 14）。须带 If-Match。',
        params: IdParams,
        response: { 200: CaseDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await withdrawCase(ctx(req), req.params.id, requiredVersion(req));
      return detail(req, reply, req.params.id);
    },
  );

  app.post(
    `${prefix}/cases/:id/materials/:materialId/fulfil`,
    {
      config: { access: readAccess === 'enterprise' ? 'enterprise' : { permission: 'case:intake' } },
      schema: {
        tags,
        summary: '补齐容缺材料',
        description: '容缺受理后按承诺补交材料；企业须引用已上传的材料文件，窗口可登记纸质原件。',
        params: z.object({ id: IdParams.shape.id, materialId: IdParams.shape.id }),
        body: z.object({ storedMaterialId: z.number().int().positive().optional() }),
        response: { 200: CaseDetailSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await fulfilCommitment(ctx(req), req.params.id, req.params.materialId, req.body.storedMaterialId);
      return detail(req, reply, req.params.id);
    },
  );

  app.get(
    `${prefix}/bundle-cases/:id`,
    {
      config: { access: readAccess },
      schema: {
        tags,
        summary: '一件事申请',
        description: '一件事申请及其各事项办件；整体状态取最慢的办件。',
        params: IdParams,
        response: {
          200: z.object({
            id: z.number().int(),
            number: z.string(),
            bundleId: z.number().int(),
            applicantName: z.string(),
            deliveredAt: z.string().nullable(),
            state: z.string(),
            stateLabel: z.string(),
            cases: z.array(CaseSummarySchema),
          }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      return toBundleCase(await bundleCase(db, req.principal!, req.params.id));
    },
  );

  return { ctx, detail };
}

export const caseRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['办件'];

  // Materials arrive as raw bytes; the type is decided by sniffing them, not by the header.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: 12 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  const { ctx, detail } = sharedRoutes(app, db, secrets, '/api', { permission: 'case:read' }, tags);
  sharedRoutes(app, db, secrets, '/api/portal', 'enterprise', ['网上办事']);

  app.get(
    '/api/cases',
    {
      config: { access: { permission: 'case:read' } },
      schema: {
        tags,
        summary: '办件列表与工作台',
        description:
          '数据范围内的办件。view=queue 为部门待审队列（红灯、黄灯在前，再按到期日）；intake 为窗口待受理；deliver 为待出件；commitments 为尚未补齐容缺材料的办件（按最早的承诺补齐日期排列，带 commitmentDue）。各视图都可按页码（page）翻页并返回总数；queue 与 commitments 按紧急程度排序，不提供键集游标。q 支持申请人、项目、事项名称的中文分词检索与片段匹配，或办件编号。',
        querystring: CaseListQuery,
        response: {
          200: pageOf(CaseSummarySchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const view = VIEWS[req.query.view];
      // The queue and the commitments are ordered by urgency: numbered pages, no keyset.
      const keyset = req.query.view !== 'queue' && req.query.view !== 'commitments';
      const page = await cases(
        db,
        req.principal!,
        {
          ...view,
          states: req.query.state ? [req.query.state] : 'states' in view ? [...view.states] : undefined,
          q: req.query.q,
          after: keyset ? req.query.after : undefined,
        },
        req.query,
      );
      const body = pageResponse(page, toSummary, req.query.limit);
      return keyset ? body : { ...body, nextAfter: null };
    },
  );

  app.get(
    '/api/cases/agents',
    {
      config: { access: { permission: 'case:intake' } },
      schema: {
        tags,
        summary: '可指定的代办员',
        description: '区划内启用中的代办员，供窗口收件或指定代办员时选择；只能查看本人受理范围内的区划。',
        querystring: z.object({
          region: z.string({ error: '请指明区划代码（region）' }).regex(/^\d{6}$/, '区划代码应为 6 位数字'),
        }),
        response: { 200: z.array(AgentSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) =>
      (await agents(db, req.principal!, req.query.region)).map((a) => ({
        id: Number(a.id),
        name: a.display_name,
        unitName: a.unit_name,
      })),
  );

  app.get(
    '/api/cases/board',
    {
      config: { access: { permission: 'case:read' } },
      schema: {
        tags,
        summary: '在办办件看板',
        description: '数据范围内各部门在办办件数及红灯、黄灯数（中心看本区划，市级看所辖区县）。',
        response: {
          200: z.array(
            z.object({
              departmentId: z.number().int(),
              departmentName: z.string(),
              open: z.number().int(),
              red: z.number().int(),
              yellow: z.number().int(),
            }),
          ),
          ...errors(401, 403),
        },
      },
    },
    async (req) =>
      (await caseBoard(db, req.principal!)).map((r) => ({
        departmentId: Number(r.department_id),
        departmentName: r.department_name,
        open: r.open,
        red: r.red,
        yellow: r.yellow,
      })),
  );

  /** One route per case action: declared permission, body schema, If-Match, the detail back. */
  function action<B extends z.ZodType>(
    path: string,
    permission: Access,
    summary: string,
    description: string,
    body: B | null,
    run: (c: ReturnType<typeof ctx>, id: number, version: number, body: z.infer<B>) => Promise<unknown>,
  ) {
    app.post(
      `/api/cases/:id/${path}`,
      {
        config: { access: permission },
        schema: {
          tags,
          summary,
          description: `${description} 须带 If-Match（办件的 ETag）；状态不允许时返回 409 并说明原因，不作任何修改。`,
          params: IdParams,
          ...(body ? { body } : {}),
          response: { 200: CaseDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
        },
      },
      async (req, reply) => {
        await run(ctx(req), req.params.id, requiredVersion(req), req.body as z.infer<B>);
        return detail(req, reply, req.params.id);
      },
    );
  }

  const intake = { permission: 'case:intake' } as const;
  const review = { permission: 'case:review' } as const;
  action(
    'accept',
    intake,
    '受理',
    '材料齐全予以受理：开始计算承诺时限，出具受理通知书（编号、盖章）。',
    null,
    (c, id, v) => acceptCase(c, id, v),
  );
  action(
    'accept-tolerantly',
    intake,
    '容缺受理',
    '缺少的均为可容缺材料时受理：逐项登记承诺补齐日期（须早于承诺办结日）和申请人签署的承诺书；必备材料缺失不能容缺。',
    TolerantAccept,
    (c, id, v, b) => acceptTolerantly(c, id, v, b),
  );
  action(
    'request-correction',
    intake,
    '一次性告知补正',
    '一次性列出全部缺少的材料和需补正的内容，出具一次性告知书。',
    Correction,
    (c, id, v, b) => requestCorrection(c, id, v, b),
  );
  action('reject', intake, '不予受理', '写明理由和法律依据，出具不予受理决定书。', Rejection, (c, id, v, b) =>
    rejectCase(c, id, v, b),
  );
  action('dispatch', intake, '分送部门', '将已受理的办件分送审批部门，进入第 1 级审查。', null, (c, id, v) =>
    dispatchCase(c, id, v),
  );
  action('pass', review, '审查通过', '本级审查通过，报下一级（最多 3 级）。', Opinion, (c, id, v, b) =>
    passCase(c, id, v, b.opinion),
  );
  action('return', review, '退回上一级', '退回上一级审查。', Opinion, (c, id, v, b) =>
    returnCase(c, id, v, b.opinion),
  );
  action(
    'suspend',
    review,
    '启动特别程序',
    '挂起计时（现场勘验、专家论证、听证、公示、补正），种类须是事项清单为该事项设置的特别程序。',
    Suspend,
    (c, id, v, b) => suspendCase(c, id, v, b),
  );
  action(
    'resume',
    review,
    '结束特别程序',
    '登记特别程序结果并恢复计时，重新计算到期日。',
    Resume,
    (c, id, v, b) => resumeCase(c, id, v, b),
  );
  action(
    'extend',
    review,
    '延长审批期限',
    '经部门负责人批准延长审批期限（《行政许可法》第四十二条），延长的天数按事项承诺时限的计日方式加入时限，计时不停止；每件限一次，事项清单须设置“延长审批”特别程序。',
    Extend,
    (c, id, v, b) => extendCase(c, id, v, b),
  );
  action(
    'decision',
    'staff',
    '作出审批决定',
    '最后一级审查由部门负责人准予或不予许可；获首席事务代表授权的窗口人员可对已受理办件当场作出决定。容缺材料未补齐不能准予许可。',
    Decision,
    (c, id, v, b) => decideCase(c, id, v, b),
  );
  action('deliver', intake, '出件', '窗口领取、邮寄或网上送达审批结果。', Delivery, (c, id, v, b) =>
    deliverCase(c, id, v, b.method),
  );
  action(
    'agent',
    intake,
    '指定代办员',
    '受理窗口为办件指定（或以 null 取消）代办员：须是本区划启用中的代办员；代办员随即收到通知，可查看该办件，并和中心一同收到容缺承诺的临期与逾期提醒。已办结归档、撤回或不予受理的办件不能指定。',
    AgentAssign,
    (c, id, v, b) => assignAgent(c, id, v, b.agentId),
  );
  action('archive', intake, '归档', '出件或不予受理后归档。', null, (c, id, v) => archiveCase(c, id, v));

  app.post(
    '/api/bundle-cases/:id/deliver',
    {
      config: { access: intake },
      schema: {
        tags,
        summary: '一件事统一出件',
        description: '一件事的全部事项办结后统一出件；尚有未办结事项时返回 409。',
        params: IdParams,
        body: Delivery,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409, 412) },
      },
    },
    async (req) => {
      await deliverBundle(ctx(req), req.params.id, req.body.method);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/portal/cases',
    {
      config: { access: 'enterprise' },
      schema: {
        tags: ['网上办事'],
        summary: '我的办件',
        description: '本企业的全部办件（网上申请和窗口收件），新的在前，按编号键集分页。',
        querystring: listQuery({}, { maxLimit: 200 }),
        response: {
          200: pageOf(CaseSummarySchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      return pageResponse(
        await cases(db, req.principal!, { after: req.query.after }, req.query),
        toSummary,
        req.query.limit,
      );
    },
  );

  app.post(
    '/api/portal/bundle-cases',
    {
      config: { access: 'enterprise' },
      schema: {
        tags: ['网上办事'],
        summary: '一件事网上申请',
        description:
          '填写一张表单、提交一套材料（按共享标识每份只传一次），为一件事的每个事项各生成一个办件并行办理。',
        body: BundleSubmit,
        response: {
          201: z.object({ id: z.number().int(), number: z.string(), caseIds: z.array(z.number().int()) }),
          ...errors(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (req, reply) => {
      const r = await submitBundle(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      return r;
    },
  );
};
