import { FileExcelOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Segmented, Select, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, body } from '../../api/client.ts';
import { collectPages } from '../../api/paging.ts';
import { errorMessage } from '../../api/problem.ts';
import type { DeadlineItem } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { DEADLINE_STATUS_LABELS, EXPORT_LABEL } from '../../messages/zh-CN.ts';
import { DataTable, ListFilters, usePagedList } from '../../ui/DataTable.tsx';
import { DeadlineRowTag } from '../../ui/DeadlineTag.tsx';
import { beijingToday } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { downloadBlob, fileStamp } from '../../ui/xlsx.ts';
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

const DOT: Record<LevelFilter, string> = { all: '', red: '#d9363e', yellow: '#e6a23c', green: '#389e0d' };

export default function DeadlinesPage() {
  const me = useSession();
  const { message } = App.useApp();
  const paged = usePagedList<{ level: LevelFilter; status: StatusFilter }>(
    { level: 'all', status: 'open' },
    { url: true },
  );
  const level = levelParam(paged.filters.level);
  const status = paged.filters.status;
  const filter = deadlineQuery(level, status);
  const list = useDeadlines({ ...filter, page: paged.page, limit: paged.pageSize });
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    const key = 'deadline-export';
    try {
      const { items: rows, truncated } = await collectPages(
        (page, limit) => body(api.GET('/api/deadlines', { params: { query: { ...filter, page, limit } } })),
        {
          onProgress: (n, total) =>
            message.loading({ key, content: `正在读取办理时限…${n} / ${total} 条`, duration: 0 }),
        },
      );
      const now = new Date().toISOString();
      const blob = await deadlineWorkbook(rows, {
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now,
        today: beijingToday(),
        filters: describeDeadlineFilter(level, status),
        truncated,
      });
      downloadBlob(blob, `办理时限_${fileStamp(now)}.xlsx`);
      message.success({ key, content: `已导出 ${rows.length} 项办理时限` });
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
        <ListFilters paged={paged} list={list}>
          <Segmented<LevelFilter>
            value={level}
            onChange={(v) => paged.setFilter('level', v)}
            options={LEVEL_TABS.map((t) => ({
              value: t.value,
              label: t.value === 'all' ? t.label : <Badge color={DOT[t.value]} text={t.label} />,
            }))}
            aria-label="预警等级"
            data-testid="level-filter"
          />
          <Select<StatusFilter>
            value={status}
            onChange={(v) => paged.setFilter('status', v)}
            options={[
              { value: 'open', label: '在办' },
              { value: 'done', label: '已办结' },
              { value: 'cancelled', label: '已撤销' },
              { value: 'all', label: '全部状态' },
            ]}
            style={{ width: 120 }}
            aria-label="状态"
          />
        </ListFilters>
        <DataTable<DeadlineItem, typeof paged.filters>
          list={list}
          paged={paged}
          what="办理时限"
          size="middle"
          columns={columns}
          locale={{
            emptyText:
              level === 'all'
                ? '没有符合条件的办理时限'
                : `没有${LEVEL_TABS.find((t) => t.value === level)?.label}的办理时限`,
          }}
          data-testid="deadline-table"
        />
      </Card>
    </>
  );
}
