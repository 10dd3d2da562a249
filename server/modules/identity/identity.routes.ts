import { z } from 'zod';
import { ROLE_NAMES } from '../../platform/access/permissions.ts';
import { actorOf } from '../../platform/audit/audit.ts';
import { clearedSessionCookie, sessionCookie } from '../../platform/auth/cookies.ts';
import { OidcClient } from '../../platform/auth/oidc.ts';
import { principalFromToken } from '../../platform/auth/sessions.ts';
import type { Module } from '../../platform/http/app.ts';
import { problems } from '../../platform/http/problem.ts';
import { errors, OkSchema } from '../../platform/http/schemas.ts';
import {
  changePassword,
  confirmTotp,
  describe,
  disableTotp,
  enrolTotp,
  finishOidcLogin,
  listRolePolicies,
  login,
  logout,
  setRolePolicy,
  startOidcLogin,
} from './identity.service.ts';

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
  mustEnrolTotp: z.boolean().describe('角色要求双因素认证但尚未绑定'),
  totpEnabled: z.boolean(),
});

export const identityRoutes: Module = (app, { database, config, secrets, demoAccounts }) => {
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
    async () => (demoAccounts ? { enabled: true, ...demoAccounts } : { enabled: false, logins: [] }),
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['身份认证'],
        summary: '登录',
        description:
          '工作人员或企业用户以用户名和密码登录；成功后设置会话 Cookie。连续失败会被临时锁定。' +
          '已绑定动态验证码的账号缺少验证码时返回 401（type 为 /problems/totp-required），带上 totpCode 重试。',
        body: z.object({
          kind: z
            .enum(['staff', 'enterprise'])
            .default('staff')
            .describe('账号类别：staff 工作人员，enterprise 企业'),
          username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
          password: z.string().min(1, '请输入密码').max(128, '密码过长'),
          totpCode: z
            .string()
            .trim()
            .max(20)
            .optional()
            .describe('已绑定动态验证码时：6 位验证码或一个恢复码'),
        }),
        response: { 200: MeSchema, ...errors(400, 401, 429) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(undefined, req);
      const token = await login(db, config, secrets, actor, req.body);
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
      config: { access: 'authenticated', allowPendingSetup: true },
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
      config: { access: 'authenticated', allowPendingSetup: true },
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
      config: { access: 'authenticated', allowPendingSetup: true },
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

  const oidc = config.oidc ? new OidcClient(config.oidc) : undefined;
  const notConfigured = () => problems.notFound('本平台未配置统一身份认证。');

  app.get(
    '/api/auth/oidc',
    {
      config: { access: 'public' },
      schema: {
        tags: ['身份认证'],
        summary: '统一身份认证配置',
        description: '是否可以通过省统一身份认证平台（OIDC）登录，以及登录按钮上显示的名称。',
        response: { 200: z.object({ enabled: z.boolean(), name: z.string().optional() }) },
      },
    },
    async () => (oidc ? { enabled: true, name: oidc.settings.name } : { enabled: false }),
  );

  app.get(
    '/api/auth/oidc/start',
    {
      config: { access: 'public' },
      schema: {
        tags: ['身份认证'],
        summary: '发起统一身份认证登录',
        description: '重定向到统一身份认证平台的授权页（授权码模式 + PKCE，附 state 与 nonce）。',
        response: { 302: z.null().describe('重定向到认证平台'), ...errors(404) },
      },
    },
    async (_req, reply) => {
      if (!oidc) throw notConfigured();
      return reply.redirect(await startOidcLogin(db, oidc), 302);
    },
  );

  app.get(
    '/api/auth/oidc/callback',
    {
      config: { access: 'public' },
      schema: {
        tags: ['身份认证'],
        summary: '统一身份认证回调',
        description:
          '认证平台带授权码回到这里：校验 state、nonce 与 ID 令牌签名，按用户名匹配本平台已开通的工作人员账号，建立会话后回到首页。',
        querystring: z.looseObject({ state: z.string().min(1).max(200), code: z.string().min(1).max(2000) }),
        response: { 302: z.null().describe('登录成功，回到首页'), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      if (!oidc) throw notConfigured();
      const callbackUrl = new URL(req.url, oidc.settings.redirectUri);
      const token = await finishOidcLogin(
        db,
        config,
        oidc,
        actorOf(undefined, req),
        callbackUrl,
        req.query.state,
      );
      reply.header(
        'set-cookie',
        sessionCookie(token, {
          secure: secure(req.protocol),
          maxAgeSeconds: config.SESSION_MAX_HOURS * 3600,
        }),
      );
      return reply.redirect('/', 302);
    },
  );

  const totpTags = ['身份认证'];
  app.post(
    '/api/auth/totp/enrol',
    {
      config: { access: 'staff', allowPendingSetup: true },
      schema: {
        tags: totpTags,
        summary: '开始绑定动态验证码',
        description:
          '生成新的 TOTP 密钥（加密保存），返回密钥与 otpauth 链接供验证器应用扫码；确认验证码后才生效。',
        response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string() }), ...errors(401, 403, 409) },
      },
    },
    async (req) => enrolTotp(db, secrets, actorOf(req.principal, req), req.principal!),
  );

  app.post(
    '/api/auth/totp/confirm',
    {
      config: { access: 'staff', allowPendingSetup: true },
      schema: {
        tags: totpTags,
        summary: '确认绑定动态验证码',
        description:
          '输入验证器中的 6 位验证码完成绑定；返回 10 个一次性恢复码（仅显示这一次，请妥善保存）。',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^\d{6}$/, '验证码为 6 位数字'),
        }),
        response: {
          200: z.object({ recoveryCodes: z.array(z.string()) }),
          ...errors(400, 401, 403, 409, 422),
        },
      },
    },
    async (req) => ({
      recoveryCodes: await confirmTotp(
        db,
        secrets,
        actorOf(req.principal, req),
        req.principal!,
        req.body.code,
      ),
    }),
  );

  app.post(
    '/api/auth/totp/disable',
    {
      config: { access: 'staff' },
      schema: {
        tags: totpTags,
        summary: '解除动态验证码',
        description: '验证密码后解除绑定；角色要求双因素认证的用户不能解除。',
        body: z.object({ password: z.string().min(1, '请输入密码').max(128) }),
        response: { 200: OkSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => {
      await disableTotp(db, actorOf(req.principal, req), req.principal!, req.body.password);
      return { ok: true as const };
    },
  );

  const PolicySchema = z.array(z.object({ role: z.string(), label: z.string(), totpRequired: z.boolean() }));
  app.get(
    '/api/role-policies',
    {
      config: { access: { permission: 'user:read' } },
      schema: {
        tags: ['用户与角色'],
        summary: '角色安全策略',
        description: '每个角色是否要求双因素认证（动态验证码）。',
        response: { 200: PolicySchema, ...errors(401, 403) },
      },
    },
    async () => listRolePolicies(db),
  );

  app.put(
    '/api/role-policies/:role',
    {
      config: { access: { permission: 'user:manage' } },
      schema: {
        tags: ['用户与角色'],
        summary: '设置角色安全策略',
        description:
          '要求（或不再要求）某角色使用动态验证码；已有该角色但未绑定的用户下次请求时须先绑定。仅全局管理员可设置。',
        params: z.object({ role: z.enum(ROLE_NAMES) }),
        body: z.object({ totpRequired: z.boolean() }),
        response: { 200: PolicySchema, ...errors(400, 401, 403) },
      },
    },
    async (req) =>
      setRolePolicy(db, actorOf(req.principal, req), req.principal!, req.params.role, req.body.totpRequired),
  );
};
