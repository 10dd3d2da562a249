import { z } from 'zod';
import { actorOf } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import { batches, batchFile, batchName, createBatch, resendBatch } from './exchange.service.ts';

const BatchSchema = z.object({
  id: z.number(),
  batch: z.string().describe('批次号（cd_batch），区划代码-序号'),
  regionCode: z.string(),
  records: z.number().describe('记录条数（受理、办理、特别程序、办结）'),
  afterStepId: z.number(),
  toStepId: z.number().describe('本批次最后一条办理环节的编号，下一批次从其后开始'),
  digest: z.string().describe('批次文件的 SM3 摘要'),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  sendStatus: z
    .enum(['manual', 'unsent', 'pending', 'sent', 'failed'])
    .describe(
      '报送状态：manual 未配置上级平台（下载后人工报送）、unsent 尚未报送（如配置地址之前生成）、pending 排队或重试中、sent 已被接收、failed 已停止重试',
    ),
  sentAt: z.string().nullable(),
  receipt: z.string().nullable().describe('上级平台的接收回执'),
  sendAttempts: z.number(),
  lastError: z.string().nullable().describe('最近一次报送失败的原因'),
});

export const exchangeRoutes: Module = (app, { database, config }) => {
  const db = database.db;
  const sending = Boolean(config.EXCHANGE_URL);
  const tags = ['数据交换'];
  /** What became of the batch's sending, from its row and whether a send job is queued. */
  const sendStatusOf = (r: Awaited<ReturnType<typeof batches>>[number]) => {
    if (!sending) return 'manual' as const;
    if (r.send_pending) return 'pending' as const;
    if (r.sent_at) return 'sent' as const;
    return r.send_attempts > 0 ? ('failed' as const) : ('unsent' as const);
  };
  const toBatch = (r: Awaited<ReturnType<typeof batches>>[number]): z.infer<typeof BatchSchema> => ({
    id: Number(r.id),
    batch: batchName(r.region_code, r.seq),
    regionCode: r.region_code,
    records: r.records,
    afterStepId: Number(r.after_step_id),
    toStepId: Number(r.to_step_id),
    digest: r.file_hash,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by_name,
    sendStatus: sendStatusOf(r),
    sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
    receipt: r.receipt,
    sendAttempts: r.send_attempts,
    lastError: r.last_error,
  });

  app.get(
    '/api/exchange/batches',
    {
      config: { access: { permission: 'exchange:export' } },
      schema: {
        tags,
        summary: '办件交换批次',
        description: '数据范围内已生成的增量批次（最近 100 个），按生成时间倒序。',
        response: { 200: z.array(BatchSchema), ...errors(401, 403) },
      },
    },
    async (req) => (await batches(db, req.principal!)).map(toBatch),
  );

  app.post(
    '/api/exchange/batches',
    {
      config: { access: { permission: 'exchange:export' } },
      schema: {
        tags,
        summary: '生成增量批次',
        description:
          '把区划内上一批次之后的办理环节转换为 GB/T 39046 受理（表6）、办理（表7，含特别程序）、办结（表8）记录，' +
          '每条带操作类型（I 新增 / U 更新）、批次号和批次时间；时间格式 YYYYMMDDThhmmss（北京时间），日期 YYYYMMDD。' +
          `每批至多 5000 个环节，more 为 true 时可继续生成。没有新记录时返回 409。`,
        body: z.object({ regionCode: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字') }),
        response: { 201: BatchSchema.extend({ more: z.boolean() }), ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const r = await createBatch(
        db,
        actorOf(req.principal, req),
        req.principal!,
        req.body.regionCode,
        sending,
      );
      reply.code(201);
      return {
        ...toBatch({ ...r.row, created_by_name: req.principal!.displayName, send_pending: sending }),
        more: r.more,
      };
    },
  );

  app.get(
    '/api/exchange/batches/:id/file',
    {
      config: { access: { permission: 'exchange:export' } },
      schema: {
        tags,
        summary: '下载批次文件',
        description: '批次的 JSON 文件；同一批次每次下载内容完全相同，可据以重发。',
        params: IdParams,
        response: { 200: z.any().describe('JSON 文件'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { row, content } = await batchFile(db, req.principal!, req.params.id);
      reply.header('content-type', 'application/json; charset=utf-8');
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`办件交换_${batchName(row.region_code, row.seq)}.json`)}`,
      );
      return reply.send(content);
    },
  );

  app.post(
    '/api/exchange/batches/:id/send',
    {
      config: { access: { permission: 'exchange:export' } },
      schema: {
        tags,
        summary: '重新报送批次',
        description:
          '把批次文件再次发送到上级平台（EXCHANGE_URL），用于失败后重试或上级平台要求重发；' +
          '内容与首次完全相同。未配置上级平台地址或该批次正在报送时返回 409。',
        params: IdParams,
        response: { 202: z.object({ queued: z.literal(true) }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await resendBatch(db, actorOf(req.principal, req), req.principal!, req.params.id, sending);
      reply.code(202);
      return { queued: true as const };
    },
  );
};
