import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { DeadlineLedgerData } from '../../api/types.ts';
import { can, useSession } from '../../app/session.tsx';
import { DEADLINE_STATUS_LABELS } from '../../messages/zh-CN.ts';
import { DeadlineLedger, DeadlineTag } from '../../ui/DeadlineTag.tsx';
import { ledgerInfo, suspensionItems } from '../../ui/deadline.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError, NotFoundPage } from '../errors/ErrorPages.tsx';
import { useDeadline } from './api.ts';
import { ResumeModal, SuspendModal } from './SuspensionModals.tsx';

type Change = DeadlineLedgerData['changes'][number];

function Facts({ d }: { d: DeadlineLedgerData }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="deadline-facts"
      items={[
        { key: 'title', label: '事项', span: 2, children: d.title },
        { key: 'kind', label: '时限类别', children: d.kindLabel },
        {
          key: 'status',
          label: '状态',
          children: d.paused && d.status === 'open' ? '在办（计时暂停）' : DEADLINE_STATUS_LABELS[d.status],
        },
        { key: 'start', label: '起算日（受理日）', children: `${d.startDate}，次日起算` },
        { key: 'limit', label: '时限', children: `${d.limitDays} 个工作日` },
        {
          key: 'due',
          label: '截止日',
          children: d.dueDate ? `${d.dueDate} 24:00（北京时间）` : '挂起中，待恢复计时后确定',
        },
        { key: 'yellow', label: '黄灯预警起', children: d.yellowFrom ?? '—' },
        {
          key: 'used',
          label: '已用 / 剩余',
          children: `已用 ${d.daysUsed} 个工作日，剩余 ${d.daysLeft} 个工作日${
            d.overdueDays > 0 ? `，已超期 ${d.overdueDays} 个工作日` : ''
          }`,
        },
        {
          key: 'calendar',
          label: '日历',
          children: d.provisional ? <Tag color="orange">暂定（放假安排未公布）</Tag> : '正式',
        },
      ]}
    />
  );
}

function Suspensions({ d }: { d: DeadlineLedgerData }) {
  const items = suspensionItems(d.suspensions);
  return (
    <Card size="small" title="挂起记录" data-testid="suspension-timeline" style={{ marginBottom: 16 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有挂起记录，计时未中断。" />
      ) : (
        <Timeline
          items={items.map((s) => ({
            key: s.key,
            color: s.open ? 'orange' : 'green',
            content: (
              <Space orientation="vertical" size={0}>
                <strong>{s.title}</strong>
                <span style={{ color: 'rgba(0,0,0,0.6)' }}>{s.text}</span>
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function Changes({ d }: { d: DeadlineLedgerData }) {
  return (
    <Card size="small" title="截止日调整记录">
      <Table<Change>
        size="small"
        rowKey={(c) => `${c.at}-${c.newDue ?? ''}`}
        dataSource={[...d.changes].reverse()}
        pagination={false}
        data-testid="change-history"
        locale={{ emptyText: '截止日未曾调整' }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 140, render: (v: string) => formatDateTime(v, false) },
          {
            title: '截止日',
            key: 'due',
            width: 190,
            render: (_: unknown, c) => `${c.oldDue ?? '暂停计时'} → ${c.newDue ?? '暂停计时'}`,
          },
          { title: '原因', dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}

export default function DeadlineDetailPage() {
  const me = useSession();
  const { id: raw } = useParams();
  const id = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
  const q = useDeadline(id);
  const [dialog, setDialog] = useState<'suspend' | 'resume' | null>(null);

  if (id === null) return <NotFoundPage what="办理时限" />;
  if (q.isError) return <LoadError error={q.error} what="办理时限" onRetry={() => void q.refetch()} />;
  const d = q.data;
  const suspended = d?.suspensions.some((s) => s.to === null) ?? false;
  const mayAct = d !== undefined && d.status === 'open' && can(me, 'deadline:suspend');

  return (
    <>
      <PageHeader
        title="时限台账"
        subtitle={d?.title}
        crumbs={[{ title: '办理时限', to: '/deadlines' }, { title: '时限台账' }]}
        extra={
          mayAct &&
          (suspended ? (
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setDialog('resume')}>
              恢复计时
            </Button>
          ) : (
            <Button icon={<PauseCircleOutlined />} onClick={() => setDialog('suspend')}>
              挂起计时
            </Button>
          ))
        }
      />
      {!d ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Space style={{ marginBottom: 12 }}>
              <span>当前预警：</span>
              <DeadlineTag deadline={ledgerInfo(d)} />
            </Space>
            <Facts d={d} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={12}>
              <Card size="small" title="计时台账" style={{ marginBottom: 16 }}>
                <DeadlineLedger deadline={ledgerInfo(d)} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Suspensions d={d} />
              <Changes d={d} />
            </Col>
          </Row>
          <SuspendModal deadline={d} open={dialog === 'suspend'} onClose={() => setDialog(null)} />
          <ResumeModal deadline={d} open={dialog === 'resume'} onClose={() => setDialog(null)} />
        </>
      )}
    </>
  );
}
