import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../audit/audit.ts';
import type { SecretBox } from '../crypto/secrets.ts';
import type { ActionContext } from '../workflow/runner.ts';

/** The use cases' context for an authenticated request: who acts, from where, on which database. */
export function actionContext(req: FastifyRequest, db: Db, secrets: SecretBox): ActionContext {
  return { db, secrets, actor: actorOf(req.principal, req), principal: req.principal! };
}
