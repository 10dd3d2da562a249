import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { WARNING_LABELS } from '../../../../lib/warning.ts';
import { errorMessage } from '../../api/problem.ts';
import { useSession } from '../../app/session.tsx';
import { EXPORT_LABEL } from '../../messages/zh-CN.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { downloadBlob, fileStamp, tableWorkbook } from '../../ui/xlsx.ts';
import { LoadError } from '../errors/ErrorPages.tsx';
import { type Commitment, type CommitmentQuery, useCommitments } from './api.ts';
import { CommitmentActionModal } from './CommitmentActionModal.tsx';
import { WarningTag } from './view.tsx';

type SortOrder = 'ascend' | 'descend' | null;
type Filter = 'all' | 'open' | 'overdue' | 'done';
const FILTER_LABELS: Record<Filter, string> = { all: '全部', open: '在办', overdue: '逾期', done: '已办结' };
const FILTERS = Object.keys(FILTER_LABELS) as Filter[];

const STATUS_LABELS: Record<string, string> = { open: '在办', done: '已办结' };

const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;
const warningLabel = (w: Commitment['warningLevel']) => (w ? WARNING_LABELS[w] : '—');
/** Commitments without a due date sort last. */
const byDue = (a: Commitment, b: Commitment) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999');

/** 承诺督办: commitments from letters and leaders' instructions, with their lights, urging and closing. */
export default function CommitmentsPage() {
  const me = useSession();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('open');
  const [departments, setDepartments] = useState<string[] | null>(null);
  const [dueOrder, setDueOrder] = useState<SortOrder>(null);
  const [target, setTarget] = useState<{ kind: 'urge' | 'done'; row: Commitment } | null>(null);
  const [exporting, setExporting] = useState(false);
  const query: CommitmentQuery = { limit: 500, ...(filter === 'all' ? {} : { status: filter }) };
  const list = useCommitments(query);
  const items = list.data?.items ?? [];

  const departmentNames = useMemo(
    () => [...new Set(items.map((k) => k.departmentName))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [items],
  );
  /** The rows as the table shows them; filtering and sorting are done here so the export matches. */
  const visible = useMemo(() => {
    const rows = departments?.length
      ? items.filter((k) => departments.includes(k.departmentName))
      : [...items];
    if (dueOrder) rows.sort((a, b) => (dueOrder === 'ascend' ? byDue(a, b) : byDue(b, a)));
    return rows;
  }, [items, departments, dueOrder]);

  const exportXlsx = async () => {
    setExporting(true);
    try {
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
          ['承诺部门', departments?.length ? departments.join('、') : '全部'],
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
      filters: departmentNames.map((d) => ({ text: d, value: d })),
      filteredValue: departments,
    },
    { title: '承诺内容', dataIndex: 'content' },
    {
      title: '完成期限',
      dataIndex: 'dueDate',
      width: 120,
      sorter: true,
      sortOrder: dueOrder,
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
        <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={FILTERS.map((v) => ({ value: v, label: FILTER_LABELS[v] }))}
            aria-label="状态"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label="刷新" />
        </Space>
        {list.isError && !list.data ? (
          <LoadError error={list.error} what="承诺事项" onRetry={() => void list.refetch()} />
        ) : (
          <Table<Commitment>
            rowKey="id"
            columns={columns}
            dataSource={visible}
            loading={list.isFetching}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: '没有符合条件的承诺事项' }}
            onChange={(_, filters, sorter) => {
              setDepartments((filters.departmentName as string[] | null) ?? null);
              const s = Array.isArray(sorter) ? sorter[0] : sorter;
              setDueOrder(s?.field === 'dueDate' ? (s.order ?? null) : null);
            }}
            data-testid="commitments-table"
          />
        )}
      </Card>
      <CommitmentActionModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
