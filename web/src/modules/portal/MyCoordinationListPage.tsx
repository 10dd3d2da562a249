import { FormOutlined } from '@ant-design/icons';
import { Card, Table } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type RequestSummary, useRequests } from '../coordination/api.ts';
import { StateTag } from '../coordination/view.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';

/** 我的协调申请: the enterprise's coordination requests and where each one stands. */
export default function MyCoordinationListPage() {
  const q = useRequests('portal', { limit: 200 });
  return (
    <>
      <PageHeader
        title="我的协调申请"
        subtitle="项目审批中遇到跨部门问题，可提交协调申请；中心征询各部门后出具告知函或组织专题协调。"
        extra={
          <LinkButton type="primary" icon={<FormOutlined />} to="/my-coordination/new">
            提交协调申请
          </LinkButton>
        }
      />
      <Card size="small">
        {q.isError ? (
          <LoadError error={q.error} what="协调申请" onRetry={() => void q.refetch()} />
        ) : (
          <Table<RequestSummary>
            rowKey="id"
            loading={q.isPending}
            dataSource={q.data?.items ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="my-coordination-table"
            locale={{ emptyText: '还没有协调申请，可点击“提交协调申请”开始' }}
            columns={[
              {
                title: '编号',
                dataIndex: 'number',
                width: 200,
                render: (n: string, r) => <Link to={`/my-coordination/${r.id}`}>{n}</Link>,
              },
              { title: '项目名称', dataIndex: 'projectName' },
              {
                title: '状态',
                dataIndex: 'state',
                width: 130,
                render: (s: string, r) => <StateTag state={s} label={r.stateLabel} />,
              },
              { title: '当前层级', dataIndex: 'levelLabel', width: 140 },
              {
                title: '提交时间',
                dataIndex: 'createdAt',
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
