import { Card, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { type SupervisionSummary, useSupervisionList } from './api.ts';
import { SupervisionStatusTag, SupervisionWarningTag } from './view.tsx';

const MAX = 8;
export type SupervisionView = 'tracking' | 'mine';

/**
 * A live workbench panel over the tracker: for the supervision office the reports waiting for its
 * confirmation, then the overdue items; for a department its open items by due date.
 */
export function SupervisionPanel({
  title,
  description,
  view,
  testId,
}: {
  title: string;
  description: string;
  view: SupervisionView;
  testId: string;
}) {
  const tracking = view === 'tracking';
  const first = useSupervisionList({ status: tracking ? 'reported' : 'open', limit: MAX });
  const overdue = useSupervisionList({ status: 'overdue', limit: MAX }, tracking);
  const rows: SupervisionSummary[] = [
    ...(first.data?.items ?? []),
    ...(tracking ? (overdue.data?.items ?? []) : []),
  ].slice(0, MAX);
  const total = (first.data?.total ?? 0) + (tracking ? (overdue.data?.total ?? 0) : 0);
  const loading = first.isPending || (tracking && overdue.isPending);
  const more = tracking ? '/supervision' : '/supervision?status=open';
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      loading={loading}
      extra={<Link to={more}>{total > rows.length ? `全部 ${total} 项` : '督办台账'}</Link>}
    >
      {rows.length ? (
        <List
          size="small"
          dataSource={rows}
          renderItem={(x) => (
            <List.Item key={x.id} extra={<SupervisionWarningTag level={x.warning} />}>
              <Space orientation="vertical" size={0}>
                <Link to={`/supervision/${x.id}`}>{x.content}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {tracking ? x.ownerName : x.sourceLabel}
                  {x.dueDate && ` · ${x.dueDate} 到期`}{' '}
                  <SupervisionStatusTag status={x.status} label={x.statusLabel} />
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />
      )}
    </Card>
  );
}
