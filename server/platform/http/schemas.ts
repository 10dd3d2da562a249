import { z } from 'zod';
import { usccProblem } from '../../../lib/uscc.ts';

// Shared response and parameter schemas used by every module.
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .describe('RFC 9457 问题详情');

/** The error responses a route can give, for the OpenAPI document. */
export function errors(...codes: (400 | 401 | 403 | 404 | 406 | 409 | 412 | 413 | 415 | 422 | 428 | 429)[]) {
  return Object.fromEntries(codes.map((c) => [c, ProblemSchema])) as Record<number, typeof ProblemSchema>;
}

export const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53 - 1),
});

/** The keyset cursor of the next page: the last id when the page is full, else null (no more). */
export function nextKey(items: readonly { id: number }[], limit: number): number | null {
  return items.length === limit ? (items.at(-1)?.id ?? null) : null;
}

/** Keyset paging: `after` is the last id of the previous page. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: z.coerce.number().int().positive().optional(),
});

export const OkSchema = z.object({ ok: z.literal(true) });

/** 统一社会信用代码 (GB 32100-2015, R-ID-1/2): trimmed, upper-cased, check character verified. */
export const UsccString = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, ctx) => {
    const problem = usccProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
