import { z } from 'zod';
import { isIsoDate } from '../../../lib/dates.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import { DOC_NUMBER_RE } from '../../platform/documents/model.ts';
import { TEMPLATE_WORDING } from '../../platform/documents/templates.ts';
import { WORDING_MAX } from '../../platform/documents/wording.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { Problem } from '../../platform/http/problem.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import { SEAL_KIND_LABELS } from '../../platform/seals/seals.ts';
import {
  createSeal,
  DOCUMENT_KIND_LABELS,
  documentFile,
  documentMeta,
  documentsOf,
  NUMBER_SERIES,
  previewTemplate,
  rotateSeal,
  saveTemplate,
  seals,
  setSealInUse,
  templateList,
  uploadSealImage,
  verifyDocument,
} from './documents.service.ts';

const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD 且为有效日期');
const SEAL_KINDS = ['official', 'internal', 'business', 'personal'] as const;

const DocumentSchema = z.object({
  id: z.number(),
  subjectType: z.string(),
  subjectId: z.string(),
  kind: z.string(),
  version: z.number(),
  issuer: z.string(),
  number: z.string().nullable().describe('发文字号'),
  title: z.string(),
  issuedOn: z.string(),
  digest: z.string().describe('PDF 的 SM3 摘要（十六进制）'),
  sealed: z.boolean(),
  createdAt: z.string(),
});

type Row = Awaited<ReturnType<typeof documentMeta>>;
const toDocument = (r: Row): z.infer<typeof DocumentSchema> => ({
  id: Number(r.id),
  subjectType: r.subject_type,
  subjectId: r.subject_id,
  kind: r.kind,
  version: r.version,
  issuer: r.issuer_name,
  number: r.number,
  title: r.title,
  issuedOn: r.issued_on,
  digest: r.pdf_hash,
  sealed: r.signature !== null,
  createdAt: r.created_at.toISOString(),
});

const VerifySchema = z.object({
  found: z.boolean(),
  digest: z.string(),
  valid: z.boolean().optional().describe('签名是否有效（文件字节自用印后未被改动）'),
  number: z.string().nullable().optional(),
  title: z.string().optional(),
  issuer: z.string().optional(),
  issuedOn: z.string().optional(),
  seal: z
    .object({
      name: z.string(),
      kind: z.string(),
      status: z.string(),
      signedAt: z.string(),
      legal: z.boolean().describe('是否为法定电子印章（平台自有签名为 false）'),
      label: z.string(),
    })
    .nullable()
    .optional(),
  supersededBy: z
    .object({ number: z.string().nullable(), issuedOn: z.string() })
    .nullable()
    .optional()
    .describe('已被更正替代时，替代它的新版本'),
  message: z.string(),
});

