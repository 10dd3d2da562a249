import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Card, Col, Descriptions, Empty, List, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CASE_STATE_LABELS, type CaseState } from '../../../../lib/case-machine.ts';
import { SUSPENSION_KIND_LABELS } from '../../../../lib/catalog-codes.ts';
import { todayIn } from '../../../../lib/dates.ts';
import { DeadlineRowTag } from '../../ui/DeadlineTag.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { type CaseDetail, type Channel, documentUrl } from './api.ts';

export const STATE_COLORS: Record<CaseState, string> = {
  submitted: 'processing',
  correction_requested: 'warning',
  accepted: 'blue',
  tolerantly_accepted: 'cyan',
  rejected: 'error',
  in_review: 'processing',
  approved: 'success',
  denied: 'error',
  delivered: 'green',
  archived: 'default',
  withdrawn: 'default',
};

export function StateTag({ state, label }: { state: string; label?: string }) {
  return (
    <Tag color={STATE_COLORS[state as CaseState] ?? 'default'} data-state={state}>
      {label ?? CASE_STATE_LABELS[state as CaseState] ?? state}
    </Tag>
  );
}

type ClockRow = {
  id: number;
  deadlineId?: number | null;
  warningLevel: 'green' | 'yellow' | 'red' | null;
  dueDate: string | null;
  suspended: boolean;
};

/** The case's clock as a row tag (hover for the ledger); nothing before acceptance. */
export function CaseClock({ c }: { c: ClockRow }) {
  if (!c.warningLevel || !c.deadlineId) {
    return c.dueDate ? <span>{c.dueDate}</span> : <Typography.Text type="secondary">未计时</Typography.Text>;
  }
  return (
    <DeadlineRowTag
      deadline={{
        id: c.deadlineId,
        level: c.warningLevel,
        dueDate: c.suspended ? null : c.dueDate,
        status: 'open',
        provisional: false,
      }}
    />
  );
}

export const MATERIAL_STATUS: Record<string, { label: string; color: string }> = {
  provided: { label: '已提交', color: 'green' },
  shared: { label: '已共享（免提交）', color: 'blue' },
  tolerated: { label: '容缺（待补齐）', color: 'orange' },
  missing: { label: '缺少', color: 'red' },
};

const CHANNEL_LABELS = { window: '窗口收件', online: '网上申请' } as const;
const DELIVERY_LABELS: Record<string, string> = { window: '窗口领取', post: '邮寄送达', online: '网上送达' };

/** A tolerated material's committed date: red once passed, orange while still ahead. */
export function CommitmentTag({ date }: { date: string | null }) {
  if (!date) return <span>—</span>;
  const passed = date < todayIn();
  return <Tag color={passed ? 'error' : 'warning'}>{passed ? `已逾期（${date}）` : `${date} 前补齐`}</Tag>;
}

export function CaseFacts({ c }: { c: CaseDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="case-facts"
      items={[
        { key: 'number', label: '办件编号', children: c.number },
        { key: 'state', label: '状态', children: <StateTag state={c.state} label={c.stateLabel} /> },
        { key: 'item', label: '事项', span: 2, children: `${c.itemName}（${c.departmentName}）` },
        { key: 'applicant', label: '申请人', children: `${c.applicantName}（${c.applicantIdNumber}）` },
        { key: 'contact', label: '联系人', children: `${c.contactName} ${c.contactPhone}` },
        ...(c.projectName
          ? [
              {
                key: 'project',
                label: '项目',
                span: 2,
                children: `${c.projectName}（项目代码 ${c.projectCode}）`,
              },
            ]
          : []),
        { key: 'channel', label: '申报方式', children: CHANNEL_LABELS[c.channel] },
        { key: 'agent', label: '代办员', children: c.agent?.name ?? '—' },
        { key: 'submitted', label: '申请时间', children: formatDateTime(c.submittedAt, false) },
        { key: 'acceptance', label: '受理文书编号', children: c.acceptanceNumber ?? '—' },
        { key: 'due', label: '承诺办结', children: <CaseClock c={c} /> },
        {
          key: 'level',
          label: '审查层级',
          children:
            c.state === 'in_review'
              ? `第 ${c.reviewLevel} 级 / 共 ${c.approvalLevels} 级${c.suspended ? '（特别程序中，计时暂停）' : ''}`
              : `共 ${c.approvalLevels} 级`,
        },
        ...(c.decidedAt
          ? [
              {
                key: 'decision',
                label: '办理结果',
                children: c.resultNumber
                  ? `${c.resultName}（${c.resultNumber}）`
                  : (c.decisionReason ?? CASE_STATE_LABELS[c.state as CaseState]),
              },
            ]
          : []),
        ...(c.deliveredAt
          ? [
              {
                key: 'delivered',
                label: '出件',
                children: `${DELIVERY_LABELS[c.deliveryMethod ?? ''] ?? ''} ${formatDateTime(c.deliveredAt, false)}`,
              },
            ]
          : []),
        ...Object.entries(c.form).map(([k, v]) => ({ key: `form-${k}`, label: k, children: String(v) })),
      ]}
    />
  );
}

