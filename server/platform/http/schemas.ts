import { z } from 'zod';
import { usccProblem } from '../../../lib/uscc.ts';
import { COUNT_CAP, type Page } from '../../db/paging.ts';

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
function nextKey(items: readonly { id: number }[], limit: number): number | null {
  return items.length === limit ? (items.at(-1)?.id ?? null) : null;
}

const PositiveId = z.coerce.number().int().positive();

/**
 * A list's query: its filters plus the paging every list shares: `limit`, a numbered `page` (for
 * the table's page numbers and jump, below COUNT_CAP rows) and a keyset cursor for clients that
 * walk the whole list (`after` for lists in id order, `before` for lists read newest first).
 */
export function listQuery<S extends z.ZodRawShape, C extends 'after' | 'before' = 'after'>(
  filters: S,
  opts: { limit?: number; maxLimit?: number; cursor?: C } = {},
) {
  const cursor = (opts.cursor ?? 'after') as C;
  const paging = {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(opts.maxLimit ?? 500)
      .default(opts.limit ?? 50),
    page: z.coerce.number().int().min(1).optional(),
    [cursor]: PositiveId.optional(),
  } as { limit: z.ZodDefault<z.ZodCoercedNumber>; page: z.ZodOptional<z.ZodCoercedNumber> } & Record<
    C,
    z.ZodOptional<typeof PositiveId>
  >;
  return z.object({ ...filters, ...paging }).superRefine((q, ctx) => {
    const p = q as { page?: number; limit: number };
    if (p.page && (p.page - 1) * p.limit >= COUNT_CAP) {
      ctx.addIssue({
        code: 'custom',
        path: ['page'],
        message: `页码超出范围：按页浏览最多到第 ${COUNT_CAP.toLocaleString('en')} 条，请缩小筛选条件`,
      });
    }
  });
}

/** A page of a list: its items, the filter's total (counted up to COUNT_CAP) and the next cursor. */
export function pageOf<T extends z.ZodType, C extends 'nextAfter' | 'nextBefore' = 'nextAfter'>(
  item: T,
  cursor: C = 'nextAfter' as C,
) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe(`符合条件的条数，最多数到 ${COUNT_CAP}`),
    totalCapped: z.boolean().describe(`为 true 时实际条数多于 ${COUNT_CAP}`),
    ...({ [cursor]: z.number().nullable() } as Record<C, z.ZodNullable<z.ZodNumber>>),
  });
}

/** The response of a page read by `readPage`, its rows turned into API objects. */
export function pageResponse<R, T extends { id: number }, C extends 'nextAfter' | 'nextBefore' = 'nextAfter'>(
  page: Page<R>,
  present: (row: R) => T,
  limit: number,
  cursor: C = 'nextAfter' as C,
) {
  const items = page.rows.map(present);
  return {
    items,
    total: page.total,
    totalCapped: page.capped,
    ...({ [cursor]: nextKey(items, limit) } as Record<C, number | null>),
  };
}

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
