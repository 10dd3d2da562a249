import { z } from 'zod';
import { ROLE_NAMES } from '../../platform/access/permissions.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { recordRoutes } from '../../platform/http/records.ts';
import { errors, IdParams, listQuery, OkSchema } from '../../platform/http/schemas.ts';
import { createUser, editUser, resetPassword, setRoles, unlockUser, user, users } from './users.service.ts';

const SCOPES = ['all', 'region', 'own_unit', 'custom_units', 'self'] as const;

const RoleSchema = z.object({
  role: z.enum(ROLE_NAMES).describe('角色代码，见 DOMAIN.md'),
  scope: z
    .enum(SCOPES)
    .describe(
      '数据范围：all 全部，region 本区划（市级含下辖区县），own_unit 本单位，custom_units 指定单位，self 本人',
    ),
  scopeUnitIds: z.array(z.number().int().positive()).max(200).default([]),
});

const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  regionCode: z.string(),
  enabled: z.boolean(),
  mustChangePassword: z.boolean(),
  version: z.number().int(),
  roles: z.array(z.object({ role: z.string(), scope: z.string(), scopeUnitIds: z.array(z.number()) })),
  createdAt: z.string(),
});

type Row = Awaited<ReturnType<typeof user>>;
const toUser = (r: Row): z.infer<typeof UserSchema> => ({
  id: Number(r.id),
  username: r.username,
  displayName: r.display_name,
  unitId: Number(r.unit_id),
  unitName: r.unit_name,
  regionCode: r.region_code,
  enabled: r.enabled,
  mustChangePassword: r.must_change_password,
  version: r.version,
  roles: r.roles,
  createdAt: r.created_at.toISOString(),
});

const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9_.-]{3,32}$/, '用户名为 3–32 位小写字母、数字或 . _ -');
const displayName = z.string().trim().min(1, '请填写姓名').max(40, '姓名不超过 40 个字');

export const userRoutes: Module = (app, { database }) => {
  const db = database.db;
  const tags = ['用户与角色'];

  recordRoutes(app, {
    path: '/api/users',
    tags,
    read: 'user:read',
    manage: 'user:manage',
    schema: UserSchema,
    present: toUser,
    list: {
      summary: '用户列表',
      description:
        '数据范围内的工作人员账号及其角色，可按单位、角色、启用状态、姓名或用户名筛选；按页码分页并返回总数，或键集分页（after）。',
      query: listQuery(
        {
          unitId: z.coerce.number().int().positive().optional(),
          role: z.enum(ROLE_NAMES).optional(),
          enabled: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          q: z.string().trim().max(40).optional(),
        },
        { limit: 100 },
      ),
      run: (principal, q) => users(db, principal, q, q),
    },
    detail: {
      summary: '用户详情',
      description: '返回用户信息、角色与数据范围，以及 ETag（修改时放入 If-Match）。',
      run: (principal, id) => user(db, principal, id),
    },
    edit: {
      summary: '修改用户',
      description: '修改姓名、所属单位或启停状态（停用或调离单位会立即结束其会话）。须带 If-Match。',
      body: z
        .object({ displayName, unitId: z.number().int().positive(), enabled: z.boolean() })
        .partial()
        .strict()
        .refine((v) => Object.keys(v).length > 0, '至少修改一个字段'),
      errors: [422],
      run: (actor, principal, id, version, body) => editUser(db, actor, principal, id, version, body),
    },
  });

  const WithPassword = z.object({
    user: UserSchema,
    initialPassword: z.string().describe('一次性初始密码，仅此一次显示'),
  });

  app.post(
    '/api/users',
    {
      config: { access: { permission: 'user:manage' } },
      schema: {
        tags,
        summary: '新建用户',
        description:
          '在管理范围内的单位下新建工作人员账号并分配角色。返回一次性初始密码；用户首次登录须修改密码。',
        body: z.object({
          username,
          displayName,
          unitId: z.number().int().positive(),
          roles: z.array(RoleSchema).max(10).default([]),
        }),
        response: { 201: WithPassword, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => {
      const r = await createUser(db, actorOf(req.principal, req), req.principal!, req.body);
      reply.code(201);
      setVersionTag(reply, r.user.version);
      return { user: toUser(r.user), initialPassword: r.initialPassword };
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: { permission: 'user:manage' } },
      schema: {
        tags,
        summary: '设置用户角色',
        description:
          '整体替换用户的角色与数据范围。不能授予超出自己管理范围的数据范围；不能修改自己的角色。须带 If-Match。',
        params: IdParams,
        body: z.object({ roles: z.array(RoleSchema).max(10) }),
        response: { 200: UserSchema, ...errors(400, 401, 403, 404, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      const row = await setRoles(
        db,
        actorOf(req.principal, req),
        req.principal!,
        req.params.id,
        requiredVersion(req),
        req.body.roles,
      );
      setVersionTag(reply, row.version);
      return toUser(row);
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: { permission: 'user:manage' } },
      schema: {
        tags,
        summary: '重置密码',
        description:
          '生成新的一次性初始密码并结束该用户的所有会话，同时解除登录锁定；用户下次登录须修改密码。',
        params: IdParams,
        response: { 200: WithPassword, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const r = await resetPassword(db, actorOf(req.principal, req), req.principal!, req.params.id);
      return { user: toUser(r.user), initialPassword: r.initialPassword };
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      config: { access: { permission: 'user:manage' } },
      schema: {
        tags,
        summary: '解除登录锁定',
        description: '清除该账号因连续登录失败而产生的临时锁定。',
        params: IdParams,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await unlockUser(db, actorOf(req.principal, req), req.principal!, req.params.id);
      return { ok: true as const };
    },
  );
};