export function MaterialsTable({ c }: { c: CaseDetail }) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={c.materials}
      data-testid="case-materials"
      columns={[
        {
          title: '材料',
          dataIndex: 'name',
          render: (name: string, m) => (
            <Space size={4} wrap>
              {name}
              {m.required ? <Tag>必备</Tag> : <Tag color="default">非必备</Tag>}
              {m.tolerable && <Tag color="orange">可容缺</Tag>}
            </Space>
          ),
        },
        {
          title: '提交情况',
          dataIndex: 'status',
          width: 170,
          render: (s: string, m) => (
            <Space size={4} wrap>
              <Tag color={MATERIAL_STATUS[s]?.color}>{MATERIAL_STATUS[s]?.label ?? s}</Tag>
              {m.status === 'tolerated' &&
                (m.fulfilledAt ? (
                  <Tag color="green">已补齐</Tag>
                ) : m.breachedAt ? (
                  <Tag color="red">承诺逾期</Tag>
                ) : null)}
            </Space>
          ),
        },
        {
          title: '文件 / 承诺',
          key: 'file',
          render: (_: unknown, m) =>
            m.status === 'tolerated'
              ? `承诺 ${m.committedDate} 前补齐`
              : m.fileName
                ? `${m.fileName}${m.trustGrade ? `（${m.trustGrade} 级）` : ''}`
                : m.status === 'provided'
                  ? '纸质原件已核验'
                  : '—',
        },
      ]}
    />
  );
}

export function StepsTimeline({ c }: { c: CaseDetail }) {
  return (
    <Timeline
      data-testid="case-steps"
      items={c.steps.map((s) => ({
        key: s.id,
        color: s.action === 'return' ? 'red' : s.action === 'pass' ? 'green' : 'blue',
        content: (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{s.name}</Typography.Text>
            <Typography.Text type="secondary">
              {formatDateTime(s.at, false)} {s.unitName ?? ''} {s.actorName ?? ''}
            </Typography.Text>
            {s.opinion && <span>{s.opinion}</span>}
          </Space>
        ),
      }))}
    />
  );
}

/** Labels of 特别程序 kinds (one table, shared with the server). */
export const PROCEDURE_LABELS: Readonly<Record<string, string>> = SUSPENSION_KIND_LABELS;

export function DocumentsList({ c, channel }: { c: CaseDetail; channel: Channel }) {
  if (c.documents.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无文书" />;
  }
  return (
    <List
      size="small"
      data-testid="case-documents"
      dataSource={c.documents}
      renderItem={(d) => (
        <List.Item
          actions={[
            <a key="pdf" href={documentUrl(channel, c.id, d.id, 'pdf')} aria-label={`下载 ${d.title} PDF`}>
              <FilePdfOutlined /> PDF
            </a>,
            <a key="docx" href={documentUrl(channel, c.id, d.id, 'docx')} aria-label={`下载 ${d.title} DOCX`}>
              <FileWordOutlined /> DOCX
            </a>,
          ]}
        >
          <List.Item.Meta
            title={d.title}
            description={`${d.number ?? '无文号'} · ${d.issuedOn}${d.version > 1 ? ` · 第 ${d.version} 版` : ''}`}
          />
        </List.Item>
      )}
    />
  );
}

/** The whole read-only view of a case: facts, materials, steps, special procedures, documents. */
export function CaseView({ c, channel }: { c: CaseDetail; channel: Channel }) {
  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <CaseFacts c={c} />
        </Card>
        <Card size="small" title="申请材料" style={{ marginBottom: 16 }}>
          <MaterialsTable c={c} />
        </Card>
        {c.specialProcedures.length > 0 && (
          <Card size="small" title="特别程序" style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={c.specialProcedures}
              data-testid="special-procedures"
              columns={[
                { title: '种类', dataIndex: 'kind', render: (k: string) => PROCEDURE_LABELS[k] ?? k },
                { title: '理由', dataIndex: 'reason' },
                { title: '开始', dataIndex: 'startedOn', width: 110 },
                {
                  title: '结束',
                  dataIndex: 'endedOn',
                  width: 110,
                  render: (v: string | null) => v ?? '进行中',
                },
                { title: '结果', dataIndex: 'result', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        )}
      </Col>
      <Col xs={24} xl={9}>
        <Card size="small" title="文书" style={{ marginBottom: 16 }}>
          <DocumentsList c={c} channel={channel} />
        </Card>
        <Card size="small" title="办理过程">
          <StepsTimeline c={c} />
        </Card>
      </Col>
    </Row>
  );
}
