import { Card, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { STANCE_LABELS, type Stance } from '../../../../lib/coordination.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { type Consultation, useConsultations } from './api.ts';
import { WarningTag } from './view.tsx';

/** The department's workbench of written consultations: unanswered first, by reply date. */
export default function ConsultationsPage() {
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const list = useConsultations(status);
  return (
    <>
      <PageHeader
        title="书面征询"
        subtitle="中心发给本部门的书面征询意见函。请在答复期限内起草答复，由部门负责人签发；逾期未答复将转督查，不视为同意。"
      />
      <Card size="small">
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as 'open' | 'all')}
          options={[
            { value: 'open', label: '待答复' },
            { value: 'all', label: '全部' },
          ]}
          style={{ marginBottom: 12 }}
          aria-label="筛选"
        />
        {list.isError ? (
          <LoadError error={list.error} what="书面征询" onRetry={() => void list.refetch()} />
        ) : (
          <Table<Consultation>
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data ?? []}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: status === 'open' ? '没有待答复的书面征询' : '没有书面征询' }}
            data-testid="consultations-queue"
            columns={[
              {
                title: '协调事项',
                dataIndex: 'projectName',
                render: (p: string, c) => (
                  <Link to={`/consultations/${c.id}`}>{`${c.requestNumber} ${p}`}</Link>
                ),
              },
              { title: '部门', dataIndex: 'departmentName', width: 200 },
              { title: '征询事项', dataIndex: 'questions', render: (q: string[]) => q.join('；') },
              {
                title: '答复期限',
                dataIndex: 'replyBy',
                width: 110,
                sorter: (a, b) => a.replyBy.localeCompare(b.replyBy),
              },
              {
                title: '时限',
                dataIndex: 'warningLevel',
                width: 100,
                render: (w: Consultation['warningLevel']) => <WarningTag level={w} />,
              },
              {
                title: '状态',
                dataIndex: 'status',
                width: 140,
                render: (s: string, c) =>
                  s === 'answered' ? (
                    <Tag color="success">已答复：{STANCE_LABELS[c.stance as Stance]}</Tag>
                  ) : s === 'drafted' ? (
                    <Tag color="gold">待负责人签发</Tag>
                  ) : (
                    <Tag color={c.overdue ? 'error' : 'default'}>{c.overdue ? '逾期未答复' : '待答复'}</Tag>
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
