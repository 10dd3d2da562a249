import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';

/**
 * Keyset paging state: the cursors of the pages visited so far (page 1 has none), so 上一页 goes
 * back without the server needing offsets.
 */
export function useKeysetPages<C>() {
  const [cursors, setCursors] = useState<(C | undefined)[]>([undefined]);
  const page = cursors.length;
  const cursor = cursors[cursors.length - 1];
  const next = useCallback((c: C) => setCursors((cs) => [...cs, c]), []);
  const prev = useCallback(() => setCursors((cs) => (cs.length > 1 ? cs.slice(0, -1) : cs)), []);
  const reset = useCallback(() => setCursors([undefined]), []);
  return { page, cursor, next, prev, reset };
}

export function KeysetPager({
  page,
  count,
  hasNext,
  onPrev,
  onNext,
  pageSize,
  pageSizes = [20, 50, 100],
  onPageSize,
  loading,
}: {
  page: number;
  count: number;
  hasNext: boolean;
  onPrev: () => void;
  onNext: () => void;
  pageSize: number;
  pageSizes?: number[];
  onPageSize: (n: number) => void;
  loading?: boolean;
}) {
  return (
    <nav
      aria-label="分页"
      style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', marginTop: 16, gap: 16 }}
    >
      <Typography.Text type="secondary" aria-live="polite">
        第 {page} 页，本页 {count} 条
      </Typography.Text>
      <Space>
        <Button icon={<LeftOutlined />} disabled={page <= 1 || loading} onClick={onPrev}>
          上一页
        </Button>
        <Button disabled={!hasNext || loading} onClick={onNext}>
          下一页 <RightOutlined />
        </Button>
        <Select<number>
          value={pageSize}
          onChange={onPageSize}
          options={pageSizes.map((n) => ({ value: n, label: `每页 ${n} 条` }))}
          style={{ width: 120 }}
          aria-label="每页条数"
        />
      </Space>
    </nav>
  );
}

/**
 * The pager of a keyset list query, the one footer every list uses: its page, its next cursor
 * (`nextAfter`, or `nextBefore` for lists read newest first) and its page size.
 */
export function ListPager<C>({
  pages,
  list,
  pageSize,
  setPageSize,
  pageSizes,
}: {
  pages: { page: number; next: (c: C) => void; prev: () => void; reset: () => void };
  list: {
    data?: { items: readonly unknown[]; nextAfter?: C | null; nextBefore?: C | null };
    isFetching: boolean;
  };
  pageSize: number;
  setPageSize: (n: number) => void;
  pageSizes?: number[];
}) {
  const next = list.data?.nextAfter ?? list.data?.nextBefore ?? null;
  return (
    <KeysetPager
      page={pages.page}
      count={list.data?.items.length ?? 0}
      hasNext={next !== null}
      onPrev={pages.prev}
      onNext={() => next !== null && pages.next(next)}
      pageSize={pageSize}
      pageSizes={pageSizes}
      onPageSize={(n) => {
        setPageSize(n);
        pages.reset();
      }}
      loading={list.isFetching}
    />
  );
}
