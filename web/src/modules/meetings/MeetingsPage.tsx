import { PlusOutlined } from '@ant-design/icons';
import {
  Badge,
  Button,
  Calendar,
  Card,
  Segmented,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { can, useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { type MeetingSummary, useMeetingCalendar } from './api.ts';
import { MeetingFormModal } from './MeetingFormModal.tsx';
import { MeetingStateTag } from './MeetingView.tsx';

type View = 'month' | 'week';
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** The days a view shows: the month's calendar grid, or Monday to Sunday of the week. */
function rangeOf(view: View, day: Dayjs): [Dayjs, Dayjs] {
  if (view === 'week') {
    const monday = day.subtract(weekdayIndex(day), 'day');
    return [monday, monday.add(6, 'day')];
  }
  const first = day.startOf('month');
  const start = first.subtract(weekdayIndex(first), 'day');
  return [start, start.add(41, 'day')];
}

/** 会议日历: the meetings of a month or a week, by day, with the list beneath. */
export default function MeetingsPage() {
  const me = useSession();
  const navigate = useNavigate();
  const [view, setView] = useState<View>('month');
  const [day, setDay] = useState(dayjs());
  const [creating, setCreating] = useState(false);
  const [from, to] = rangeOf(view, day);
  const list = useMeetingCalendar(from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD'));
  const byDay = useMemo(() => {
    const m = new Map<string, MeetingSummary[]>();
    for (const x of list.data?.items ?? []) {
      const d = dayjs(x.startsAt).format('YYYY-MM-DD');
      m.set(d, [...(m.get(d) ?? []), x]);
    }
    return m;
  }, [list.data]);

  const chip = (x: MeetingSummary) => (
    <Link key={x.id} to={`/meetings/${x.id}`} style={{ display: 'block', fontSize: 12 }} title={x.title}>
      <Badge
        status={x.state === 'cancelled' ? 'default' : x.state === 'minutes_issued' ? 'success' : 'processing'}
      />{' '}
      {dayjs(x.startsAt).format('HH:mm')} {x.title}
    </Link>
  );

  const columns: TableColumnsType<MeetingSummary> = [
    {
      title: '时间',
      dataIndex: 'startsAt',
      width: 150,
      sorter: (a, b) => a.startsAt.localeCompare(b.startsAt),
      defaultSortOrder: 'ascend',
      render: (v: string) => formatDateTime(v, false),
    },
    {
      title: '会议',
      dataIndex: 'title',
      render: (t: string, x) => (
        <Space size={4}>
          <Link to={`/meetings/${x.id}`}>{t}</Link>
          {x.urgent && <Tag color="red">急</Tag>}
        </Space>
      ),
    },
    { title: '类型', dataIndex: 'kindLabel', width: 110 },
    { title: '地点', dataIndex: 'place', width: 200 },
    { title: '状态', dataIndex: 'state', width: 110, render: (_: string, x) => <MeetingStateTag m={x} /> },
  ];

  return (
    <>
      <PageHeader
        title="会议"
        subtitle="专题协调会、工作例会和联席会议：印发通知、回执、记录议定事项，纪要签发后议定事项纳入督办。"
        extra={
          <Space wrap>
            <LinkButton to="/meetings/system">会议制度</LinkButton>
            {can(me, 'meeting:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                筹备会议
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'month', label: '月' },
              { value: 'week', label: '周' },
            ]}
            aria-label="日历视图"
          />
          <Button onClick={() => setDay(day.subtract(1, view))}>上一{view === 'month' ? '月' : '周'}</Button>
          <Button onClick={() => setDay(dayjs())}>今天</Button>
          <Button onClick={() => setDay(day.add(1, view))}>下一{view === 'month' ? '月' : '周'}</Button>
          <Typography.Text strong>
            {view === 'month' ? day.format('YYYY年M月') : `${from.format('M月D日')} – ${to.format('M月D日')}`}
          </Typography.Text>
        </Space>
        {list.isError && !list.data ? (
          <LoadError error={list.error} what="会议" onRetry={() => void list.refetch()} />
        ) : view === 'month' ? (
          <Calendar
            value={day}
            onSelect={(d, info) => info.source === 'date' && setDay(d)}
            onPanelChange={(d) => setDay(d)}
            headerRender={() => null}
            cellRender={(d, info) =>
              info.type === 'date' ? (
                <div data-testid={`day-${d.format('YYYY-MM-DD')}`}>
                  {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map(chip)}
                </div>
              ) : null
            }
          />
        ) : (
          <div
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(130px, 1fr))', gap: 8 }}
          >
            {Array.from({ length: 7 }, (_, i) => from.add(i, 'day')).map((d) => (
              <Card
                key={d.format('YYYY-MM-DD')}
                size="small"
                title={`周${WEEKDAYS[weekdayIndex(d)]} ${d.format('M/D')}`}
                styles={{ body: { minHeight: 80 } }}
              >
                {(byDay.get(d.format('YYYY-MM-DD')) ?? []).map(chip)}
              </Card>
            ))}
          </div>
        )}
      </Card>
      <Card size="small" title={`本${view === 'month' ? '月' : '周'}会议（${list.data?.items.length ?? 0}）`}>
        <Table<MeetingSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          onRow={(x) => ({ onDoubleClick: () => navigate(`/meetings/${x.id}`) })}
          locale={{ emptyText: '这段时间没有会议' }}
          data-testid="meeting-table"
        />
      </Card>
      <MeetingFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}

/** Monday 0 … Sunday 6. */
const weekdayIndex = (d: Dayjs) => (d.day() + 6) % 7;
