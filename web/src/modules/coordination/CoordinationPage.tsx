import { FileExcelOutlined, FormOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Segmented, Space, Statistic, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  COMPLEXITY_LABELS,
  COORDINATION_STATE_LABELS,
  type Complexity,
  type CoordinationState,
} from '../../../../lib/coordination.ts';
import { WARNING_LABELS } from '../../../../lib/warning.ts';
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
import { type BoardColumn, type RequestSummary, useBoard, useRequests } from './api.ts';
import { LadderModal } from './LadderModal.tsx';
import { StateTag, WarningTag } from './view.tsx';

type Filter = 'open' | 'red' | 'all';
const FILTER_LABELS: Record<Filter, string> = { open: '在办', red: '红灯超期', all: '全部' };

/** Open requests per stage with their red and yellow counts (the coordinator's board). */
function Board({ columns, onPick }: { columns: BoardColumn[]; onPick: (state: string) => void }) {
  const option = useMemo(
    () =>
      warningBarsOption(
        columns.map((c) => ({ ...c, label: c.label })),
        'vertical',
      ),
    [columns],
  );
  const total = columns.reduce((n, c) => n + c.total, 0);
  const red = columns.reduce((n, c) => n + c.red, 0);
  const yellow = columns.reduce((n, c) => n + c.yellow, 0);
  return (
    <Card size="small" title="协调看板" style={{ marginBottom: 16 }} data-testid="coordination-board">
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Row gutter={[8, 8]}>
            {columns.map((c) => (
              <Col span={8} key={c.state}>
                <Card
                  size="small"
                  hoverable
                  onClick={() => onPick(c.state)}
                  data-testid={`board-${c.state}`}
                  styles={{ body: { padding: 10 } }}
                >
                  <Statistic title={c.label} value={c.total} />
                  <Space size={4}>
                    {c.red > 0 && <Tag color="error">红 {c.red}</Tag>}
                    {c.yellow > 0 && <Tag color="warning">黄 {c.yellow}</Tag>}
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        </Col>
        <Col xs={24} lg={14}>
          <EChart
            option={option}
            label={`在办协调事项 ${total} 件，红灯 ${red} 件，黄灯 ${yellow} 件`}
            style={{ height: 220 }}
          />
        </Col>
      </Row>
    </Card>
  );
}

export default function CoordinationPage() {
  const me = useSession();
  const { message } = App.useApp();
  const paged = usePagedList<{ filter: Filter; state?: string; q?: string }>(
    { filter: 'open', state: undefined, q: undefined },
    { url: true },
  );
  const { filter, state, q: search } = paged.filters;
  const criteria = {
    ...(state
      ? { state: state as RequestSummary['state'] as never }
      : filter === 'open'
        ? { open: 'true' as const }
        : {}),
    ...(filter === 'red' ? { warning: 'red' as const } : {}),
    ...(search ? { q: search } : {}),
  };
  const list = useRequests('staff', { ...criteria, page: paged.page, limit: paged.pageSize });
  const board = useBoard();
  const [exporting, setExporting] = useState(false);
  const [ladder, setLadder] = useState(false);

  // A board column narrows to one state; a filter tab clears it.
  const pickFilter = (v: Filter) => paged.replaceFilters({ ...paged.filters, filter: v, state: undefined });

  const exportXlsx = async () => {
    setExporting(true);
    try {
      const { items: rows } = await collectPages((page, limit) =>
        body(api.GET('/api/coordination', { params: { query: { ...criteria, page, limit } } })),
      );
      const now = new Date().toISOString();
      const blob = await tableWorkbook({
        sheet: '协调事项',
        columns: [
          { header: '编号', key: 'number', width: 22 },
          { header: '项目', key: 'project', width: 30 },
          { header: '申请单位', key: 'applicant', width: 28 },
          { header: '阶段', key: 'state', width: 14 },
          { header: '层级', key: 'level', width: 14 },
          { header: '预警', key: 'warning', width: 10 },
          { header: '提交时间', key: 'created', width: 18 },
        ] as const,
        rows: rows.map((r) => ({
          number: r.number,
          project: r.projectName,
          applicant: r.applicantName,
          state: r.stateLabel,
          level: r.levelLabel,
          warning: WARNING_LABELS[r.warningLevel],
          created: formatDateTime(r.createdAt, false),
        })),
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now,
        notes: [
          ['筛选', state ? stateLabel(state) : FILTER_LABELS[filter]],
          ['检索', search ?? '无'],
        ],
      });
      downloadBlob(blob, `协调事项_${fileStamp(now)}.xlsx`);
      message.success(`已导出 ${rows.length} 件`);
    } catch (err) {
      message.error(`导出失败：${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<RequestSummary> = [
    {
      title: '编号',
      dataIndex: 'number',
      width: 170,
      render: (n: string, r) => <Link to={`/coordination/${r.id}`}>{n}</Link>,
    },
    {
      title: '项目',
      dataIndex: 'projectName',
      sorter: (a, b) => a.projectName.localeCompare(b.projectName, 'zh-CN'),
      render: (v: string, r) => (
        <Space size={4}>
          {v}
          {r.urgent && <Tag color="red">急</Tag>}
          {r.complexity && r.complexity !== 'simple' && (
            <Tag>{COMPLEXITY_LABELS[r.complexity as Complexity]}</Tag>
          )}
        </Space>
      ),
    },
    { title: '申请单位', dataIndex: 'applicantName', width: 220 },
    {
      title: '阶段',
      dataIndex: 'state',
      width: 130,
      render: (s: string, r) => <StateTag state={s} label={r.stateLabel} />,
    },
    { title: '层级', dataIndex: 'levelLabel', width: 120 },
    {
      title: '预警',
      dataIndex: 'warningLevel',
      width: 110,
      sorter: (a, b) => rank(a.warningLevel) - rank(b.warningLevel),
      render: (w: RequestSummary['warningLevel']) => <WarningTag level={w} />,
    },
    {
      title: '提交时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v, false),
    },
  ];

  return (
    <>
      <PageHeader
        title="协调事项"
        subtitle="企业、园区、镇街或窗口提出的审批协调：分办、书面征询各部门，意见一致出具告知函，分歧提请专题协调会；不能解决的逐级上报。"
        extra={
          <Space>
            {can(me, 'coordination:submit') && (
              <LinkButton type="primary" icon={<FormOutlined />} to="/coordination/new">
                登记协调事项
              </LinkButton>
            )}
            {can(me, 'coordination:ladder') && <Button onClick={() => setLadder(true)}>逐级协调配置</Button>}
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              {EXPORT_LABEL}
            </Button>
          </Space>
        }
      />
      {ladder && <LadderModal region={me.regionCode} onClose={() => setLadder(false)} />}
      {board.data && <Board columns={board.data} onPick={(s) => paged.setFilter('state', s)} />}
      <Card size="small">
        <ListFilters paged={paged} list={list}>
          <Segmented<Filter>
            value={state ? undefined : filter}
            onChange={pickFilter}
            options={(['open', 'red', 'all'] as Filter[]).map((v) => ({
              value: v,
              label: FILTER_LABELS[v],
            }))}
            aria-label="筛选"
          />
          {state && (
            <Tag closable onClose={() => paged.setFilter('state', undefined)}>
              阶段：{stateLabel(state)}
            </Tag>
          )}
          <SearchFilter
            value={search}
            onSearch={(v) => paged.setFilter('q', v)}
            placeholder="项目、申请单位、问题或编号"
            style={{ width: 280 }}
            aria-label="检索协调事项"
          />
        </ListFilters>
        <DataTable<RequestSummary, typeof paged.filters>
          list={list}
          paged={paged}
          what="协调事项"
          columns={columns}
          locale={{ emptyText: '没有符合条件的协调事项' }}
          data-testid="coordination-table"
        />
      </Card>
    </>
  );
}

const stateLabel = (s: string) => COORDINATION_STATE_LABELS[s as CoordinationState] ?? s;

const rank = (w: string) => (w === 'red' ? 2 : w === 'yellow' ? 1 : 0);
