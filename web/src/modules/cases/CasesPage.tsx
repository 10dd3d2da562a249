import { FileExcelOutlined, FormOutlined } from '@ant-design/icons';
import { App, Button, Card, Segmented, Space, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api, body } from '../../api/client.ts';
import { collectPages } from '../../api/paging.ts';
import { errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { EXPORT_LABEL } from '../../messages/zh-CN.ts';
import { DataTable, ListFilters, SearchFilter, usePagedList } from '../../ui/DataTable.tsx';
import { EChart } from '../../ui/EChart.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { warningBarsOption } from '../../ui/warningBars.ts';
import { downloadBlob, fileStamp, tableWorkbook } from '../../ui/xlsx.ts';
import { type CaseBoardRow, type CaseQuery, type CaseSummary, useCaseBoard, useCases } from './api.ts';
import { CaseClock, CommitmentTag, StateTag } from './CaseView.tsx';

type View = NonNullable<CaseQuery['view']>;

/** The default view of each kind of user: the window's intake, the department's queue, all. */
function defaultView(permissions: string[]): View {
  if (permissions.includes('case:intake')) return 'intake';
  if (permissions.includes('case:review')) return 'queue';
  return 'all';
}

const VIEW_LABELS: Record<View, string> = {
  intake: '待受理',
  queue: '审查队列',
  deliver: '待出件',
  commitments: '容缺待补',
  all: '全部办件',
};

/** Open cases per department with red and yellow counts (the center's board). */
function Board({ rows }: { rows: CaseBoardRow[] }) {
  const option = useMemo(
    () =>
      warningBarsOption(
        rows.map((r) => ({
          label: r.departmentName.replace(/^.+?区|^嘉兴市/, ''),
          total: r.open,
          red: r.red,
          yellow: r.yellow,
        })),
        'horizontal',
      ),
    [rows],
  );
  const red = rows.reduce((n, r) => n + r.red, 0);
  const yellow = rows.reduce((n, r) => n + r.yellow, 0);
  const open = rows.reduce((n, r) => n + r.open, 0);
  return (
    <Card
      size="small"
      title="在办办件"
      extra={
        <Space>
          <Tag>在办 {open}</Tag>
          <Tag color="error">红灯 {red}</Tag>
          <Tag color="warning">黄灯 {yellow}</Tag>
        </Space>
      }
      style={{ marginBottom: 16 }}
      data-testid="case-board"
    >
      {rows.length ? (
        <EChart
          option={option}
          label={`各部门在办办件：共 ${open} 件，红灯 ${red} 件，黄灯 ${yellow} 件`}
          style={{ height: Math.max(160, rows.length * 32 + 60) }}
        />
      ) : (
        <span style={{ color: 'rgba(0,0,0,0.55)' }}>暂无在办办件</span>
      )}
    </Card>
  );
}

export default function CasesPage() {
  const me = useSession();
  const { message } = App.useApp();
  const paged = usePagedList<{ view: View; q?: string }>(
    { view: defaultView(me.permissions), q: undefined },
    { url: true },
  );
  const { view, q: search } = paged.filters;
  const list = useCases(paged.query);
  const isCenter =
    me.permissions.includes('case:intake') || me.roles.some((r) => r.scope === 'region' || r.scope === 'all');
  const board = useCaseBoard(isCenter);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { items: rows } = await collectPages(
        (page, limit) =>
          body(
            api.GET('/api/cases', {
              params: { query: { view, page, limit, ...(search ? { q: search } : {}) } },
            }),
          ),
        {
          limit: 200,
          onProgress: (n, total) =>
            message.loading({ key: 'case-export', content: `正在读取办件…${n} / ${total} 件`, duration: 0 }),
        },
      );
      const now = new Date().toISOString();
      const blob = await tableWorkbook({
        sheet: '办件',
        columns: [
          { header: '办件编号', key: 'number', width: 22 },
          { header: '事项', key: 'item', width: 30 },
          { header: '部门', key: 'department', width: 24 },
          { header: '申请人', key: 'applicant', width: 28 },
          { header: '状态', key: 'state', width: 12 },
          { header: '承诺办结日', key: 'due', width: 12 },
          ...(view === 'commitments'
            ? [{ header: '容缺承诺补齐日', key: 'commitment', width: 14 } as const]
            : []),
          { header: '预警', key: 'level', width: 8 },
          { header: '申请时间', key: 'submitted', width: 18 },
        ] as const,
        rows: rows.map((c) => ({
          number: c.number,
          item: c.itemName,
          department: c.departmentName,
          applicant: c.applicantName,
          state: c.stateLabel,
          due: c.dueDate ?? '',
          commitment: c.commitmentDue ?? '',
          level:
            c.warningLevel === 'red'
              ? '红灯'
              : c.warningLevel === 'yellow'
                ? '黄灯'
                : c.warningLevel
                  ? '正常'
                  : '',
          submitted: formatDateTime(c.submittedAt, false),
        })),
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now,
        notes: [
          ['视图', VIEW_LABELS[view]],
          ['检索', search ?? '无'],
        ],
      });
      downloadBlob(blob, `办件_${fileStamp(now)}.xlsx`);
      message.success({ key: 'case-export', content: `已导出 ${rows.length} 件` });
    } catch (err) {
      message.error({ key: 'case-export', content: `导出失败：${errorMessage(err)}` });
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: '办件编号',
      dataIndex: 'number',
      width: 190,
      render: (n: string, c) => <Link to={`/cases/${c.id}`}>{n}</Link>,
    },
    { title: '事项', dataIndex: 'itemName', sorter: (a, b) => a.itemName.localeCompare(b.itemName, 'zh-CN') },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      sorter: (a, b) => a.applicantName.localeCompare(b.applicantName, 'zh-CN'),
    },
    { title: '部门', dataIndex: 'departmentName', width: 180 },
    {
      title: '状态',
      dataIndex: 'state',
      width: 150,
      render: (s: string, c) => (
        <Space size={4}>
          <StateTag state={s} label={c.stateLabel} />
          {c.state === 'in_review' && <Tag>{`${c.reviewLevel}/${c.approvalLevels} 级`}</Tag>}
        </Space>
      ),
    },
    {
      title: '时限',
      key: 'due',
      width: 170,
      sorter: (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'),
      render: (_: unknown, c) => <CaseClock c={c} />,
    },
    ...(view === 'commitments'
      ? [
          {
            title: '承诺补齐',
            key: 'commitment',
            width: 120,
            sorter: (a: CaseSummary, b: CaseSummary) =>
              (a.commitmentDue ?? '9999').localeCompare(b.commitmentDue ?? '9999'),
            defaultSortOrder: 'ascend' as const,
            render: (_: unknown, c: CaseSummary) => <CommitmentTag date={c.commitmentDue} />,
          },
        ]
      : []),
    {
      title: '申请时间',
      dataIndex: 'submittedAt',
      width: 150,
      render: (v: string, c) => (
        <span>
          {formatDateTime(v, false)} {c.channel === 'online' && <Tag color="purple">网上</Tag>}
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="办件"
        subtitle="前台综合受理、后台分类审批、统一窗口出件。红灯超期、黄灯预警的办件排在审查队列前面。"
        extra={
          <Space>
            {can(me, 'case:intake') && (
              <LinkButton type="primary" icon={<FormOutlined />} to="/cases/new">
                窗口收件
              </LinkButton>
            )}
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              {EXPORT_LABEL}
            </Button>
          </Space>
        }
      />
      {isCenter && board.data && <Board rows={board.data} />}
      <Card size="small">
        <ListFilters paged={paged} list={list}>
          <Segmented<View>
            value={view}
            onChange={(v) => paged.setFilter('view', v)}
            options={(['intake', 'queue', 'deliver', 'commitments', 'all'] as View[]).map((v) => ({
              value: v,
              label: VIEW_LABELS[v],
            }))}
            aria-label="办件视图"
            data-testid="case-view"
          />
          <SearchFilter
            value={search}
            onSearch={(v) => paged.setFilter('q', v)}
            placeholder="申请人、项目、事项或办件编号"
            style={{ width: 280 }}
            aria-label="检索办件"
          />
        </ListFilters>
        <DataTable<CaseSummary, typeof paged.filters>
          list={list}
          paged={paged}
          what="办件"
          columns={columns}
          locale={{ emptyText: `没有${VIEW_LABELS[view]}的办件` }}
          data-testid="case-table"
        />
      </Card>
    </>
  );
}
