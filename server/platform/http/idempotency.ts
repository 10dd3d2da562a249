import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { problems } from './problem.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { actor: string; key: string };
  }
}

/**
 * Idempotency-Key on unsafe methods: the first response is stored and replayed for a repeat;
 * the same key with a different request is refused (422); a repeat while the first is still
 * running gets 409. A failed (5xx) first attempt frees the key.
 */
export function registerIdempotency(app: FastifyInstance, db: Db) {
  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (!UNSAFE.has(req.method) || key === undefined) return;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{8,200}$/.test(key)) {
      throw problems.badRequest('Idempotency-Key 须为 8–200 个可见 ASCII 字符。');
    }
    const actor = req.principal ? `${req.principal.kind}:${req.principal.id}` : `ip:${req.ip}`;
    const requestHash = createHash('sha256')
      .update(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const inserted = await db
      .insertInto('idempotency_key')
      .values({ actor, key, method: req.method, path: req.url, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) {
      req.idempotency = { actor, key };
      return;
    }
    const prior = await db
      .selectFrom('idempotency_key')
      .selectAll()
      .where('actor', '=', actor)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!prior) throw problems.conflict('该 Idempotency-Key 的请求状态已变化，请重试。');
    if (prior.request_hash !== requestHash) {
      throw problems.unprocessable('该 Idempotency-Key 已用于另一个不同的请求，请换一个新的键。');
    }
    if (prior.status_code === null) throw problems.conflict('相同 Idempotency-Key 的请求正在处理中。');
    reply.header('idempotency-replayed', 'true');
    const body = prior.response_body ?? '';
    const isProblem = prior.status_code >= 400;
    reply
      .code(prior.status_code)
      .type(isProblem ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8');
    return reply.send(body);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!req.idempotency || reply.getHeader('idempotency-replayed')) return payload;
    const { actor, key } = req.idempotency;
    if (reply.statusCode >= 500) {
      await db.deleteFrom('idempotency_key').where('actor', '=', actor).where('key', '=', key).execute();
    } else {
      await db
        .updateTable('idempotency_key')
        .set({ status_code: reply.statusCode, response_body: typeof payload === 'string' ? payload : '' })
        .where('actor', '=', actor)
        .where('key', '=', key)
        .execute();
    }
    return payload;
  });
}
