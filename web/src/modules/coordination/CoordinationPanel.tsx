import { Card, Empty, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { type RequestSummary, useConsultations, useRequests } from './api.ts';
import { StateTag, WarningTag } from './view.tsx';

const MAX = 8;

interface Row {
  key: number;
  to: string;
  title: string;
  sub: string;
  warning: RequestSummary['warningLevel'] | null;
  state: RequestSummary | null;
}
export type CoordinationView = 'consultations' | 'requests' | 'escalations' | 'portal';

/** A live workbench panel: the department's open consultations, or open requests of the reader. */
export function CoordinationPanel({
  title,
  description,
  view,
  testId,
}: {
  title: string;
  description: string;
  view: CoordinationView;
  testId: string;
}) {
  const consultations = useConsultations('open', view === 'consultations');
  const requests = useRequests(
    view === 'portal' ? 'portal' : 'staff',
    { open: 'true', limit: 100 },
    view !== 'consultations',
  );
  const loading = view === 'consultations' ? consultations.isPending : requests.isPending;
  const rows: Row[] =
    view === 'consultations'
      ? (consultations.data ?? []).map((c) => ({
          key: c.id,
          to: `/consultations/${c.id}`,
          title: `${c.projectName ?? ''}（${c.departmentName}）`,
          sub: `答复期限 ${c.replyBy}`,
          warning: c.warningLevel,
          state: null,
        }))
      : (requests.data?.items ?? [])
          .filter((r) => view !== 'escalations' || r.level === 'leader')
          .map((r) => ({
            key: r.id,
            to: view === 'portal' ? `/my-coordination/${r.id}` : `/coordination/${r.id}`,
            title: r.projectName,
            sub: `${r.number} · ${r.levelLabel}`,
            warning: view === 'portal' ? null : r.warningLevel,
            state: r,
          }));
  const more =
    view === 'consultations' ? '/consultations' : view === 'portal' ? '/my-coordination' : '/coordination';
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      loading={loading}
      extra={<Link to={more}>{rows.length > MAX ? `全部 ${rows.length} 件` : '查看'}</Link>}
    >
      {rows.length ? (
        <List
          size="small"
          dataSource={rows.slice(0, MAX)}
          renderItem={(r) => (
            <List.Item key={r.key} extra={r.warning ? <WarningTag level={r.warning} /> : null}>
              <Space orientation="vertical" size={0}>
                <Link to={r.to}>{r.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {r.sub} {r.state && <StateTag state={r.state.state} label={r.state.stateLabel} />}
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
