import type { z } from 'zod';
import type { Page } from '../../db/paging.ts';
import type { Permission } from '../access/permissions.ts';
import type { Principal } from '../access/scope.ts';
import { type Actor, actorOf } from '../audit/audit.ts';
import type { ZApp } from './app.ts';
import { requiredVersion, setVersionTag } from './concurrency.ts';
import { errors, IdParams, pageOf, pageResponse } from './schemas.ts';

type Text = { summary: string; description: string };
type ErrorCode = Parameters<typeof errors>[number];
type Paging = { limit: number; page?: number };

/**
 * The routes every versioned record shares (单位, 用户, 企业账号 …): the paged list, the detail
 * with its ETag, and the edit under If-Match. A module states what differs (path, permissions,
 * texts, schemas, use cases); the HTTP shape, the version tag and the error list are written once.
 * Creation and record-specific actions stay as plain routes in the module.
 */
export function recordRoutes<
  Row extends { version: number },
  Item extends { id: number },
  Q extends z.ZodType<Paging>,
  P extends z.ZodType,
>(
  app: ZApp,
  spec: {
    path: string;
    tags: string[];
    read: Permission;
    manage: Permission;
    schema: z.ZodType<Item>;
    present: (row: Row) => Item;
    list: Text & { query: Q; run: (principal: Principal, query: z.infer<Q>) => Promise<Page<Row>> };
    detail: Text & { run: (principal: Principal, id: number) => Promise<Row> };
    edit: Text & {
      body: P;
      errors: ErrorCode[];
      run: (
        actor: Actor,
        principal: Principal,
        id: number,
        version: number,
        body: z.infer<P>,
      ) => Promise<Row>;
    };
  },
) {
  const { path, tags, present } = spec;
  // Widened for Fastify's reply typing, which cannot resolve a generic schema; `present` is typed.
  const schema: z.ZodType = spec.schema;
  const read = { access: { permission: spec.read } };
  const manage = { access: { permission: spec.manage } };

  app.get(
    path,
    {
      config: read,
      schema: {
        tags,
        summary: spec.list.summary,
        description: spec.list.description,
        querystring: spec.list.query,
        response: { 200: pageOf(schema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const query = req.query as z.infer<Q>;
      return pageResponse(await spec.list.run(req.principal!, query), present, query.limit);
    },
  );

  app.get(
    `${path}/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: spec.detail.summary,
        description: spec.detail.description,
        params: IdParams,
        response: { 200: schema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const row = await spec.detail.run(req.principal!, req.params.id);
      setVersionTag(reply, row.version);
      return present(row);
    },
  );

  app.patch(
    `${path}/:id`,
    {
      config: manage,
      schema: {
        tags,
        summary: spec.edit.summary,
        description: spec.edit.description,
        params: IdParams,
        body: spec.edit.body,
        response: { 200: schema, ...errors(400, 401, 403, 404, 412, 428, ...spec.edit.errors) },
      },
    },
    async (req, reply) => {
      const row = await spec.edit.run(
        actorOf(req.principal, req),
        req.principal!,
        req.params.id,
        requiredVersion(req),
        req.body as z.infer<P>,
      );
      setVersionTag(reply, row.version);
      return present(row);
    },
  );
}
