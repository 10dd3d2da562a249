import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { todayIn } from '../../../lib/dates.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { errors, IdParams, listQuery, OkSchema, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import { completeCommitment } from './complete-commitment.ts';
import { commitmentActions } from './coordination.policy.ts';
import { toCommitment } from './coordination.presenters.ts';
import { commitments } from './coordination.read.ts';
import { CommitmentSchema, DoneInput, UrgeInput } from './coordination.schemas.ts';
import { urgeCommitment } from './urge-commitment.ts';

// The commitment tracker: tracked commitments, urging, and reporting them done.
export const commitmentRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['协调事项'];
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  // --- the commitment tracker ---

  app.get(
    '/api/commitments',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '承诺事项督办台账',
        description:
          '告知函中的部门承诺和领导批示的落实事项：本部门的，或本中心协调事项的。status=overdue 为逾期未办结。',
        querystring: listQuery(
          {
            status: z
              .enum(['open', 'done', 'overdue'], { error: '状态应为 open、done 或 overdue' })
              .optional(),
            requestId: z.coerce.number().int().positive().optional(),
            departmentId: z.coerce.number().int().positive().optional(),
            order: z
              .enum(['recent', 'due'], { error: '排序应为 recent 或 due' })
              .default('recent')
              .describe('recent 新的在前；due 按完成期限'),
          },
          { limit: 100 },
        ),
        response: {
          200: pageOf(CommitmentSchema),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const q = req.query;
      const today = todayIn();
      const page = await commitments(
        db,
        req.principal!,
        {
          status: q.status,
          requestId: q.requestId,
          departmentId: q.departmentId,
          order: q.order,
          after: q.order === 'due' ? undefined : q.after,
        },
        q,
      );
      return pageResponse(page, (k) => toCommitment(k, today, commitmentActions(req.principal!, k)), q.limit);
    },
  );

  app.post(
    '/api/commitments/:id/urge',
    {
      config: { access: { permission: 'commitment:urge' } },
      schema: {
        tags,
        summary: '催办',
        description: '提醒承诺部门按期办结，记入协调事项时间线。',
        params: IdParams,
        body: UrgeInput,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await urgeCommitment(ctx(req), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/commitments/:id/done',
    {
      // Held by every staff role; the service allows the owning department and the center only.
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '报告承诺办结',
        description: '承诺部门（或中心协调人员）报告办理情况并销号。须带 If-Match（承诺事项的版本）。',
        params: IdParams,
        body: DoneInput,
        response: { 200: OkSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req) => {
      await completeCommitment(ctx(req), req.params.id, requiredVersion(req), req.body);
      return { ok: true as const };
    },
  );
};
