import type { PageData } from '../ui/DataTable.tsx';

/**
 * Reads a whole list page by page (for exports and pickers): the server pages by number up to
 * its count cap, so `max` never needs to go beyond 10,000. `onProgress` gets rows read and total.
 */
export async function collectPages<T>(
  fetchPage: (page: number, limit: number) => Promise<PageData<T>>,
  {
    max = 10_000,
    limit = 500,
    onProgress,
  }: { max?: number; limit?: number; onProgress?: (read: number, total: number) => void } = {},
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const data = await fetchPage(page, limit);
    items.push(...data.items);
    onProgress?.(items.length, data.total);
    const more = data.items.length === limit && (items.length < data.total || data.totalCapped);
    if (!more) return { items, truncated: false };
    if (items.length >= max) return { items: items.slice(0, max), truncated: true };
  }
}
