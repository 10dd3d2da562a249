import { Card, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { type CaseSummary, useCases, usePortalCases } from './api.ts';
import { CaseClock, CommitmentTag, StateTag } from './CaseView.tsx';

const MAX = 8;

function Rows({
  items,
  portal,
  commitments,
}: {
  items: CaseSummary[];
  portal: boolean;
  commitments: boolean;
}) {
  return (
    <List
      size="small"
      dataSource={items.slice(0, MAX)}
      renderItem={(c) => (
        <List.Item extra={commitments ? <CommitmentTag date={c.commitmentDue} /> : <CaseClock c={c} />}>
          <Space orientation="vertical" size={0}>
            <Link to={portal ? `/my-cases/${c.id}` : `/cases/${c.id}`}>{c.itemName}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {portal ? c.number : c.applicantName} · <StateTag state={c.state} label={c.stateLabel} />
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** A workbench panel with the live list of one case view (the most urgent first in the queue). */
export function CasePanel({
  title,
  description,
  view,
  testId,
}: {
  title: string;
  description: string;
  view: 'intake' | 'deliver' | 'queue' | 'commitments' | 'all' | 'portal';
  testId: string;
}) {
  const portal = view === 'portal';
  const staff = useCases({ view: portal ? 'all' : view, limit: 50 }, !portal);
  const mine = usePortalCases(portal);
  const q = portal ? mine : staff;
  const items = q.data?.items ?? [];
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      loading={q.isPending}
      extra={
        <Link to={portal ? '/my-cases' : `/cases?view=${view}`}>
          {items.length > MAX ? `全部 ${items.length} 件` : '查看'}
        </Link>
      }
    >
      {items.length ? (
        <Rows items={items} portal={portal} commitments={view === 'commitments'} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} />
      )}
    </Card>
  );
}
