import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { WARNING_LABELS } from '../../../../lib/warning.ts';
import { api, body } from '../../api/client.ts';
import { collectPages } from '../../api/paging.ts';
import { errorMessage } from '../../api/problem.ts';
import { useSession } from '../../app/session.tsx';
import { EXPORT_LABEL } from '../../messages/zh-CN.ts';
import { DataTable, ListFilters, usePagedList } from '../../ui/DataTable.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { downloadBlob, fileStamp, tableWorkbook } from '../../ui/xlsx.ts';
import { useUnits } from '../org/api.ts';
import { type Commitment, type CommitmentQuery, useCommitments } from './api.ts';
import { CommitmentActionModal } from './CommitmentActionModal.tsx';
import { WarningTag } from './view.tsx';

type Filter = 'all' | 'open' | 'overdue' | 'done';
const FILTER_LABELS: Record<Filter, string> = { all: '全部', open: '在办', overdue: '逾期', done: '已办结' };
const FILTERS = Object.keys(FILTER_LABELS) as Filter[];

const STATUS_LABELS: Record<string, string> = { open: '在办', done: '已办结' };

const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
const warningLabel = (w: Commitment['warningLevel']) => (w ? WARNING_LABELS[w] : '—');

/** 承诺督办: commitments from letters and leaders' instructions, with their lights, urging and closing. */
export default function CommitmentsPage() {
  const me = useSession();
  const { message } = App.useApp();
  const paged = usePagedList<{ filter: Filter; departmentId?: number; order: 'recent' | 'due' }>(
    { filter: 'open', departmentId: undefined, order: 'recent' },
    { pageSize: 50 },
  );
  const { filter, departmentId, order } = paged.filters;
  const [target, setTarget] = useState<{ kind: 'urge' | 'done'; row: Commitment } | null>(null);
  const [exporting, setExporting] = useState(false);
  const criteria: Omit<CommitmentQuery, 'page' | 'limit'> = {
    ...(filter === 'all' ? {} : { status: filter }),
    ...(departmentId ? { departmentId } : {}),
    order,
  };
  const list = useCommitments({ ...criteria, page: paged.page, limit: paged.pageSize });
  const departments = useUnits({ kind: 'department', limit: 500 });
  const departmentName = departments.data?.items.find((u) => u.id === departmentId)?.name;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { items: visible } = await collectPages((page, limit) =>
        body(api.GET('/api/commitments', { params: { query: { ...criteria, page, limit } } })),
      );
      const now = new Date().toISOString();
      const blob = await tableWorkbook({
        sheet: '承诺事项',
        columns: [
          { header: '协调事项编号', key: 'number', width: 22 },
          { header: '项目', key: 'project', width: 30 },
          { header: '承诺部门', key: 'department', width: 22 },
          { header: '承诺内容', key: 'content', width: 50 },
          { header: '完成期限', key: 'due', width: 14 },
          { header: '预警', key: 'warning', width: 10 },
          { header: '状态', key: 'status', width: 10 },
          { header: '催办次数', key: 'urged', width: 10 },
          { header: '办理情况', key: 'doneNote', width: 40 },
        ] as const,
        rows: visible.map((k) => ({
          number: k.requestNumber,
          project: k.projectName,
          department: k.departmentName,
          content: k.content,
          due: k.dueDate ?? '',
          warning: warningLabel(k.warningLevel),
          status: statusLabel(k.status),
          urged: k.urgedCount,
          doneNote: k.doneNote ?? '',
        })),
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now,
        notes: [
          ['状态', FILTER_LABELS[filter]],
          ['承诺部门', departmentName ?? '全部'],
          ['排序', order === 'due' ? '按完成期限' : '新的在前'],
        ],
      });
      downloadBlob(blob, `承诺事项_${fileStamp(now)}.xlsx`);
      message.success(`已导出 ${visible.length} 项`);
    } catch (err) {
      message.error(`导出失败：${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Commitment> = [
    {
      title: '协调事项',
      dataIndex: 'requestNumber',
      width: 200,
      render: (n: string, k) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/coordination/${k.requestId}`}>{n}</Link>
          <Typography.Text type="secondary">{k.projectName}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '承诺部门',
      dataIndex: 'departmentName',
      width: 180,
    },
    { title: '承诺内容', dataIndex: 'content' },
    {
      title: '完成期限',
      dataIndex: 'dueDate',
      width: 120,
      sorter: true,
      sortOrder: order === 'due' ? 'ascend' : null,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: '预警',
      dataIndex: 'warningLevel',
      width: 90,
      render: (w: Commitment['warningLevel']) => <WarningTag level={w} />,
    },
    { title: '状态', dataIndex: 'status', width: 90, render: statusLabel },
    { title: '催办次数', dataIndex: 'urgedCount', width: 90 },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, k) => (
        <Space size={4}>
          {k.actions.includes('urge') && (
            <Button size="small" onClick={() => setTarget({ kind: 'urge', row: k })}>
              催办
            </Button>
          )}
          {k.actions.includes('done') && (
            <Button size="small" type="primary" onClick={() => setTarget({ kind: 'done', row: k })}>
              报告办结
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="承诺事项督办"
        subtitle="告知函中的部门承诺和领导批示的落实事项：按期限亮灯预警，逾期未办结的可催办，办结后由承诺部门报告销号。"
        extra={
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            {EXPORT_LABEL}
          </Button>
        }
      />
      <Card size="small">
        <ListFilters paged={paged} list={list}>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => paged.setFilter('filter', v)}
            options={FILTERS.map((v) => ({ value: v, label: FILTER_LABELS[v] }))}
            aria-label="状态"
          />
          <Select<number>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部承诺部门"
            value={departmentId}
            onChange={(v) => paged.setFilter('departmentId', v)}
            options={(departments.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            style={{ width: 220 }}
            aria-label="承诺部门"
          />
        </ListFilters>
        <DataTable<Commitment, typeof paged.filters>
          list={list}
          paged={paged}
          what="承诺事项"
          columns={columns}
          locale={{ emptyText: '没有符合条件的承诺事项' }}
          onChange={(_, __, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const next = s?.field === 'dueDate' && s.order ? 'due' : 'recent';
            if (next !== order) paged.setFilter('order', next);
          }}
          data-testid="commitments-table"
        />
      </Card>
      <CommitmentActionModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
