import { z } from 'zod';
import { actorOf } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { problems } from '../../platform/http/problem.ts';
import { errors, IdParams, listQuery, OkSchema, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import { authorizations, grantAuthorization, revokeGrant } from './authorizations.service.ts';
import { bundle, bundles, createBundle } from './bundles.service.ts';
import {
  AuthorizationSchema,
  BundleCreate,
  BundleSchema,
  CatalogImportQuery,
  ChangeRequestCreate,
  ChangeRequestSchema,
  ImportProblemSchema,
  ImportReportSchema,
  ItemListQuery,
  ItemSummarySchema,
  ItemVersionSchema,
} from './catalog.schemas.ts';
import {
  changeRequest,
  changeRequests,
  currentItem,
  decideChange,
  draftChange,
  formTemplate,
  itemVersion,
  publishedItems,
  uploadFormTemplate,
} from './catalog.service.ts';
import { CSV_TYPE, MATERIAL_SYNTAX, XLSX_TYPE } from './catalog.sheet.ts';
import { exportCatalog, importCatalog, MAX_IMPORT_ROWS } from './catalog.transfer.ts';

type VersionView = Awaited<ReturnType<typeof itemVersion>>;
type SummaryRow = Awaited<ReturnType<typeof publishedItems>>['rows'][number];

export const toSummary = (r: SummaryRow): z.infer<typeof ItemSummarySchema> => ({
  id: Number(r.id),
  versionId: Number(r.version_id),
  versionNo: r.version_no,
  name: r.name,
  implementationCode: r.implementation_code,
  departmentId: Number(r.department_id),
  departmentName: r.department_name,
  kind: r.kind,
  legalDays: r.legal_days,
  promisedDays: r.promised_days,
  promisedUnit: r.promised_unit,
  online: r.online,
  approvalLevels: r.approval_levels,
  materialCount: Number(r.material_count ?? 0),
  status: r.status,
});

export const toVersion = (v: VersionView): z.infer<typeof ItemVersionSchema> => ({
  id: Number(v.id),
  itemId: Number(v.item_id),
  versionNo: v.version_no,
  regionCode: v.region_code,
  departmentId: Number(v.department_id),
  departmentName: v.department_name,
  status: v.status,
  current: v.current_version_id !== null && Number(v.current_version_id) === Number(v.id),
  name: v.name,
  basicCode: v.basic_code,
  implementationCode: v.implementation_code,
  handleItemCode: v.handle_item_code,
  localCode: v.local_code,
  itemType: v.item_type,
  exerciseLevel: v.exercise_level,
  subjectNature: v.subject_nature,
  serviceObjects: v.service_objects,
  handlingForms: v.handling_forms,
  kind: v.kind,
  legalDays: v.legal_days,
  legalUnit: v.legal_unit,
  legalExplain: v.legal_explain,
  promisedDays: v.promised_days,
  promisedUnit: v.promised_unit,
  promisedExplain: v.promised_explain,
  legalBasis: v.legal_basis,
  acceptanceConditions: v.acceptance_conditions,
  specialProcedure: v.special_procedure,
  suspensionKinds: v.suspension_kinds,
  charged: v.charged,
  feeBasis: v.fee_basis,
  online: v.online,
  onlineUrl: v.online_url,
  approvalLevels: v.approval_levels,
  yellowOverride: v.yellow_override,
  supervisingDepartmentId: v.supervising_department_id === null ? null : Number(v.supervising_department_id),
  requiresProjectCode: v.requires_project_code,
  resultName: v.result_name,
  effectiveFrom: v.effective_from,
  effectiveTo: v.effective_to,
  publishedAt: v.published_at.toISOString(),
  materials: v.materials.map((m) => ({
    id: Number(m.id),
    seq: m.seq,
    name: m.name,
    sharedKey: m.shared_key,
    required: m.required,
    tolerable: m.tolerable,
    tolerableBasis: m.tolerable_basis,
    medium: m.medium,
    licenceType: m.licence_type,
    originals: m.originals,
    copies: m.copies,
    requirement: m.requirement,
    formTemplateHash: m.form_template_hash,
  })),
});

type CrRow = Awaited<ReturnType<typeof changeRequest>>;
const toChangeRequest = (r: CrRow): z.infer<typeof ChangeRequestSchema> => ({
  id: Number(r.id),
  regionCode: r.region_code,
  departmentId: Number(r.department_id),
  departmentName: r.department_name,
  kind: r.kind,
  itemId: r.item_id === null ? null : Number(r.item_id),
  baseVersionId: r.base_version_id === null ? null : Number(r.base_version_id),
  itemName: (r.payload as { name?: string } | null)?.name ?? r.base_name ?? null,
  definition: r.payload,
  reason: r.reason,
  status: r.status,
  draftedBy: r.drafted_by === null ? null : Number(r.drafted_by),
  decidedBy: r.decided_by === null ? null : Number(r.decided_by),
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
  publishedVersionId: r.published_version_id === null ? null : Number(r.published_version_id),
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

type BundleView = Awaited<ReturnType<typeof bundle>>;
const toBundle = (v: BundleView): z.infer<typeof BundleSchema> => ({
  id: Number(v.bundle.id),
  regionCode: v.bundle.region_code,
  name: v.bundle.name,
  description: v.bundle.description,
  leadDepartmentId: Number(v.bundle.lead_department_id),
  leadDepartmentName: v.bundle.lead_department_name,
  status: v.bundle.status,
  items: v.items.map(toSummary),
  form: v.bundle.form as z.infer<typeof BundleSchema>['form'],
  materials: v.materials,
});

type AuthRow = Awaited<ReturnType<typeof authorizations>>[number];
const toAuthorization = (a: AuthRow): z.infer<typeof AuthorizationSchema> => ({
  id: Number(a.id),
  itemId: Number(a.item_id),
  itemName: a.item_name,
  departmentId: Number(a.department_id),
  granteeUserId: Number(a.grantee_user_id),
  granteeName: a.grantee_name,
  note: a.note,
  grantedBy: a.granted_by === null ? null : Number(a.granted_by),
  grantedAt: a.granted_at.toISOString(),
  revokedAt: a.revoked_at?.toISOString() ?? null,
});

export const catalogRoutes: Module = (app, { database }) => {
  const db = database.db;
  const tags = ['事项清单'];

  // A catalog import arrives as the raw file: CSV, or .xlsx (also under the type Windows browsers
  // give .csv files). The format is told by the bytes.
  for (const type of [CSV_TYPE, XLSX_TYPE, 'application/vnd.ms-excel']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: 20 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
  }

  app.get(
    '/api/catalog/items',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '已发布事项清单',
        description:
          '某区划当前发布的事项（同源发布：窗口、网厅与接口读取同一版本）。公开信息，无需登录；按事项编号键集分页。',
        querystring: ItemListQuery,
        response: {
          200: pageOf(ItemSummarySchema),
          ...errors(400),
        },
      },
    },
    async (req) => {
      return pageResponse(await publishedItems(db, req.query, req.query), toSummary, req.query.limit);
    },
  );

  app.get(
    '/api/catalog/items/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '事项详情（当前版本）',
        description: '事项当前发布版本的全部要素与材料，以及历次版本列表。',
        params: IdParams,
        response: {
          200: ItemVersionSchema.extend({
            versions: z.array(
              z.object({
                id: z.number().int(),
                versionNo: z.number().int(),
                name: z.string(),
                publishedAt: z.string(),
                effectiveFrom: z.string(),
              }),
            ),
          }),
          ...errors(400, 404),
        },
      },
    },
    async (req) => {
      const v = await currentItem(db, req.params.id);
      return {
        ...toVersion(v),
        versions: v.versions.map((x) => ({
          id: Number(x.id),
          versionNo: x.version_no,
          name: x.name,
          publishedAt: x.published_at.toISOString(),
          effectiveFrom: x.effective_from,
        })),
      };
    },
  );

  app.get(
    '/api/catalog/versions/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '事项版本',
        description: '某一发布版本（已发布版本不可修改；办件始终按受理时的版本办理）。',
        params: IdParams,
        response: { 200: ItemVersionSchema, ...errors(400, 404) },
      },
    },
    async (req) => toVersion(await itemVersion(db, req.params.id)),
  );

  app.post(
    '/api/catalog/import',
    {
      config: { access: { permission: 'catalog:approve' } },
      schema: {
        tags,
        summary: '导入事项清单',
        description:
          `以 ${CSV_TYPE}（UTF-8，可带 BOM）或 ${XLSX_TYPE}（.xlsx，读第一个工作表）上传整张事项清单，每行一个事项，第 1 行为中文表头：` +
          '事项名称、基本编码、实施编码、事项类型（附录 A.1 代码，如 01）、行使层级（A.2，1–7）、实施主体性质（A.3）、' +
          '服务对象（A.4，多个用“、”分隔）、办理形式（A.5）、办件类型（即办件/承诺件）、法定时限、承诺时限、' +
          '时限单位（工作日/自然日；法定与承诺不同时写“工作日/自然日”）、设定依据、特别程序、审批层级（1–3）、' +
          '实施部门（本区划的单位名称）、是否网办（是/否）、网办地址、材料；可选列：业务办理项编码、地方编码、法定时限说明、' +
          '承诺时限说明、受理条件、可暂停计时的特别程序、是否收费、收费依据、黄灯阈值、监管部门、须投资项目代码、审批结果名称、' +
          `生效日期、取消日期（缺少可选列时，已有事项保留原值）。${MATERIAL_SYNTAX}。` +
          '每行按事项定义逐项校验（未知代码一律拒绝，R-CAT-2）。dryRun=true（缺省）只返回报告：每行的行号、事项、实施部门，' +
          '以及新增（add）或变更（modify：本区划已有同一实施编码的事项）；dryRun=false 且没有任何错误时，在一个事务中全部发布' +
          `（新增为第 1 版，变更为新版本，与现有版本相同的行不发布）；有任何错误则不写入，返回 422，problem 的 errors 列出行号、列名和原因。一次最多 ${MAX_IMPORT_ROWS} 行。`,
        querystring: CatalogImportQuery,
        response: {
          200: ImportReportSchema,
          ...errors(400, 401, 403, 404, 409, 413, 415),
          422: ImportProblemSchema,
        },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) {
        throw problems.unsupportedType(`请以 ${CSV_TYPE} 或 ${XLSX_TYPE} 上传事项清单文件。`);
      }
      return importCatalog(db, actorOf(req.principal, req), req.principal!, {
        region: req.query.region,
        dryRun: req.query.dryRun,
        bytes: req.body,
      });
    },
  );

  app.get(
    '/api/catalog/export',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '导出事项清单',
        description:
          '某区划当前发布的全部事项，导出为 CSV（UTF-8 带 BOM，Excel 可直接打开），列与导入相同，导出的文件可原样导入。公开信息，无需登录。',
        querystring: z.object({ region: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字') }),
        response: { 200: z.any().describe('CSV 文件'), ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      const f = await exportCatalog(db, req.query.region);
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.fileName)}`);
      return reply.send(f.content);
    },
  );

  app.get(
    '/api/catalog/change-requests',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        tags,
        summary: '事项变更申请',
        description: '数据范围内的变更申请（部门看本部门的，中心看本区划的），新的在前，按编号键集分页。',
        querystring: listQuery(
          { status: z.enum(['submitted', 'approved', 'rejected']).optional() },
          { maxLimit: 200 },
        ),
        response: {
          200: pageOf(ChangeRequestSchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      return pageResponse(
        await changeRequests(db, req.principal!, req.query, req.query),
        toChangeRequest,
        req.query.limit,
      );
    },
  );

  app.get(
    '/api/catalog/change-requests/:id',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        tags,
        summary: '变更申请详情',
        description: '变更申请的内容、状态与审核结果，并返回 ETag（审核时须在 If-Match 中带回）。',
        params: IdParams,
        response: { 200: ChangeRequestSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const row = await changeRequest(db, req.principal!, req.params.id);
      setVersionTag(reply, row.version);
      return toChangeRequest(row);
    },
  );

  app.post(
    '/api/catalog/change-requests',
    {
      config: { access: { permission: 'catalog:draft' } },
      schema: {
        tags,
        summary: '起草事项变更',
        description:
          '部门起草新增（add）、变更（modify）或取消（withdraw）事项的申请，经中心审核后生效为新版本。变更与取消须给出所依据的当前版本号，版本已过期返回 409。',
        body: ChangeRequestCreate,
        response: { 201: ChangeRequestSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const id = await draftChange(db, actorOf(req.principal, req), req.principal!, req.body);
      const row = await changeRequest(db, req.principal!, id);
      setVersionTag(reply, row.version);
      reply.code(201);
      return toChangeRequest(row);
    },
  );

  app.post(
    '/api/catalog/change-requests/:id/decision',
    {
      config: { access: { permission: 'catalog:approve' } },
      schema: {
        tags,
        summary: '审核事项变更',
        description:
          '中心审核变更申请：通过即发布新版本（在办办件保持原版本），不通过须写明理由。须带 If-Match（变更申请的 ETag）。',
        params: IdParams,
        body: z
          .object({
            approve: z.boolean({ error: '请选择通过或不通过' }),
            note: z.string().trim().max(500, '审核意见不超过 500 字').nullable().optional(),
          })
          .refine((b) => b.approve || (b.note?.length ?? 0) >= 2, {
            message: '不通过时须填写审核意见',
            path: ['note'],
          }),
        response: {
          200: ChangeRequestSchema,
          ...errors(400, 401, 403, 404, 409, 412, 428),
        },
      },
    },
    async (req, reply) => {
      const version = requiredVersion(req);
      await decideChange(db, actorOf(req.principal, req), req.principal!, req.params.id, version, {
        approve: req.body.approve,
        note: req.body.note ?? null,
      });
      const row = await changeRequest(db, req.principal!, req.params.id);
      setVersionTag(reply, row.version);
      return toChangeRequest(row);
    },
  );

  app.get(
    '/api/catalog/bundles',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '一件事列表',
        description: '某区划启用中的一件事，含事项、统一表单字段与去重后的材料。',
        querystring: z.object({ region: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字') }),
        response: { 200: z.array(BundleSchema), ...errors(400) },
      },
    },
    async (req) => (await bundles(db, req.query.region)).map(toBundle),
  );

  app.get(
    '/api/catalog/bundles/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '一件事详情',
        description: '一件事包含的事项（当前版本）、统一表单字段及去重后的材料清单。公开信息。',
        params: IdParams,
        response: { 200: BundleSchema, ...errors(400, 404) },
      },
    },
    async (req) => toBundle(await bundle(db, req.params.id)),
  );

  app.post(
    '/api/catalog/bundles',
    {
      config: { access: { permission: 'catalog:approve' } },
      schema: {
        tags,
        summary: '配置一件事',
        description: '组合多个部门的事项为一件事：一张表单（每个字段对应的事项）、材料按共享标识去重。',
        body: BundleCreate,
        response: { 201: BundleSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const id = await createBundle(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      return toBundle(await bundle(db, id));
    },
  );

  app.get(
    '/api/catalog/authorizations',
    {
      config: { access: { permission: 'catalog:read' } },
      schema: {
        tags,
        summary: '首席事务代表授权',
        description: '部门授权窗口人员当场办结的事项（含已撤销的记录），按数据范围。',
        querystring: z.object({ itemId: z.coerce.number().int().positive().optional() }),
        response: { 200: z.array(AuthorizationSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => (await authorizations(db, req.principal!, req.query.itemId)).map(toAuthorization),
  );

  app.post(
    '/api/catalog/authorizations',
    {
      config: { access: { permission: 'catalog:authorize' } },
      schema: {
        tags,
        summary: '授权窗口当场办结',
        description: '部门负责人授权本区划的综合窗口人员对本部门某事项当场作出决定。',
        body: z.object({
          itemId: z.number().int().positive(),
          granteeUserId: z.number().int().positive(),
          note: z.string().trim().max(200).nullable().optional(),
        }),
        response: { 201: z.object({ id: z.number().int() }), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const id = await grantAuthorization(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      return { id };
    },
  );

  app.delete(
    '/api/catalog/authorizations/:id',
    {
      config: { access: { permission: 'catalog:authorize' } },
      schema: {
        tags,
        summary: '撤销授权',
        description: '撤销窗口人员的当场办结授权；撤销记录保留并写入审计日志。',
        params: IdParams,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await revokeGrant(db, actorOf(req.principal, req), req.principal!, req.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/catalog/form-templates',
    {
      config: { access: { permission: 'catalog:draft' } },
      schema: {
        tags,
        summary: '上传空白表格',
        description:
          '以 application/octet-stream 上传材料的空白表格或示例样表（PDF、OFD、Word 等，不超过 10 MB，按内容识别类型），返回摘要，起草事项时填入材料的 formTemplateHash。',
        response: {
          201: z.object({
            hash: z.string(),
            contentType: z.string(),
            size: z.number().int(),
            extension: z.string(),
          }),
          ...errors(400, 401, 403, 413, 415),
        },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw problems.unsupportedType('请以 application/octet-stream 上传文件。');
      reply.code(201);
      return uploadFormTemplate(db, actorOf(req.principal, req), req.body);
    },
  );

  app.get(
    '/api/catalog/form-templates/:hash',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: '下载空白表格',
        description: '下载已发布事项材料的空白表格或示例样表（公开信息）。',
        params: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, '摘要应为 64 位十六进制') }),
        response: { 200: z.any().describe('文件内容'), ...errors(400, 404) },
      },
    },
    async (req, reply) => {
      const f = await formTemplate(db, req.params.hash);
      reply.header('content-type', f.contentType);
      reply.header('content-disposition', `attachment; filename="form-${req.params.hash.slice(0, 12)}"`);
      return reply.send(f.content);
    },
  );
};
