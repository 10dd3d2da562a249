import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { Access } from '../access/permissions.ts';
import type { Principal } from '../access/scope.ts';
import { scopeFor } from '../access/scope.ts';
import { actorOf, writeAudit } from '../audit/audit.ts';
import { readCookie, SESSION_COOKIE } from '../auth/cookies.ts';
import { principalFromToken } from '../auth/sessions.ts';
import { CalendarCache } from '../calendar/store.ts';
import type { SecretBox } from '../crypto/secrets.ts';
import type { JobWorker } from '../jobs/jobs.ts';
import { NotificationBus } from '../notify/bus.ts';
import { errorHandler, sendProblem } from './errors.ts';
import { registerIdempotency } from './idempotency.ts';
import { createMetrics } from './metrics.ts';
import { problems } from './problem.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route must declare who may call it (checked at start and by the route × role test). */
    access?: Access;
    /** Reachable while the user still has to change the initial password or enrol a second factor. */
    allowPendingSetup?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyInstance {
    /** `METHOD /url` → declared access, for the route × role test. */
    accessTable: Map<string, Access>;
  }
}

export type App = FastifyInstance;
export type ZApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A module's routes: registered on the typed app with the per-process services. */
export type Module = (app: ZApp, deps: ModuleDeps) => void;

/**
 * A feature module as the composition root sees it, declared once in server/modules/index.ts:
 * its routes, its job handlers and the job kinds it runs once a minute. main.ts knows no job.
 */
export interface FeatureModule {
  /** The DOMAIN.md name of the feature. */
  name: string;
  routes: readonly Module[];
  /** Defines the module's job handlers on this process's worker. */
  jobs?: (worker: JobWorker, deps: AppDeps) => void;
  /** Job kinds enqueued once a minute across all servers (deduplicated by the minute). */
  everyMinute?: readonly string[];
}

export interface AppDeps {
  database: Database;
  config: Config;
  secrets: SecretBox;
  /** In demo mode, the accounts the login page lists; given by the composition root. */
  demoAccounts?: { password: string; logins: { username: string; role: string; unit: string }[] };
}

/** What modules get besides the app's own dependencies: per-process shared services. */
export interface ModuleDeps extends AppDeps {
  bus: NotificationBus;
  calendars: CalendarCache;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const EXEMPT = /^\/api\/(docs|openapi\.json)/;
const OPS_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

export async function buildApp(
  deps: AppDeps,
  modules: readonly FeatureModule[],
  opts: { webDir?: string } = {},
) {
  const { config, database } = deps;
  const db = database.db;
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL },
    bodyLimit: 1024 * 1024,
    trustProxy: config.TRUST_PROXY,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest('principal', undefined);
  const accessTable = new Map<string, Access>();
  app.decorate('accessTable', accessTable);

  app.addHook('onRoute', (route) => {
    const declared = route.url.startsWith('/api/') || OPS_ROUTES.has(route.url);
    if (!declared || EXEMPT.test(route.url) || route.method === 'HEAD') return;
    if (!route.config?.access) throw new Error(`路由 ${route.method} ${route.url} 未声明访问权限 (access)`);
    if (!route.schema?.summary) throw new Error(`路由 ${route.method} ${route.url} 缺少中文摘要 (summary)`);
    for (const m of [route.method].flat()) accessTable.set(`${m} ${route.url}`, route.config.access);
  });

  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!req.url.startsWith('/api/') || EXEMPT.test(req.url)) return;
    if (UNSAFE.has(req.method)) {
      const origin = req.headers.origin;
      if (origin && origin !== config.PUBLIC_ORIGIN) {
        let host: string | undefined;
        try {
          host = new URL(origin).host;
        } catch {}
        if (host !== req.headers.host) throw problems.forbidden('跨站请求被拒绝（Origin 与本站不一致）。');
      }
    }
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token) req.principal = await principalFromToken(db, token, config.SESSION_IDLE_MINUTES);
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    if (!req.principal) throw problems.unauthenticated();
    if (!req.routeOptions.config.allowPendingSetup) {
      if (req.principal.mustChangePassword) throw problems.passwordChangeRequired();
      if (req.principal.kind === 'staff' && req.principal.mustEnrolTotp)
        throw problems.totpEnrolmentRequired();
    }
    const denied =
      (access === 'staff' && req.principal.kind !== 'staff') ||
      (access === 'enterprise' && req.principal.kind !== 'enterprise') ||
      (typeof access === 'object' && scopeFor(req.principal, access.permission).kind === 'none');
    if (denied) {
      // Denied attempts are audited (R-SEC-3): who tried which operation, from where.
      await writeAudit(db, actorOf(req.principal, req), {
        action: 'access.denied',
        outcome: 'denied',
        targetType: 'route',
        targetId: `${req.method} ${req.routeOptions.url}`,
        summary: typeof access === 'object' ? { permission: access.permission } : { requires: access },
      });
      if (access === 'staff') throw problems.forbidden('仅限工作人员使用。');
      if (access === 'enterprise') throw problems.forbidden('仅限企业（申请人）账号使用。');
      throw problems.forbidden();
    }
  });

  registerIdempotency(app, db);
  const metrics = createMetrics(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '审批服务协同平台 API',
        description:
          '政务服务中心与审批部门的协同平台接口。错误均以 application/problem+json（RFC 9457）返回；' +
          '写操作可带 Idempotency-Key；可编辑资源用 ETag/If-Match 做乐观并发控制。',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  const bus = new NotificationBus();
  await bus.start(database);
  app.addHook('onClose', () => bus.stop());
  const moduleDeps: ModuleDeps = { ...deps, bus, calendars: new CalendarCache() };

  const zapp = app.withTypeProvider<ZodTypeProvider>();
  zapp.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  for (const m of modules) for (const routes of m.routes) routes(zapp, moduleDeps);

  app.get(
    '/metrics',
    {
      config: { access: 'public' },
      schema: {
        tags: ['运维'],
        summary: '运行指标',
        description: 'Prometheus 文本格式的进程与 HTTP 指标（请求耗时按路由、方法、状态码分组）。',
      },
    },
    async (_req, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );

  const webDir = opts.webDir;
  const index = webDir ? path.join(webDir, 'index.html') : undefined;
  if (webDir && index && fs.existsSync(index)) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      preCompressed: true,
      // Vite names assets by content hash: they never change, so browsers may keep them.
      setHeaders: (res, file) => {
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const wantsPage =
      req.method === 'GET' && !req.url.startsWith('/api/') && req.headers.accept?.includes('text/html');
    if (wantsPage && index && fs.existsSync(index)) {
      return reply.type('text/html; charset=utf-8').send(fs.createReadStream(index));
    }
    return sendProblem(reply, req, problems.notFound(`没有这个地址：${req.method} ${req.url.split('?')[0]}`));
  });
  return app;
}
