import { type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from './client.ts';

/**
 * Counts stop here: an exact count over a million cases costs more than the page it describes,
 * and nobody pages past ten thousand rows (they narrow the filter instead).
 */
export const COUNT_CAP = 10_000;

/** Which rows of a list: `limit` of them, at a numbered page or after a keyset cursor. */
export interface PageRequest {
  limit: number;
  /** 1-based page number (offset paging, below COUNT_CAP). */
  page?: number;
}

export interface Page<R> {
  rows: R[];
  /** Rows matching the filter, counted up to COUNT_CAP. */
  total: number;
  /** The count stopped at COUNT_CAP: there are more. */
  capped: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: any select query over any tables
type AnySelect<O> = SelectQueryBuilder<any, any, O>;

/**
 * One page of a list: `filtered` is the list's rows in scope and filter (without cursor, order or
 * limit), `arrange` adds the order and, for keyset clients, the cursor. The total counts `filtered`
 * so it does not change as the reader pages.
 */
export async function readPage<O>(
  db: Db,
  filtered: AnySelect<O>,
  p: PageRequest,
  arrange: (q: AnySelect<O>) => AnySelect<O> = (q) => q,
  keyset = false,
): Promise<Page<O>> {
  const offset = offsetOf(p);
  let q = arrange(filtered).limit(p.limit);
  if (offset) q = q.offset(offset);
  return withTotal(await q.execute(), p, keyset, () => countCapped(db, filtered));
}

/** The rows a numbered page skips. */
export const offsetOf = (p: PageRequest) => (p.page ? (p.page - 1) * p.limit : 0);

/** A page's rows with the total: counted, unless a short page without a cursor already tells it. */
export async function withTotal<R>(
  rows: R[],
  p: PageRequest,
  keyset: boolean,
  count: () => Promise<{ total: number; capped: boolean }>,
): Promise<Page<R>> {
  const offset = offsetOf(p);
  if (!keyset && rows.length < p.limit && (rows.length > 0 || offset === 0)) {
    return { rows, total: offset + rows.length, capped: false };
  }
  return { rows, ...(await count()) };
}

/** A LIKE pattern matching `text` anywhere, its wildcards escaped. */
export function containing(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** How many rows a query matches, counted up to COUNT_CAP. */
export async function countCapped(db: Db, filtered: AnySelect<unknown>) {
  const inner = filtered
    .clearSelect()
    .clearOrderBy()
    .clearLimit()
    .clearOffset()
    .select(sql<number>`1`.as('one'))
    .limit(COUNT_CAP + 1);
  const r = await db
    .selectFrom(inner.as('t'))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  return { total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
