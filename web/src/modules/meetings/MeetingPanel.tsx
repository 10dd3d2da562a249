import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format.ts';
import { type MeetingSummary, useMeetingCalendar } from './api.ts';
import { MeetingStateTag } from './MeetingView.tsx';

const MAX = 8;
export type MeetingView = 'organiser' | 'chair' | 'attendee';

/**
 * A live workbench panel over the meetings of the last and next 30 days: the organiser's meetings
 * still open, the chair's minutes to sign and those issued, an invited unit's coming meetings.
 */
export function MeetingPanel({
  title,
  description,
  view,
  testId,
}: {
  title: string;
  description: string;
  view: MeetingView;
  testId: string;
}) {
  const from = dayjs().subtract(30, 'day').format('YYYY-MM-DD');
  const to = dayjs().add(30, 'day').format('YYYY-MM-DD');
  const q = useMeetingCalendar(from, to);
  const now = Date.now();
  const all = q.data?.items ?? [];
  const rows: MeetingSummary[] =
    view === 'organiser'
      ? all.filter((m) => m.state === 'draft' || m.state === 'convened' || m.state === 'held')
      : view === 'chair'
        ? [
            // Agendas to approve before the notice, then minutes to sign, then those issued.
            ...all.filter((m) => m.state === 'draft' && m.kind !== 'regular' && !m.agendaApprovedAt),
            ...all.filter((m) => m.state === 'held'),
            ...all.filter((m) => m.state === 'minutes_issued').reverse(),
          ]
        : all.filter((m) => m.state === 'convened' && Date.parse(m.startsAt) > now - 86_400_000);
  return (
    <Card
      title={title}
      size="small"
      data-testid={testId}
      loading={q.isPending}
      extra={<Link to="/meetings">{rows.length > MAX ? `全部 ${rows.length} 场` : '会议日历'}</Link>}
    >
      {rows.length ? (
        <List
          size="small"
          dataSource={rows.slice(0, MAX)}
          renderItem={(m) => (
            <List.Item key={m.id} extra={<MeetingStateTag m={m} />}>
              <Space orientation="vertical" size={0}>
                <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {formatDateTime(m.startsAt, false)} · {m.kindLabel} {m.urgent && <Tag color="red">急</Tag>}
                  {view === 'chair' && m.state === 'held' && <Tag color="warning">待签发纪要</Tag>}
                  {view === 'chair' && m.state === 'draft' && <Tag color="processing">待审定议题</Tag>}
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
