import { FormOutlined } from '@ant-design/icons';
import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type CaseSummary, usePortalCases } from '../cases/api.ts';
import { CaseClock, StateTag } from '../cases/CaseView.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';

/** 我的办件: every case of the enterprise, online or at the window, with its progress. */
export default function MyCasesPage() {
  const q = usePortalCases();
  return (
    <>
      <PageHeader
        title="我的办件"
        subtitle="网上申请和窗口办理的全部事项。点击办件可查看进度、补正材料和下载文书。"
        extra={
          <LinkButton type="primary" icon={<FormOutlined />} to="/apply">
            网上申请
          </LinkButton>
        }
      />
      <Card size="small">
        {q.isError ? (
          <LoadError error={q.error} what="办件" onRetry={() => void q.refetch()} />
        ) : (
          <Table<CaseSummary>
            rowKey="id"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="my-cases"
            locale={{ emptyText: '还没有办件，可点击“网上申请”开始办理' }}
            columns={[
              {
                title: '事项',
                dataIndex: 'itemName',
                render: (n: string, c) => <Link to={`/my-cases/${c.id}`}>{n}</Link>,
              },
              { title: '办件编号', dataIndex: 'number', width: 200 },
              { title: '部门', dataIndex: 'departmentName', width: 200 },
              {
                title: '状态',
                dataIndex: 'state',
                width: 130,
                render: (s: string, c) => <StateTag state={s} label={c.stateLabel} />,
              },
              { title: '承诺办结', key: 'due', width: 170, render: (_: unknown, c) => <CaseClock c={c} /> },
              {
                title: '一件事',
                dataIndex: 'bundleCaseId',
                width: 90,
                render: (b: number | null) => (b ? <Link to={`/my-cases/bundle/${b}`}>查看</Link> : '—'),
              },
              {
                title: '申请时间',
                dataIndex: 'submittedAt',
                width: 150,
                render: (v: string) => formatDateTime(v, false),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
