import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { todayIn } from '../../../lib/dates.ts';
import type { Module } from '../../platform/http/app.ts';
import { requiredVersion, setVersionTag } from '../../platform/http/concurrency.ts';
import { actionContext } from '../../platform/http/context.ts';
import { errors, IdParams } from '../../platform/http/schemas.ts';
import { commitmentActions, consultationActions } from './coordination.policy.ts';
import { toConsultation } from './coordination.presenters.ts';
import { consultation, consultationQueue } from './coordination.read.ts';
import { ConsultationSchema, ReplyInput } from './coordination.schemas.ts';
import { saveReply } from './save-reply.ts';
import { signReply } from './sign-reply.ts';

// Written consultations, the department's side: its queue, a consultation, drafting and signing the reply.
export const consultationRoutes: Module = (app, { database, secrets }) => {
  const db = database.db;
  const tags = ['协调事项'];
  const ctx = (req: FastifyRequest) => actionContext(req, db, secrets);
  // --- consultations (the department's side) ---

  const consultationOut = async (req: FastifyRequest, reply: FastifyReply, id: number) => {
    const { c, ks, files } = await consultation(db, req.principal!, id);
    setVersionTag(reply, c.version);
    const today = todayIn();
    return toConsultation(c, today, ks, files, consultationActions(req.principal!, c, c.request_state), (k) =>
      commitmentActions(req.principal!, k),
    );
  };

  app.get(
    '/api/consultations',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '书面征询（部门工作台）',
        description: '发给本部门（数据范围内各部门）的书面征询，未答复的在前，按答复期限排序。',
        querystring: z.object({
          status: z.enum(['open', 'all'], { error: '状态应为 open 或 all' }).default('open'),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(ConsultationSchema), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const rows = await consultationQueue(db, req.principal!, req.query.status, req.query.limit);
      const today = todayIn();
      return rows.map((c) =>
        toConsultation(c, today, [], [], consultationActions(req.principal!, c, c.request_state), () => []),
      );
    },
  );

  app.get(
    '/api/consultations/:id',
    {
      config: { access: { permission: 'coordination:read' } },
      schema: {
        tags,
        summary: '书面征询详情',
        description: '征询内容、答复草稿或已签发的答复及其承诺事项。返回 ETag。',
        params: IdParams,
        response: { 200: ConsultationSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => consultationOut(req, reply, req.params.id),
  );

  app.post(
    '/api/consultations/:id/reply',
    {
      config: { access: { permission: 'consultation:reply' } },
      schema: {
        tags,
        summary: '起草答复',
        description:
          '填写意见（同意 / 有条件同意 / 不同意）、依据、条件和承诺事项（每项须有完成时限：工作日数或日期）；签发前可修改。须带 If-Match。',
        params: IdParams,
        body: ReplyInput,
        response: { 200: ConsultationSchema, ...errors(400, 401, 403, 404, 409, 412, 422, 428) },
      },
    },
    async (req, reply) => {
      await saveReply(ctx(req), req.params.id, requiredVersion(req), req.body);
      return consultationOut(req, reply, req.params.id);
    },
  );

  app.post(
    '/api/consultations/:id/sign',
    {
      config: { access: { permission: 'consultation:sign' } },
      schema: {
        tags,
        summary: '签发答复',
        description: '部门负责人签发答复后才计入结果，之后不能修改或重复答复。须带 If-Match。',
        params: IdParams,
        response: { 200: ConsultationSchema, ...errors(400, 401, 403, 404, 409, 412, 428) },
      },
    },
    async (req, reply) => {
      await signReply(ctx(req), req.params.id, requiredVersion(req));
      return consultationOut(req, reply, req.params.id);
    },
  );
};
