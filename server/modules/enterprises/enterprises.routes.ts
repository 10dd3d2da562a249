import { z } from 'zod';
import { actorOf } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { setVersionTag } from '../../platform/http/concurrency.ts';
import { recordRoutes } from '../../platform/http/records.ts';
import { errors, IdParams, listQuery, UsccString } from '../../platform/http/schemas.ts';
import {
  editEnterprise,
  enterprise,
  enterprises,
  registerEnterprise,
  resetEnterprisePassword,
} from './enterprises.service.ts';

const EnterpriseSchema = z.object({
  id: z.number(),
  uscc: z.string().describe('统一社会信用代码'),
  name: z.string(),
  legalRepresentative: z.string(),
  regionCode: z.string(),
  username: z.string(),
  enabled: z.boolean(),
  mustChangePassword: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});

type Row = Awaited<ReturnType<typeof enterprise>>;
const toEnterprise = (r: Row): z.infer<typeof EnterpriseSchema> => ({
  id: Number(r.id),
  uscc: r.uscc,
  name: r.name,
  legalRepresentative: r.legal_representative,
  regionCode: r.region_code,
  username: r.username,
  enabled: r.enabled,
  mustChangePassword: r.must_change_password,
  version: r.version,
  createdAt: r.created_at.toISOString(),
});

const uscc = UsccString;
const name = z.string().trim().min(2, '企业名称至少 2 个字').max(100, '企业名称不超过 100 个字');
const legal = z.string().trim().min(1, '请填写法定代表人').max(40);

export const enterpriseRoutes: Module = (app, { database }) => {
  const db = database.db;
  const tags = ['企业账号'];

  recordRoutes(app, {
    path: '/api/enterprises',
    tags,
    read: 'enterprise:read',
    manage: 'enterprise:manage',
    schema: EnterpriseSchema,
    present: toEnterprise,
    list: {
      summary: '企业账号列表',
      description:
        '数据范围内（按企业所在区划）的企业账号，可按名称或统一社会信用代码搜索；按页码分页并返回总数，或键集分页（after）。',
      query: listQuery(
        {
          q: z.string().trim().max(60).optional(),
          regionCode: z
            .string()
            .regex(/^\d{6}$/, '区划代码应为 6 位数字')
            .optional(),
        },
        { limit: 100 },
      ),
      run: (principal, q) => enterprises(db, principal, q, q),
    },
    detail: {
      summary: '企业账号详情',
      description: '返回企业账号信息与 ETag（修改时放入 If-Match）。',
      run: (principal, id) => enterprise(db, principal, id),
    },
    edit: {
      summary: '修改企业账号',
      description: '修改企业名称、法定代表人或启停状态（停用立即结束其会话）。须带 If-Match。',
      body: z
        .object({ name, legalRepresentative: legal, enabled: z.boolean() })
        .partial()
        .strict()
        .refine((v) => Object.keys(v).length > 0, '至少修改一个字段'),
      errors: [],
      run: (actor, principal, id, version, body) => editEnterprise(db, actor, principal, id, version, body),
    },
  });

  const WithPassword = z.object({
    enterprise: EnterpriseSchema,
    initialPassword: z.string().describe('一次性初始密码'),
  });

  app.post(
    '/api/enterprises',
    {
      config: { access: { permission: 'enterprise:manage' } },
      schema: {
        tags,
        summary: '登记企业账号',
        description:
          '窗口为项目单位登记账号：校验统一社会信用代码（GB 32100 校验位），同一代码只能登记一次；返回一次性初始密码，首次登录须修改。',
        body: z.object({
          uscc,
          name,
          legalRepresentative: legal,
          regionCode: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
          username: z
            .string()
            .trim()
            .regex(/^[a-z0-9_.-]{3,32}$/, '用户名为 3–32 位小写字母、数字或 . _ -'),
        }),
        response: { 201: WithPassword, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await registerEnterprise(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      setVersionTag(reply, r.enterprise.version);
      return { enterprise: toEnterprise(r.enterprise), initialPassword: r.initialPassword };
    },
  );

  app.post(
    '/api/enterprises/:id/reset-password',
    {
      config: { access: { permission: 'enterprise:manage' } },
      schema: {
        tags,
        summary: '重置企业账号密码',
        description: '生成新的一次性初始密码并结束该企业账号的所有会话。',
        params: IdParams,
        response: { 200: WithPassword, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const r = await resetEnterprisePassword(db, actorOf(req.principal, req), req.principal!, req.params.id);
      return { enterprise: toEnterprise(r.enterprise), initialPassword: r.initialPassword };
    },
  );
};
