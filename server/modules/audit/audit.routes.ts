import { z } from 'zod';
import { verifyAudit } from '../../platform/audit/audit.ts';
import type { Module } from '../../platform/http/app.ts';
import { errors, listQuery, pageOf, pageResponse } from '../../platform/http/schemas.ts';
import { auditEvents } from './audit.service.ts';

const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorKind: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  unitId: z.number().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  summary: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  chainSeq: z.number().nullable(),
});

const isoDateTime = z.iso.datetime({
  offset: true,
  message: '应为 ISO 8601 时间，如 2026-11-26T08:00:00+08:00',
});

export const auditRoutes: Module = (app, { database }) => {
  const db = database.db;
  const tags = ['审计日志'];

  app.get(
    '/api/audit-events',
    {
      config: { access: { permission: 'audit:read' } },
      schema: {
        tags,
        summary: '查询审计日志',
        description:
          '按操作人、动作、对象、时间范围查询审计日志（新到旧），键集分页：下一页传 `before`=上一页最后的 id。',
        querystring: listQuery(
          {
            actorName: z.string().trim().max(64).optional(),
            action: z.string().trim().max(64).optional(),
            targetType: z.string().trim().max(64).optional(),
            targetId: z.string().trim().max(64).optional(),
            outcome: z.enum(['success', 'denied', 'failure']).optional(),
            from: isoDateTime.optional(),
            to: isoDateTime.optional(),
          },
          { limit: 100, cursor: 'before' },
        ),
        response: {
          200: pageOf(AuditEventSchema, 'nextBefore'),
          ...errors(400, 401, 403),
        },
      },
    },
    async (req) => {
      const page = await auditEvents(db, req.principal!, req.query, req.query);
      const present = (r: (typeof page.rows)[number]) => ({
        id: Number(r.id),
        at: r.at.toISOString(),
        actorKind: r.actor_kind,
        actorId: r.actor_id === null ? null : Number(r.actor_id),
        actorName: r.actor_name,
        unitId: r.unit_id === null ? null : Number(r.unit_id),
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        outcome: r.outcome,
        summary: r.summary,
        ip: r.ip,
        requestId: r.request_id,
        chainSeq: r.chain_seq === null ? null : Number(r.chain_seq),
      });
      return pageResponse(page, present, req.query.limit, 'nextBefore');
    },
  );

  app.post(
    '/api/audit-events/verify',
    {
      config: { access: { permission: 'audit:verify' } },
      schema: {
        tags,
        summary: '校验审计链',
        description: '按链序重新计算每条审计记录的 SM3 摘要，报告第一条被篡改、删除或替换的记录。',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number().int(),
            unsealed: z.number().int(),
            firstBroken: z.object({ id: z.number(), chainSeq: z.number(), reason: z.string() }).optional(),
          }),
          ...errors(401, 403),
        },
      },
    },
    async () => verifyAudit(db),
  );
};
