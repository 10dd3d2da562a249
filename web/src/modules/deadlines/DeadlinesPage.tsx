import { FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Segmented, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, body } from '../../api/client.ts';
import { errorMessage } from '../../api/problem.ts';
import type { DeadlineItem } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DEADLINE_STATUS_LABELS, EXPORT_LABEL } from '../../messages/zh-CN.ts';
import { DeadlineRowTag } from '../../ui/DeadlineTag.tsx';
import { beijingToday } from '../../ui/format.ts';
import { ListPager, useKeysetPages } from '../../ui/KeysetPager.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { downloadBlob, fileStamp } from '../../ui/xlsx.ts';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useDeadlines } from './api.ts';
import { deadlineWorkbook } from './exportXlsx.ts';
import {
  deadlineQuery,
  describeDeadlineFilter,
  LEVEL_TABS,
  type LevelFilter,
  levelParam,
  type StatusFilter,
} from './filters.ts';

const EXPORT_MAX = 10_000;
const DOT: Record<LevelFilter, string> = { all: '', red: '#d9363e', yellow: '#e6a23c', green: '#389e0d' };

export default function DeadlinesPage() {
  const me = useSession();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [level, setLevel] = useState<LevelFilter>(() => levelParam(params.get('level')));
  const [status, setStatus] = useState<StatusFilter>('open');
  const [pageSize, setPageSize] = useState(50);
  const pages = useKeysetPages<number>();
  const filter = deadlineQuery(level, status);
  const list = useDeadlines({
    ...filter,
    limit: pageSize,
    ...(pages.cursor !== undefined ? { after: pages.cursor } : {}),
  });
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    const key = 'deadline-export';
    try {
      const rows: DeadlineItem[] = [];
      let after: number | undefined;
      let more = true;
      while (more && rows.length < EXPORT_MAX) {
        message.loading({ key, content: `正在读取办理时限…已读取 ${rows.length} 条`, duration: 0 });
        const page = await body(
          api.GET('/api/deadlines', {
            params: { query: { ...filter, limit: 500, ...(after !== undefined ? { after } : {}) } },
          }),
        );
        rows.push(...page.items);
        after = page.nextAfter ?? undefined;
        more = page.nextAfter !== null;
      }
      const now = new Date().toISOString();
      const blob = await deadlineWorkbook(rows.slice(0, EXPORT_MAX), {
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now,
        today: beijingToday(),
        filters: describeDeadlineFilter(level, status),
        truncated: more,
      });
      downloadBlob(blob, `办理时限_${fileStamp(now)}.xlsx`);
      message.success({ key, content: `已导出 ${Math.min(rows.length, EXPORT_MAX)} 项办理时限` });
    } catch (err) {
      message.error({ key, content: `导出失败：${errorMessage(err)}` });
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<DeadlineItem> = [
    {
      title: '事项',
      dataIndex: 'title',
      render: (t: string, d) => <Link to={`/deadlines/${d.id}`}>{t}</Link>,
    },
    { title: '类别', dataIndex: 'kindLabel', width: 100 },
    { title: '起算日', dataIndex: 'startDate', width: 116 },
    { title: '时限', dataIndex: 'limitDays', width: 110, render: (n: number) => `${n} 个工作日` },
    {
      title: '截止日',
      dataIndex: 'dueDate',
      width: 130,
      render: (due: string | null, d) =>
        due === null ? (
          <Tag>挂起中</Tag>
        ) : (
          <span>
            {due}
            {d.provisional && (
              <Tag color="orange" style={{ marginLeft: 6 }}>
                暂定
              </Tag>
            )}
          </span>
        ),
    },
    {
      title: '预警',
      key: 'level',
      width: 130,
      render: (_: unknown, d) => <DeadlineRowTag deadline={d} showDue={false} />,
    },
    ...(status === 'open'
      ? []
      : [
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: DeadlineItem['status']) => DEADLINE_STATUS_LABELS[s],
          },
        ]),
  ];

  return (
    <>
      <PageHeader
        title="办理时限"
        subtitle="数据范围内各事项的法定或承诺时限，按工作日计算，截止日为当日 24:00（北京时间）。红灯超期、黄灯预警的事项请优先办理。"
        extra={
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
            {EXPORT_LABEL}
          </Button>
        }
      />
      <Card size="small">
        <Space wrap style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }}>
          <Segmented<LevelFilter>
            value={level}
            onChange={(v) => {
              setLevel(v);
              pages.reset();
            }}
            options={LEVEL_TABS.map((t) => ({
              value: t.value,
              label: t.value === 'all' ? t.label : <Badge color={DOT[t.value]} text={t.label} />,
            }))}
            aria-label="预警等级"
            data-testid="level-filter"
          />
          <Space>
            <Select<StatusFilter>
              value={status}
              onChange={(v) => {
                setStatus(v);
                pages.reset();
              }}
              options={[
                { value: 'open', label: '在办' },
                { value: 'done', label: '已办结' },
                { value: 'cancelled', label: '已撤销' },
                { value: 'all', label: '全部状态' },
              ]}
              style={{ width: 120 }}
              aria-label="状态"
            />
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
              刷新
            </Button>
          </Space>
        </Space>
        {list.isError && !list.data ? (
          <LoadError error={list.error} what="办理时限" onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Table<DeadlineItem>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              pagination={false}
              locale={{
                emptyText:
                  level === 'all'
                    ? '没有符合条件的办理时限'
                    : `没有${LEVEL_TABS.find((t) => t.value === level)?.label}的办理时限`,
              }}
              data-testid="deadline-table"
            />
            <ListPager pages={pages} list={list} pageSize={pageSize} setPageSize={setPageSize} />
          </>
        )}
      </Card>
    </>
  );
}
