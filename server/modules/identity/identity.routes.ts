import { z } from 'zod';
import { DEMO_PASSWORD, demoLogins } from '../../demo/seed.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import { clearedSessionCookie, sessionCookie } from '../../platform/auth/cookies.ts';
import { principalFromToken } from '../../platform/auth/sessions.ts';
import type { Module } from '../../platform/http/app.ts';
import { errors, OkSchema } from '../../platform/http/schemas.ts';
import { changePassword, describe, login, logout } from './identity.service.ts';

const MeSchema = z.object({
  kind: z.enum(['staff', 'enterprise']),
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int().optional(),
  unitName: z.string().optional(),
  uscc: z.string().optional(),
  regionCode: z.string(),
  roles: z.array(z.object({ role: z.string(), scope: z.string(), scopeUnitIds: z.array(z.number()) })),
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});

export const identityRoutes: Module = (app, { database, config }) => {
  const db = database.db;
  const secure = (proto: string) => proto === 'https';

  app.get(
    '/api/auth/demo-logins',
    {
      config: { access: 'public' },
      schema: {
        tags: ['身份认证'],
        summary: '演示账号',
        description:
          '演示模式下返回演示账号与统一密码，供登录页展示；非演示模式返回 enabled=false 且不含任何账号。',
        response: {
          200: z.object({
            enabled: z.boolean(),
            password: z.string().optional(),
            logins: z.array(z.object({ username: z.string(), role: z.string(), unit: z.string() })),
          }),
        },
      },
    },
    async () =>
      config.DEMO
        ? { enabled: true, password: DEMO_PASSWORD, logins: demoLogins() }
        : { enabled: false, logins: [] },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['身份认证'],
        summary: '登录',
        description: '工作人员或企业用户以用户名和密码登录；成功后设置会话 Cookie。连续失败会被临时锁定。',
        body: z.object({
          kind: z
            .enum(['staff', 'enterprise'])
            .default('staff')
            .describe('账号类别：staff 工作人员，enterprise 企业'),
          username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
          password: z.string().min(1, '请输入密码').max(128, '密码过长'),
        }),
        response: { 200: MeSchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(undefined, req);
      const token = await login(db, config, actor, req.body);
      const principal = await principalFromToken(db, token, config.SESSION_IDLE_MINUTES);
      reply.header(
        'set-cookie',
        sessionCookie(token, {
          secure: secure(req.protocol),
          maxAgeSeconds: config.SESSION_MAX_HOURS * 3600,
        }),
      );
      return describe(principal!);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: {
        tags: ['身份认证'],
        summary: '退出登录',
        description: '结束当前会话；`everywhere` 为 true 时结束本账号在所有设备上的会话。',
        body: z.object({ everywhere: z.boolean().default(false) }).default({ everywhere: false }),
        response: { 200: OkSchema, ...errors(401) },
      },
    },
    async (req, reply) => {
      await logout(db, actorOf(req.principal, req), req.principal!, req.body.everywhere);
      reply.header('set-cookie', clearedSessionCookie(secure(req.protocol)));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: {
        tags: ['身份认证'],
        summary: '当前用户',
        description: '返回当前登录用户的身份、所属单位、角色与数据范围、权限列表。',
        response: { 200: MeSchema, ...errors(401) },
      },
    },
    async (req) => describe(req.principal!),
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', allowPendingPasswordChange: true },
      schema: {
        tags: ['身份认证'],
        summary: '修改密码',
        description:
          '验证当前密码后设置新密码（至少 10 位、三类字符、不含用户名、非常见密码）；其他会话随之失效。',
        body: z.object({
          currentPassword: z.string().min(1, '请输入当前密码').max(128),
          newPassword: z.string().min(1, '请输入新密码').max(128, '密码长度不能超过 128 位'),
        }),
        response: { 200: OkSchema, ...errors(400, 401) },
      },
    },
    async (req) => {
      await changePassword(
        db,
        actorOf(req.principal, req),
        req.principal!,
        req.body.currentPassword,
        req.body.newPassword,
      );
      return { ok: true as const };
    },
  );
};
