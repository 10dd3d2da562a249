import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { SUPERVISION_SOURCE_LABELS, SUPERVISION_SOURCES } from '../../../../lib/supervision.ts';
import { can, useSession } from '../../app/session.tsx';
import { DataTable, ListFilters, SearchFilter, usePagedList } from '../../ui/DataTable.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { AssignModal } from './AssignModal.tsx';
import { type SupervisionQuery, type SupervisionSummary, useSupervisionList } from './api.ts';
import { SupervisionStatusTag, SupervisionWarningTag } from './view.tsx';

const STATUS_FILTERS: { value: NonNullable<SupervisionQuery['status']>; label: string }[] = [
  { value: 'open', label: '督办中' },
  { value: 'reported', label: '待确认办结' },
  { value: 'done', label: '已办结' },
  { value: 'cancelled', label: '已撤销' },
  { value: 'overdue', label: '超期' },
];

const WARNING_FILTERS: { value: NonNullable<SupervisionQuery['warning']>; label: string }[] = [
  { value: 'red', label: '红灯' },
  { value: 'yellow', label: '黄灯' },
  { value: 'green', label: '绿灯' },
];

interface Filters {
  status?: string;
  source?: string;
  warning?: string;
  q?: string;
}

/** 督办台账: every tracked item the reader may see, open ones by due date first. */
export default function SupervisionPage() {
  const me = useSession();
  const [assigning, setAssigning] = useState(false);
  const paged = usePagedList<Filters>(
    { status: undefined, source: undefined, warning: undefined, q: undefined },
    { url: true },
  );
  const { status, source, warning, q } = paged.filters;
  const list = useSupervisionList({
    ...(status ? { status: status as SupervisionQuery['status'] } : {}),
    ...(source ? { source: source as SupervisionQuery['source'] } : {}),
    ...(warning ? { warning: warning as SupervisionQuery['warning'] } : {}),
    ...(q ? { q } : {}),
    page: paged.page,
    limit: paged.pageSize,
  });

  const columns: TableColumnsType<SupervisionSummary> = [
    {
      title: '督办内容',
      dataIndex: 'content',
      render: (c: string, x) => <Link to={`/supervision/${x.id}`}>{c}</Link>,
    },
    {
      title: '来源',
      dataIndex: 'sourceLabel',
      width: 220,
      render: (l: string, x) => (
        <Space orientation="vertical" size={0}>
          <span>{l}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {x.sourceTitle}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '责任单位', dataIndex: 'ownerName', width: 200 },
    {
      title: '责任人',
      dataIndex: 'responsiblePerson',
      width: 100,
      render: (p: string | null) => p ?? '—',
    },
    { title: '到期日', dataIndex: 'dueDate', width: 110, render: (d: string | null) => d ?? '—' },
    {
      title: '预警',
      dataIndex: 'warning',
      width: 100,
      render: (w: SupervisionSummary['warning']) => <SupervisionWarningTag level={w} />,
    },
    {
      title: '催办',
      dataIndex: 'urgedCount',
      width: 80,
      render: (n: number) => `${n} 次`,
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (s: SupervisionSummary['status'], x) => (
        <SupervisionStatusTag status={s} label={x.statusLabel} />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="督办台账"
        subtitle="告知函承诺、会议议定事项和领导批示等纳入督办的事项：按时限亮灯预警，责任单位报告进展并附办结证明，经督查室确认后办结。"
        extra={
          can(me, 'supervision:assign') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)}>
              交办督办事项
            </Button>
          )
        }
      />
      <Card size="small">
        <ListFilters paged={paged} list={list}>
          <Select<string>
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={(v) => paged.setFilter('status', v)}
            options={STATUS_FILTERS}
            style={{ width: 140 }}
            aria-label="状态"
          />
          <Select<string>
            allowClear
            placeholder="全部来源"
            value={source}
            onChange={(v) => paged.setFilter('source', v)}
            options={SUPERVISION_SOURCES.map((s) => ({ value: s, label: SUPERVISION_SOURCE_LABELS[s] }))}
            style={{ width: 160 }}
            aria-label="来源"
          />
          <Select<string>
            allowClear
            placeholder="全部预警"
            value={warning}
            onChange={(v) => paged.setFilter('warning', v)}
            options={WARNING_FILTERS}
            style={{ width: 120 }}
            aria-label="预警"
          />
          <SearchFilter
            value={q}
            onSearch={(v) => paged.setFilter('q', v)}
            placeholder="督办内容"
            style={{ width: 260 }}
            aria-label="检索督办内容"
          />
        </ListFilters>
        <DataTable<SupervisionSummary, Filters>
          list={list}
          paged={paged}
          what="督办事项"
          columns={columns}
          locale={{ emptyText: '没有符合条件的督办事项' }}
          data-testid="supervision-table"
        />
      </Card>
      <AssignModal open={assigning} onClose={() => setAssigning(false)} />
    </>
  );
}
