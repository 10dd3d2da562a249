import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Table } from 'antd';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type CaseSummary, useBundleCase, useDeliverBundle } from '../cases/api.ts';
import { CaseClock, StateTag } from '../cases/CaseView.tsx';
import { LoadError, NotFoundPage } from '../errors/ErrorPages.tsx';

/** A bundle application: its overall state is that of its slowest case; one delivery for all. */
export function BundleCaseView({ portal }: { portal: boolean }) {
  const { id: raw } = useParams();
  const id = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
  const q = useBundleCase(portal ? 'portal' : 'staff', id);
  const me = useSession();
  const { message } = App.useApp();
  const deliver = useDeliverBundle();
  if (id === null) return <NotFoundPage what="一件事申请" />;
  if (q.isError) return <LoadError error={q.error} what="一件事申请" onRetry={() => void q.refetch()} />;
  const b = q.data;
  return (
    <>
      <PageHeader
        title="一件事办理进度"
        subtitle={b?.number}
        crumbs={
          portal
            ? [{ title: '我的办件', to: '/my-cases' }, { title: '一件事' }]
            : [{ title: '办件', to: '/cases' }, { title: '一件事' }]
        }
        extra={
          !portal &&
          b &&
          !b.deliveredAt &&
          can(me, 'case:intake') && (
            <Popconfirm
              title="全部事项办结后统一出件（窗口领取），确定？"
              okText="统一出件"
              cancelText="取消"
              onConfirm={() =>
                deliver.mutate(
                  { id: b.id, method: 'window' },
                  {
                    onSuccess: () => message.success('已统一出件'),
                    onError: (err) => message.error(errorMessage(err)),
                  },
                )
              }
            >
              <Button type="primary">统一出件</Button>
            </Popconfirm>
          )
        }
      />
      {!b ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Card size="small" data-testid="bundle-case">
          <Descriptions
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              { key: 'number', label: '申请编号', children: b.number },
              {
                key: 'state',
                label: '整体进度（以最慢事项为准）',
                children: <StateTag state={b.state} label={b.stateLabel} />,
              },
              {
                key: 'delivered',
                label: '统一出件',
                children: b.deliveredAt ? '已出件' : '全部办结后统一出件',
              },
            ]}
          />
          <Table<CaseSummary>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={b.cases}
            columns={[
              {
                title: '事项',
                dataIndex: 'itemName',
                render: (n: string, c) => (
                  <Link to={portal ? `/my-cases/${c.id}` : `/cases/${c.id}`}>{n}</Link>
                ),
              },
              { title: '部门', dataIndex: 'departmentName' },
              {
                title: '状态',
                dataIndex: 'state',
                render: (s: string, c) => <StateTag state={s} label={c.stateLabel} />,
              },
              { title: '时限', key: 'due', render: (_: unknown, c) => <CaseClock c={c} /> },
            ]}
          />
        </Card>
      )}
    </>
  );
}

export default function MyBundlePage() {
  return <BundleCaseView portal />;
}
