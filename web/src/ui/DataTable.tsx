import { ReloadOutlined, UndoOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Button, Input, Space, Table, type TableProps } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadError } from '../modules/errors/ErrorPages.tsx';

/** What every list endpoint answers: a page of items and the filter's total (counted up to a cap). */
export interface PageData<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
}

const PAGE_SIZES = [20, 50, 100];

/** Undefined and empty-string filters are left out of the query (an empty filter means "all"). */
function present<F extends object>(filters: F): Partial<F> {
  return Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<F>;
}

/** Filters kept in the address: their values are strings, and every key is named in `initial`. */
function useUrlFilters<F extends object>(initial: F) {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(initial) as (keyof F & string)[];
  const filters = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? (initial[k] as unknown)])) as F;
  const set = (next: F) =>
    setParams(
      (p) => {
        for (const k of keys) {
          const v = next[k] as unknown;
          if (v === undefined || v === '' || v === initial[k]) p.delete(k);
          else p.set(k, String(v));
        }
        return p;
      },
      { replace: true },
    );
  return [filters, set] as const;
}

/**
 * The state of one list: its filters, page number and page size. Changing a filter or the page
 * size returns to page 1; `reset` restores the initial filters. `query` is what the list hook sends.
 * With `url`, the filters (strings) live in the address, so a filtered list can be bookmarked and
 * survives going back.
 */
export function usePagedList<F extends object>(initial: F, { pageSize = 50, url = false } = {}) {
  const [initialFilters] = useState(initial);
  const [stateFilters, setStateFilters] = useState<F>(initial);
  const [urlFilters, setUrlFilters] = useUrlFilters(initialFilters);
  const filters = url ? urlFilters : stateFilters;
  const store = url ? setUrlFilters : setStateFilters;
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  const replaceFilters = (next: F) => {
    store(next);
    setPage(1);
  };
  const setFilter = <K extends keyof F>(key: K, value: F[K]) => replaceFilters({ ...filters, [key]: value });
  const reset = () => replaceFilters(initialFilters);
  const dirty = useMemo(
    () => JSON.stringify(present(filters)) !== JSON.stringify(present(initialFilters)),
    [filters, initialFilters],
  );
  return {
    filters,
    setFilter,
    replaceFilters,
    reset,
    dirty,
    page,
    pageSize: size,
    query: { ...present(filters), page, limit: size },
    onPage: (p: number, s: number) => {
      if (s !== size) {
        setSize(s);
        setPage(1);
      } else setPage(p);
    },
  };
}
export type PagedList<F extends object> = ReturnType<typeof usePagedList<F>>;

/** 共 1,234 条, or 10,000+ when the server stopped counting. */
export function totalLabel(total: number, capped: boolean) {
  return `共 ${total.toLocaleString('zh-CN')}${capped ? '+' : ''} 条`;
}

/**
 * The table of every list: the rows of the current page, page numbers with jump and page size,
 * the total, a load error with retry in place of the table.
 */
export function DataTable<T extends { id: number }, F extends object>({
  list,
  paged,
  what,
  ...table
}: {
  list: UseQueryResult<PageData<T>>;
  paged: PagedList<F>;
  /** The rows' name for messages: 办件, 用户 … */
  what: string;
} & Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'>) {
  if (list.isError && !list.data) {
    return <LoadError error={list.error} what={what} onRetry={() => void list.refetch()} />;
  }
  const data = list.data;
  return (
    <Table<T>
      rowKey="id"
      {...table}
      dataSource={data?.items ?? []}
      loading={list.isFetching}
      pagination={listPagination(data, paged)}
    />
  );
}

/** Page numbers with jump, page size and the total: the footer of every table and list. */
export function listPagination<F extends object>(data: PageData<unknown> | undefined, paged: PagedList<F>) {
  return {
    current: paged.page,
    pageSize: paged.pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showQuickJumper: true,
    showTotal: () => (data ? totalLabel(data.total, data.totalCapped) : ''),
    onChange: paged.onPage,
    align: 'end' as const,
  };
}

/**
 * The filter row above a table: the filters, then 重置 (enabled once a filter is set) and 刷新;
 * `extra` goes to the right end.
 */
export function ListFilters<F extends object>({
  paged,
  list,
  children,
  extra,
}: {
  paged: PagedList<F>;
  list?: { refetch: () => unknown; isFetching: boolean };
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
      <Space wrap>
        {children}
        <Button icon={<UndoOutlined />} disabled={!paged.dirty} onClick={paged.reset}>
          重置
        </Button>
        {list && (
          <Button
            icon={<ReloadOutlined />}
            loading={list.isFetching}
            onClick={() => void list.refetch()}
            aria-label="刷新"
          />
        )}
      </Space>
      {extra}
    </Space>
  );
}

/**
 * A search box bound to a text filter: searches on Enter, and shows the filter's value again when
 * the filter changes elsewhere (重置).
 */
export function SearchFilter({
  value,
  onSearch,
  ...input
}: {
  value: string | undefined;
  onSearch: (v: string | undefined) => void;
} & Omit<React.ComponentProps<typeof Input.Search>, 'value' | 'onSearch' | 'defaultValue'>) {
  return (
    <Input.Search
      key={value ?? ''}
      defaultValue={value}
      allowClear
      onSearch={(v) => onSearch(v.trim() || undefined)}
      {...input}
    />
  );
}
