import { FileExcelOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { EXPORT_LABEL } from '../../messages/zh-CN.ts';
import { DataTable, ListFilters, SearchFilter, usePagedList } from '../../ui/DataTable.tsx';
import { downloadBlob, fileStamp } from '../../ui/xlsx.ts';
import {
  fetchAllItems,
  type ItemQuery,
  type ItemSummary,
  type ItemVersion,
  useAllItems,
  useItems,
} from './api.ts';
import { departmentsOf, limitText } from './catalog.ts';
import { itemsWorkbook } from './exportXlsx.ts';
import { ImportModal } from './ImportModal.tsx';
import { ItemDrawer } from './ItemDrawer.tsx';
import { ItemFormModal, type ItemFormState } from './ItemFormModal.tsx';
import { ITEM_STATUS_LABELS, KIND_LABELS } from './labels.ts';

const EXPORT_MAX = 10_000;
const zh = (a: string, b: string) => a.localeCompare(b, 'zh-CN');

export function ItemsTab({ region }: { region: string }) {
  const me = useSession();
  const { message } = App.useApp();
  const paged = usePagedList<Pick<ItemQuery, 'departmentId' | 'q' | 'includeWithdrawn'>>({});
  const { departmentId, q } = paged.filters;
  const withdrawn = Boolean(paged.filters.includeWithdrawn);
  const [openId, setOpenId] = useState<number | null>(null);
  const [formState, setFormState] = useState<ItemFormState>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [lastRegion, setLastRegion] = useState(region);

  // A new region has other departments and other pages.
  if (lastRegion !== region) {
    setLastRegion(region);
    paged.reset();
  }

  const { page: _page, limit: _limit, ...filter } = paged.query;
  const list = useItems({ region, ...paged.query });
  const all = useAllItems(region);
  const departments = useMemo(() => departmentsOf(all.data ?? []), [all.data]);

  const exportXlsx = async () => {
    setExporting(true);
    const key = 'catalog-export';
    try {
      const { items, truncated } = await fetchAllItems(region, filter, EXPORT_MAX, (n, total) =>
        message.loading({ key, content: `正在读取事项…${n} / ${total} 项`, duration: 0 }),
      );
      const now = new Date().toISOString();
      const dept = departments.find((d) => d.value === departmentId)?.label;
      const blob = await itemsWorkbook(items, {
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now,
        filters:
          [`区划 ${region}`, dept && `部门 ${dept}`, q && `关键词“${q}”`, withdrawn && '含已取消事项']
            .filter(Boolean)
            .join('；') || '全部',
        truncated,
      });
      downloadBlob(blob, `事项清单_${region}_${fileStamp(now)}.xlsx`);
      message.success({ key, content: `已导出 ${items.length} 项事项` });
    } catch (err) {
      message.error({ key, content: `导出失败：${errorMessage(err)}` });
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<ItemSummary> = [
    {
      title: '事项名称',
      dataIndex: 'name',
      sorter: (a, b) => zh(a.name, b.name),
      render: (name: string, i) => (
        <Space size={4}>
          <Button
            type="link"
            size="small"
            style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
            aria-label={`查看事项 ${name}`}
            onClick={(e) => {
              e.stopPropagation();
              setOpenId(i.id);
            }}
          >
            {name}
          </Button>
          {i.status === 'withdrawn' && <Tag color="red">{ITEM_STATUS_LABELS.withdrawn}</Tag>}
        </Space>
      ),
    },
    {
      title: '实施编码',
      dataIndex: 'implementationCode',
      width: 150,
      sorter: (a, b) => a.implementationCode.localeCompare(b.implementationCode),
    },
    {
      title: '部门',
      dataIndex: 'departmentName',
      width: 150,
      sorter: (a, b) => zh(a.departmentName, b.departmentName),
    },
    {
      title: '即办/承诺件',
      dataIndex: 'kind',
      width: 110,
      sorter: (a, b) => a.kind.localeCompare(b.kind),
      render: (k: ItemSummary['kind']) => (
        <Tag color={k === 'instant' ? 'green' : 'blue'}>{KIND_LABELS[k]}</Tag>
      ),
    },
    {
      title: '法定/承诺时限',
      key: 'limit',
      width: 210,
      sorter: (a, b) => a.promisedDays - b.promisedDays || a.legalDays - b.legalDays,
      render: (_: unknown, i) => limitText(i),
    },
    {
      title: '审批层级',
      dataIndex: 'approvalLevels',
      width: 100,
      sorter: (a, b) => a.approvalLevels - b.approvalLevels,
      render: (n: number) => `${n} 级`,
    },
    {
      title: '网办',
      dataIndex: 'online',
      width: 80,
      sorter: (a, b) => Number(a.online) - Number(b.online),
      render: (v: boolean) => (v ? <Tag color="green">支持</Tag> : <Tag>不支持</Tag>),
    },
    {
      title: '材料数',
      dataIndex: 'materialCount',
      width: 90,
      sorter: (a, b) => a.materialCount - b.materialCount,
    },
    {
      title: '版本',
      dataIndex: 'versionNo',
      width: 80,
      sorter: (a, b) => a.versionNo - b.versionNo,
      render: (n: number) => `V${n}`,
    },
  ];

  return (
    <Card size="small">
      <ListFilters
        paged={paged}
        list={list}
        extra={
          <Space wrap>
            {can(me, 'catalog:draft') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setFormState({ mode: 'add', region })}
                data-testid="catalog-add-item"
              >
                新增事项
              </Button>
            )}
            {can(me, 'catalog:approve') && (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="catalog-import"
              >
                导入
              </Button>
            )}
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting}
              onClick={() => void exportXlsx()}
              data-testid="catalog-export"
            >
              {EXPORT_LABEL}
            </Button>
          </Space>
        }
      >
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部部门"
          value={departmentId}
          onChange={(v) => paged.setFilter('departmentId', v)}
          options={departments}
          loading={all.isPending}
          style={{ width: 200 }}
          aria-label="部门"
          data-testid="catalog-department-filter"
        />
        <SearchFilter
          value={q}
          onSearch={(v) => paged.setFilter('q', v)}
          placeholder="事项名称或编码"
          maxLength={50}
          style={{ width: 220 }}
          aria-label="搜索事项"
          data-testid="catalog-search"
        />
        <Checkbox
          checked={withdrawn}
          onChange={(e) => paged.setFilter('includeWithdrawn', e.target.checked ? 'true' : undefined)}
        >
          含已取消事项
        </Checkbox>
      </ListFilters>
      <DataTable<ItemSummary, typeof paged.filters>
        list={list}
        paged={paged}
        what="事项清单"
        size="middle"
        columns={columns}
        showSorterTooltip={{ title: '按本页数据排序' }}
        onRow={(i) => ({ onClick: () => setOpenId(i.id), style: { cursor: 'pointer' } })}
        locale={{
          emptyText: q || departmentId ? '没有符合条件的事项' : '该区划还没有发布的事项',
        }}
        data-testid="catalog-items"
      />
      <ItemDrawer
        itemId={openId}
        onClose={() => setOpenId(null)}
        onModify={(base: ItemVersion) => setFormState({ mode: 'modify', base })}
      />
      <ItemFormModal state={formState} onClose={() => setFormState(null)} />
      <ImportModal region={region} open={importing} onClose={() => setImporting(false)} />
    </Card>
  );
}
