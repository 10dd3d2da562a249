import type { FastifyReply, FastifyRequest } from 'fastify';
import { problems } from './problem.ts';

// Optimistic concurrency: GET sends ETag W/"<version>", an edit must send it back in If-Match.
export function setVersionTag(reply: FastifyReply, version: number) {
  reply.header('etag', `W/"${version}"`);
}

export function requiredVersion(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (header === undefined) throw problems.preconditionRequired();
  const m = /^(?:W\/)?"(\d{1,9})"$/.exec(String(header).trim());
  if (!m) throw problems.badRequest('If-Match 格式有误，应为 W/"版本号"。');
  return Number(m[1]);
}
