import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ACCEPTED_LABELS, signatureScanner } from '../../platform/files/files.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { problems } from '../../platform/http/problem.ts';
import { errors, IdParams, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { assignItem } from './assign-item.ts';
import { cancelItem } from './cancel-item.ts';
import { confirmItem, returnItem } from './confirm-item.ts';
import { decideExtension, requestExtension } from './extensions.ts';
import { reportItem } from './report-item.ts';
import { toDetail, toSummary } from './supervision.presenters.ts';
import { itemDetail, itemFile, itemList } from './supervision.read.ts';
import {
  AssignInput,
  ExtensionDecision,
  ExtensionInput,
  FileSchema,
  ItemDetailSchema,
  ItemListQuery,
  ItemSummarySchema,
  ReasonInput,
  ReportInput,
  UploadQuery,
  UrgeInput,
} from './supervision.schemas.ts';
import { uploadEvidence } from './upload-evidence.ts';
import { urgeItem } from './urge-item.ts';

const FileParams = z.object({ id: IdParams.shape.id, fileId: IdParams.shape.id });

export const supervisionRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['督办'];
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  const detail = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const d = await itemDetail(db, req.principal!, id);
    setVersionTag(reply, d.row.version);
    return toDetail(d);
  };

  app.get(
    '/api/supervision',
    {
      config: { access: { permission: 'supervision:read' } },
      schema: {
        tags,
        summary: '督办台账',
        description:
          '本单位承办的，或本区（督查室、中心）的督办事项；未办结的按到期日在前。status=overdue 为超期未办结；warning 按红黄绿灯筛选未办结事项。',
        querystring: ItemListQuery,
        response: { 200: pageOf(ItemSummarySchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const q = req.query;
      const page = await itemList(
        db,
        req.principal!,
        {
          status: q.status as never,
          source: q.source,
          ownerUnitId: q.ownerUnitId,
          warning: q.warning as never,
          q: q.q,
        },
        q,
      );
      return pageResponse(page, (s) => toSummary(s), q.limit);
    },
  );

  app.post(
    '/api/supervision',
    {
      config: { access: { permission: 'supervision:assign' } },
      schema: {
        tags,
        summary: '交办督办事项',
        description: '分管领导或督查室把领导批示等任务交办给本区单位，写明内容和完成时限，纳入督办。',
        body: AssignInput,
        response: { 201: ItemDetailSchema, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { id } = await assignItem(ctx(req), req.body);
      reply.code(201);
      return detail(req, reply, id);
    },
  );

  app.get(
    '/api/supervision/:id',
    {
      config: { access: { permission: 'supervision:read' } },
      schema: {
        tags,
        summary: '督办事项详情',
        description:
          '来源、责任单位、时限、进展与办结报告（含证明材料）、催办记录、延期申请和可执行的操作；带 ETag。',
        params: IdParams,
        response: { 200: ItemDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => detail(req, reply, req.params.id),
  );

  if (!app.hasContentTypeParser('application/octet-stream')) {
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: 12 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
  }

  app.post(
    '/api/supervision/files',
    {
      config: { access: { permission: 'supervision:report' } },
      schema: {
        tags,
        summary: '上传证明材料',
        description: `以 application/octet-stream 上传（不超过 10 MB；仅接受 ${ACCEPTED_LABELS}），经病毒扫描后保存；报告进展或办结时引用返回的编号。`,
        querystring: UploadQuery,
        response: { 201: FileSchema, ...errors(400, 401, 403, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw problems.unsupportedType('请以 application/octet-stream 上传文件内容。');
      reply.code(201);
      return uploadEvidence(ctx(req), signatureScanner, req.body, req.query.fileName);
    },
  );

  app.get(
    '/api/supervision/:id/files/:fileId',
    {
      config: { access: { permission: 'supervision:read' } },
      schema: {
        tags,
        summary: '下载证明材料',
        description: '责任单位和督查室可下载进展或办结报告所附的证明材料；其他单位返回 404。',
        params: FileParams,
        response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const f = await itemFile(db, req.principal!, req.params.id, req.params.fileId);
      reply.header('content-type', f.contentType);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      return reply.send(f.content);
    },
  );

  /** One action on an item: its body, then the item as it now is with its new ETag. */
  const action = <B extends z.ZodType>(spec: {
    path: string;
    summary: string;
    description: string;
    permission: 'supervision:report' | 'supervision:manage';
    body: B;
    versioned: boolean;
    run: (c: ActionContext, id: number, version: number, body: z.infer<B>) => Promise<unknown>;
  }) => {
    app.post(
      `/api/supervision/:id/${spec.path}`,
      {
        config: { access: { permission: spec.permission } },
        schema: {
          tags,
          summary: spec.summary,
          description: spec.versioned ? `${spec.description}须带 If-Match。` : spec.description,
          params: IdParams,
          body: spec.body,
          response: {
            200: ItemDetailSchema,
            ...errors(400, 401, 403, 404, 409, 422, ...(spec.versioned ? ([412, 428] as const) : [])),
          },
        },
      },
      async (req, reply) => {
        const { id } = req.params as { id: number };
        await spec.run(ctx(req), id, spec.versioned ? requiredVersion(req) : 0, req.body as z.infer<B>);
        return detail(req, reply, id);
      },
    );
  };

  app.post(
    '/api/supervision/:id/reports',
    {
      config: { access: { permission: 'supervision:report' } },
      schema: {
        tags,
        summary: '报告进展或办结',
        description:
          '责任单位报告办理情况和下一步工作（kind=progress），或报告办结（kind=done，须附至少一份证明材料，须带 If-Match），办结须经督查室确认。',
        params: IdParams,
        body: ReportInput,
        response: { 200: ItemDetailSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      const version = req.body.kind === 'done' ? requiredVersion(req) : 0;
      await reportItem(ctx(req), req.params.id, version, req.body);
      return detail(req, reply, req.params.id);
    },
  );
  action({
    path: 'confirm',
    summary: '确认办结',
    description: '督查室（或中心）核对办结报告和证明材料后确认办结，时限随之办结。',
    permission: 'supervision:manage',
    body: z.object({}),
    versioned: true,
    run: (c, id, v) => confirmItem(c, id, v),
  });
  action({
    path: 'return',
    summary: '退回办结报告',
    description: '办结报告或证明材料不足时退回，写明理由；事项恢复督办，时限继续计算。',
    permission: 'supervision:manage',
    body: ReasonInput,
    versioned: true,
    run: (c, id, v, b) => returnItem(c, id, v, b.reason),
  });
  action({
    path: 'urge',
    summary: '催办',
    description: '向责任单位催办，记录催办时间、规则（人工催办）和当时的预警等级。',
    permission: 'supervision:manage',
    body: UrgeInput,
    versioned: false,
    run: (c, id, _v, b) => urgeItem(c, id, b.note),
  });
  action({
    path: 'extensions',
    summary: '申请延期',
    description: '责任单位写明理由申请延期若干工作日，由督查室审核；同一时间只能有一项申请。',
    permission: 'supervision:report',
    body: ExtensionInput,
    versioned: false,
    run: (c, id, _v, b) => requestExtension(c, id, b),
  });
  action({
    path: 'extensions/decide',
    summary: '审核延期申请',
    description: '同意则办结时限按工作日顺延并记入时限台账；不同意须写明理由。',
    permission: 'supervision:manage',
    body: ExtensionDecision,
    versioned: true,
    run: (c, id, v, b) => decideExtension(c, id, v, b),
  });
  action({
    path: 'cancel',
    summary: '撤销督办',
    description: '不再需要督办的事项写明理由后撤销，时限随之撤销。',
    permission: 'supervision:manage',
    body: ReasonInput,
    versioned: true,
    run: (c, id, v, b) => cancelItem(c, id, v, b.reason),
  });
};