export const documentRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['公文与印章'];

  // A document to verify may be uploaded as the raw PDF bytes.
  app.addContentTypeParser(
    'application/pdf',
    { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/api/documents',
    {
      config: { access: { permission: 'document:read' } },
      schema: {
        tags,
        summary: '对象的文书',
        description:
          '某一业务对象（如协调事项、会议）名下的全部文书及其各版本（重新生成产生新版本，旧版本不被覆盖）。',
        querystring: z.object({
          subjectType: z.string().min(1).max(40),
          subjectId: z.string().min(1).max(60),
        }),
        response: { 200: z.array(DocumentSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) =>
      (await documentsOf(db, req.principal!, req.query.subjectType, req.query.subjectId)).map(toDocument),
  );

  app.get(
    '/api/documents/:id',
    {
      config: { access: { permission: 'document:read' } },
      schema: {
        tags,
        summary: '文书信息',
        description: '文书的文号、标题、发文单位、成文日期、摘要与是否用印。',
        params: IdParams,
        response: { 200: DocumentSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => toDocument(await documentMeta(db, req.principal!, req.params.id)),
  );

  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/api/documents/:id/${format}`,
      {
        config: { access: { permission: 'document:read' } },
        schema: {
          tags,
          summary: format === 'pdf' ? '下载 PDF' : '下载 DOCX',
          description: `以附件形式下载文书的 ${format.toUpperCase()} 文件（内容按摘要存储，不可修改）。`,
          params: IdParams,
          response: { 200: z.any().describe('文件内容'), ...errors(400, 401, 403, 404) },
        },
      },
      async (req, reply) => {
        const file = await documentFile(db, req.principal!, req.params.id, format);
        const name = `${file.row.number ?? file.row.title}.${format}`;
        reply.header('content-type', file.contentType);
        reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
        return reply.send(file.content);
      },
    );
  }

  app.get(
    '/api/documents/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '按文号与摘要核验文书',
        description: '任何人可输入文号和文件的 SM3 摘要，查看发文单位、日期、印章以及签名是否有效。',
        querystring: z.object({
          number: z.string().trim().regex(DOC_NUMBER_RE, '文号格式应如“南审协〔2026〕12号”').optional(),
          digest: z
            .string()
            .trim()
            .regex(/^[0-9a-fA-F]{64}$/, '摘要应为 64 位十六进制 SM3 值'),
        }),
        response: { 200: VerifySchema, ...errors(400) },
      },
    },
    async (req) => verifyDocument(db, secrets, { number: req.query.number, digest: req.query.digest }),
  );

  app.post(
    '/api/documents/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '上传文件核验文书',
        description:
          '上传 PDF 原文件（Content-Type: application/pdf），平台计算其 SM3 摘要并核验签名；改动任何一个字节都会核验失败。',
        response: { 200: VerifySchema, ...errors(400, 415) },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) {
        throw new Problem(
          415,
          'unsupported-media-type',
          '请上传 PDF 文件',
          '请以 application/pdf 上传文书原文件。',
        );
      }
      return verifyDocument(db, secrets, { bytes: req.body });
    },
  );

  const SealSchema = z.object({
    id: z.number(),
    unitId: z.number(),
    unitName: z.string(),
    kind: z.enum(SEAL_KINDS),
    kindLabel: z.string(),
    name: z.string(),
    provider: z.string(),
    status: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    replacedBy: z.number().nullable(),
  });

  app.get(
    '/api/seals',
    {
      config: { access: { permission: 'seal:manage' } },
      schema: {
        tags,
        summary: '印章列表',
        description: '管理范围内的印章：类型、名称、状态与有效期。平台印章仅作完整性校验，非法定电子印章。',
        response: { 200: z.array(SealSchema), ...errors(401, 403) },
      },
    },
    async (req) =>
      (await seals(db, req.principal!)).map((s) => ({
        id: Number(s.id),
        unitId: Number(s.unit_id),
        unitName: s.unit_name,
        kind: s.kind,
        kindLabel: SEAL_KIND_LABELS[s.kind],
        name: s.name,
        provider: s.provider,
        status: s.status,
        validFrom: s.valid_from,
        validTo: s.valid_to,
        replacedBy: s.replaced_by === null ? null : Number(s.replaced_by),
      })),
  );

  const SealCreated = z.object({ id: z.number(), status: z.string() });

  app.post(
    '/api/seals',
    {
      config: { access: { permission: 'seal:manage' } },
      schema: {
        tags,
        summary: '制作印章',
        description: '为单位制作平台印章：生成 SM2 密钥对，私钥以 SM4 加密保存。',
        body: z.object({
          unitId: z.number().int().positive(),
          kind: z.enum(SEAL_KINDS),
          name: z.string().trim().min(2, '印章名称至少 2 个字').max(40),
          validFrom: isoDate,
          validTo: isoDate,
        }),
        response: { 201: SealCreated, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const row = await createSeal(db, secrets, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      return { id: Number(row.id), status: row.status };
    },
  );

  app.addContentTypeParser('image/png', { parseAs: 'buffer', bodyLimit: 512 * 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.put(
    '/api/seals/:id/image',
    {
      config: { access: { permission: 'seal:manage' } },
      schema: {
        tags,
        summary: '上传印章图片',
        description:
          '以 image/png 上传印模图片（近似正方形、100–2000 像素、不超过 512 KB），此后用印时以该图片代替系统生成的圆形印章。',
        params: IdParams,
        response: {
          200: z.object({ id: z.number(), imageHash: z.string() }),
          ...errors(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) {
        throw new Problem(415, 'unsupported-media-type', '请上传 PNG 图片', '请以 image/png 上传印章图片。');
      }
      return uploadSealImage(db, actorOf(req.principal, req), req.principal!, req.params.id, req.body);
    },
  );

  app.post(
    '/api/seals/:id/rotate',
    {
      config: { access: { permission: 'seal:manage' } },
      schema: {
        tags,
        summary: '更换印章密钥',
        description: '生成新密钥的新印章替换旧印章，旧印章注销；旧印章签过的文书仍可核验。',
        params: IdParams,
        response: { 200: SealCreated, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const row = await rotateSeal(db, secrets, actorOf(req.principal, req), req.principal!, req.params.id);
      return { id: Number(row.id), status: row.status };
    },
  );

  app.post(
    '/api/seals/:id/status',
    {
      config: { access: { permission: 'seal:manage' } },
      schema: {
        tags,
        summary: '停用或启用印章',
        description: '停用后该印章不能再用印（出具文书时提示）；启用后恢复使用。已用印的文书仍可核验。',
        params: IdParams,
        body: z.object({ inUse: z.boolean({ error: '请说明启用（true）或停用（false）' }) }),
        response: {
          200: z.object({ id: z.number(), status: z.enum(['active', 'suspended']) }),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const status = await setSealInUse(
        db,
        actorOf(req.principal, req),
        req.principal!,
        req.params.id,
        req.body.inUse,
      );
      return { id: req.params.id, status };
    },
  );

  const TemplateSchema = z.object({
    kind: z.string(),
    label: z.string(),
    defaultSeries: z.string(),
    issuerMark: z.string().nullable(),
    signatureName: z.string().nullable(),
    numberSeries: z.string().nullable(),
    closing: z.string().nullable(),
    wording: z.record(z.string(), z.string()).describe('本区划改写的措辞，按措辞项；未列出的使用默认'),
    slots: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          text: z.string().describe('默认措辞；{名称} 处填入数据'),
          vars: z.array(z.object({ name: z.string(), description: z.string() })),
          required: z.array(z.string()).describe('必须保留的占位符'),
          list: z.boolean().describe('每行一条'),
        }),
      )
      .describe('该种文书可改写的措辞项'),
    version: z.number().describe('0 表示尚未设置（使用默认）；保存时放入 If-Match'),
  });
  type TemplateRow = Awaited<ReturnType<typeof saveTemplate>>;
  const toTemplate = (kind: string, r: TemplateRow | null): z.infer<typeof TemplateSchema> => ({
    kind,
    label: DOCUMENT_KIND_LABELS[kind] ?? kind,
    defaultSeries: NUMBER_SERIES[kind] ?? '',
    issuerMark: r?.issuer_mark ?? null,
    signatureName: r?.signature_name ?? null,
    numberSeries: r?.number_series ?? null,
    closing: r?.closing ?? null,
    wording: r?.wording ?? {},
    slots: Object.entries(TEMPLATE_WORDING[kind] ?? {}).map(([key, slot]) => ({
      key,
      label: slot.label,
      text: slot.text,
      vars: Object.entries(slot.vars ?? {}).map(([name, description]) => ({ name, description })),
      required: [...(slot.required ?? [])],
      list: slot.list ?? false,
    })),
    version: r?.version ?? 0,
  });
  const regionCode = z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字');

  app.get(
    '/api/document-templates',
    {
      config: { access: { permission: 'document:template' } },
      schema: {
        tags,
        summary: '文书模板设置',
        description:
          '某区划每种文书的可调整项：发文机关标志、署名、文号代字、正文措辞和结尾段落；未设置的使用默认。',
        querystring: z.object({ regionCode }),
        response: { 200: z.array(TemplateSchema), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) =>
      (await templateList(db, req.principal!, req.query.regionCode)).map((t) => toTemplate(t.kind, t.row)),
  );

  const optionalText = (min: number, max: number, message: string) =>
    z.string().trim().min(min, message).max(max, message).nullable().default(null);
  const TemplateBody = z.object({
    issuerMark: optionalText(2, 40, '发文机关标志为 2–40 个字'),
    signatureName: optionalText(2, 40, '署名为 2–40 个字'),
    numberSeries: z
      .string()
      .trim()
      .regex(/^[\u4e00-\u9fa5A-Za-z]{1,4}$/, '文号代字为 1–4 个汉字或字母')
      .nullable()
      .default(null),
    closing: optionalText(2, 500, '结尾段落为 2–500 个字'),
    wording: z
      .record(
        z.string().max(40, '措辞项名称过长'),
        z.string().max(WORDING_MAX * 2, `措辞不超过 ${WORDING_MAX} 个字`),
      )
      .default({})
      .describe('改写的措辞，按措辞项；空字符串表示使用默认'),
  });
  const TemplateParams = z.object({ regionCode, kind: z.string().min(1).max(40) });

  app.put(
    '/api/document-templates/:regionCode/:kind',
    {
      config: { access: { permission: 'document:template' } },
      schema: {
        tags,
        summary: '保存文书模板设置',
        description:
          '设置某区划某种文书的发文机关标志、署名、文号代字（如“协”）、正文措辞和结尾段落；留空（null）恢复默认。' +
          '措辞中的 {名称} 为数据占位符，须为该措辞项可用的占位符，且须保留必需的占位符。' +
          '须带 If-Match（首次设置为 W/"0"），防止覆盖他人的修改。',
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: TemplateSchema, ...errors(400, 401, 403, 404, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      const row = await saveTemplate(
        db,
        actorOf(req.principal, req),
        req.principal!,
        req.params.regionCode,
        req.params.kind,
        requiredVersion(req),
        req.body,
      );
      setVersionTag(reply, row.version);
      return toTemplate(req.params.kind, row);
    },
  );

  app.post(
    '/api/document-templates/:regionCode/:kind/preview',
    {
      config: { access: { permission: 'document:template' } },
      schema: {
        tags,
        summary: '预览文书模板',
        description: '用示例数据按提交的（尚未保存的）设置生成一份 PDF 样稿，不编号、不用印、不保存。',
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: z.any().describe('PDF 样稿'), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      const pdf = await previewTemplate(req.principal!, req.params.regionCode, req.params.kind, req.body);
      reply.header('content-type', 'application/pdf');
      reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent('样稿.pdf')}`);
      return reply.send(pdf);
    },
  );
};
