import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  COMPLEXITY_LABELS,
  type Complexity,
  type CoordinationSource,
  LADDER,
  LADDER_LABELS,
  type LadderLevel,
  SOURCE_LABELS,
  STANCE_LABELS,
  type Stance,
} from '../../../../lib/coordination.ts';
import { errorMessage } from '../../api/problem.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  type Commitment,
  type Consultation,
  documentUrl,
  fileUrl,
  type RequestDetail,
  useRequest,
  useRequestAction,
} from './api.ts';
import { CommitmentActionModal } from './CommitmentActionModal.tsx';
import { RequestActions } from './RequestActions.tsx';
import { RequestMeetings } from './RequestMeetings.tsx';
import { StateTag, WarningTag } from './view.tsx';

const STATUS: Record<string, string> = { pending: '待答复', drafted: '已起草待签发', answered: '已答复' };

function Docs({ r, documentId, number }: { r: RequestDetail; documentId: number; number?: string | null }) {
  return (
    <Space size={4}>
      {number && <Typography.Text>{number}</Typography.Text>}
      <a href={documentUrl('staff', r.id, documentId, 'pdf')} aria-label="下载 PDF">
        <FilePdfOutlined /> PDF
      </a>
      <a href={documentUrl('staff', r.id, documentId, 'docx')} aria-label="下载 DOCX">
        <FileWordOutlined /> DOCX
      </a>
    </Space>
  );
}

function Consultations({ r }: { r: RequestDetail }) {
  return (
    <Card size="small" title={`书面征询（${r.consultations.length}）`} style={{ marginBottom: 16 }}>
      <Table<Consultation>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={r.consultations}
        data-testid="consultations-table"
        columns={[
          {
            title: '部门',
            dataIndex: 'departmentName',
            render: (n: string, c) => (r.fullView ? n : <Link to={`/consultations/${c.id}`}>{n}</Link>),
          },
          { title: '征询事项', dataIndex: 'questions', render: (q: string[]) => q.join('；') },
          { title: '答复期限', dataIndex: 'replyBy', width: 110 },
          {
            title: '时限',
            dataIndex: 'warningLevel',
            width: 100,
            render: (w: Consultation['warningLevel']) => <WarningTag level={w} />,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (s: string, c) => (
              <Space size={4} wrap>
                <Tag color={s === 'answered' ? 'success' : c.overdue ? 'error' : 'default'}>
                  {c.overdue && s !== 'answered' ? '逾期未答复' : STATUS[s]}
                </Tag>
                {c.late && <Tag color="orange">逾期答复</Tag>}
              </Space>
            ),
          },
          {
            title: '意见',
            key: 'stance',
            render: (_: unknown, c) =>
              c.status === 'answered' ? (
                <Space direction="vertical" size={0}>
                  <Tag
                    color={c.stance === 'disagree' ? 'red' : c.stance === 'conditional' ? 'gold' : 'green'}
                  >
                    {STANCE_LABELS[c.stance as Stance]}
                  </Tag>
                  <Typography.Text>{c.opinion}</Typography.Text>
                  {c.conditions && <Typography.Text type="secondary">条件：{c.conditions}</Typography.Text>}
                  {c.commitments.map((k) => (
                    <Typography.Text key={k.id} type="secondary">
                      承诺：{k.content}（{k.dueDays ? `${k.dueDays} 个工作日` : k.dueDate}）
                    </Typography.Text>
                  ))}
                  {c.signedBy && <Typography.Text type="secondary">签发：{c.signedBy}</Typography.Text>}
                </Space>
              ) : (
                '—'
              ),
          },
          {
            title: '征询函',
            dataIndex: 'documentId',
            width: 130,
            render: (d: number | null) => (d ? <Docs r={r} documentId={d} /> : '—'),
          },
        ]}
      />
    </Card>
  );
}

function Outcome({ r, etag }: { r: RequestDetail; etag: string }) {
  const { message } = App.useApp();
  const action = useRequestAction();
  const [override, setOverride] = useState<'letter' | 'meeting' | null>(null);
  const [reason, setReason] = useState('');
  if (!r.analysis) return null;
  const decide = async (outcome: 'letter' | 'meeting', overrideReason?: string) => {
    try {
      await action.mutateAsync({
        id: r.id,
        etag,
        path: 'decide',
        body: { outcome, ...(overrideReason ? { overrideReason } : {}) },
      });
      message.success(outcome === 'letter' ? '已确定以告知函答复' : '已提请召开专题协调会');
      setOverride(null);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const proposal = r.analysis.outcome;
  const other = proposal === 'letter' ? 'meeting' : 'letter';
  const label = (o: string) => (o === 'letter' ? '出具告知函' : '召开专题协调会');
  const canDecide = r.actions.includes('decide_letter') || r.actions.includes('decide_meeting');
  return (
    <Card size="small" title="答复分析" style={{ marginBottom: 16 }} data-testid="analysis">
      <Alert
        type={proposal === 'letter' ? 'success' : 'warning'}
        showIcon
        message={`系统建议：${label(proposal)}`}
        description={r.analysis.reasons.join(' ')}
      />
      {r.outcome && (
        <Typography.Paragraph style={{ marginTop: 8 }}>
          已确定：{label(r.outcome)}
          {r.overrideReason && `（调整系统建议，理由：${r.overrideReason}）`}
        </Typography.Paragraph>
      )}
      {(r.state === 'consulting' || r.state === 'letter_drafting') && canDecide && (
        <Space style={{ marginTop: 12 }}>
          {r.state === 'consulting' && (
            <Button
              type="primary"
              disabled={!r.actions.includes(proposal === 'letter' ? 'decide_letter' : 'decide_meeting')}
              loading={action.isPending}
              onClick={() => void decide(proposal)}
            >
              按建议{label(proposal)}
            </Button>
          )}
          <Button
            disabled={!canDecide || (other === 'letter' && !r.actions.includes('decide_letter'))}
            onClick={() => setOverride(other)}
          >
            改为{label(other)}…
          </Button>
        </Space>
      )}
      <Modal
        open={override !== null}
        title={`改为${override ? label(override) : ''}`}
        onCancel={() => setOverride(null)}
        onOk={() => override && void decide(override, reason)}
        okButtonProps={{ disabled: reason.trim().length < 4 }}
      >
        <Typography.Paragraph>与系统建议不同，请写明理由（记入时间线和审计）。</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="调整理由"
        />
      </Modal>
    </Card>
  );
}

function Letter({ r, etag }: { r: RequestDetail; etag: string }) {
  const { message, modal } = App.useApp();
  const action = useRequestAction();
  const proposed = r.commitments.filter((k) => k.status === 'proposed');
  const [addressee, setAddressee] = useState(r.letterAddressee ?? r.applicantName);
  const [rows, setRows] = useState(() =>
    proposed.map((k) => ({
      id: k.id,
      department: k.departmentName,
      content: k.content,
      dueDays: k.dueDays,
      dueDate: k.dueDays ? null : k.dueDate,
    })),
  );
  if (r.state !== 'letter_drafting' || !r.actions.includes('edit_letter')) return null;
  const save = async () => {
    const res = await action.mutateAsync({
      id: r.id,
      etag,
      method: 'PUT',
      path: 'letter',
      body: {
        addressee,
        commitments: rows.map((k) =>
          k.dueDays
            ? { id: k.id, content: k.content, dueDays: k.dueDays }
            : { id: k.id, content: k.content, dueDate: k.dueDate ?? undefined },
        ),
      },
    });
    return res.etag;
  };
  const send = () =>
    modal.confirm({
      title: '签发告知函',
      content: `将生成编号并加盖电子印章的告知函，列明 ${rows.length} 项承诺事项并全部转入督办。签发后不能修改。`,
      okText: '签发',
      onOk: async () => {
        try {
          // What the coordinator sees is what is sent: unsaved edits are saved first.
          const saved = await save();
          await action.mutateAsync({ id: r.id, etag: saved, path: 'letter/send' });
          message.success('告知函已签发，承诺事项已转入督办');
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  return (
    <Card size="small" title="告知函拟稿" style={{ marginBottom: 16 }} data-testid="letter-draft">
      <Space style={{ marginBottom: 12 }}>
        主送：
        <Input
          value={addressee}
          onChange={(e) => setAddressee(e.target.value)}
          style={{ width: 320 }}
          aria-label="主送单位"
        />
      </Space>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '各部门答复中没有承诺事项；告知函将列明各部门意见。' }}
        columns={[
          { title: '部门', dataIndex: 'department', width: 200 },
          {
            title: '承诺内容',
            dataIndex: 'content',
            render: (v: string, k) => (
              <Input
                value={v}
                onChange={(e) =>
                  setRows(rows.map((x) => (x.id === k.id ? { ...x, content: e.target.value } : x)))
                }
              />
            ),
          },
          {
            title: '完成时限',
            key: 'due',
            width: 220,
            render: (_: unknown, k) =>
              k.dueDays ? (
                <InputNumber
                  min={1}
                  max={365}
                  value={k.dueDays}
                  addonAfter="个工作日"
                  onChange={(n) => setRows(rows.map((x) => (x.id === k.id ? { ...x, dueDays: n ?? 1 } : x)))}
                />
              ) : (
                <DatePicker
                  value={k.dueDate ? dayjs(k.dueDate) : null}
                  onChange={(d) =>
                    setRows(
                      rows.map((x) =>
                        x.id === k.id ? { ...x, dueDate: d?.format('YYYY-MM-DD') ?? null } : x,
                      ),
                    )
                  }
                />
              ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          onClick={() =>
            void save().then(
              () => message.success('已保存告知函稿'),
              (err: unknown) => message.error(errorMessage(err)),
            )
          }
          loading={action.isPending}
        >
          保存修改
        </Button>
        <Button type="primary" onClick={send} disabled={!r.actions.includes('send_letter')}>
          签发告知函
        </Button>
      </Space>
    </Card>
  );
}

function Commitments({ r }: { r: RequestDetail }) {
  const [target, setTarget] = useState<{ kind: 'urge' | 'done'; row: Commitment } | null>(null);
  const tracked = r.commitments.filter((k) => k.status !== 'proposed');
  if (!tracked.length) return null;
  return (
    <Card size="small" title="承诺事项督办" style={{ marginBottom: 16 }}>
      <Table<Commitment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={tracked}
        data-testid="request-commitments"
        columns={[
          { title: '部门', dataIndex: 'departmentName', width: 180 },
          { title: '承诺内容', dataIndex: 'content', width: '34%' },
          { title: '期限', dataIndex: 'dueDate', width: 110 },
          {
            title: '时限',
            dataIndex: 'warningLevel',
            width: 100,
            render: (w: Commitment['warningLevel']) => <WarningTag level={w} />,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 160,
            render: (s: string, k) =>
              s === 'done' ? (
                <Typography.Text type="success">已办结：{k.doneNote}</Typography.Text>
              ) : (
                <Space size={4}>
                  <Tag color="processing">在办</Tag>
                  {k.urgedCount > 0 && <Tag>催办 {k.urgedCount} 次</Tag>}
                </Space>
              ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, k) => (
              <Space size={4}>
                {k.actions.includes('urge') && (
                  <Button size="small" onClick={() => setTarget({ kind: 'urge', row: k })}>
                    催办
                  </Button>
                )}
                {k.actions.includes('done') && (
                  <Button size="small" onClick={() => setTarget({ kind: 'done', row: k })}>
                    报告办结
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CommitmentActionModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}

function Ladder({ r }: { r: RequestDetail }) {
  const current = LADDER.indexOf(r.level as LadderLevel);
  return (
    <Card size="small" title="逐级协调" style={{ marginBottom: 16 }} data-testid="ladder">
      <Steps
        size="small"
        current={current}
        items={LADDER.map((l) => ({ title: LADDER_LABELS[l] }))}
        style={{ marginBottom: 12 }}
      />
      <Timeline
        items={r.ladder.map((s) => ({
          color: s.warningLevel === 'red' ? 'red' : s.open ? 'blue' : 'gray',
          content: (
            <Space direction="vertical" size={0}>
              <Typography.Text strong>
                {s.fromLevel ? `${LADDER_LABELS[s.fromLevel as LadderLevel]} → ` : '受理：'}
                {s.toLevelLabel}（{s.toUnitName}）
              </Typography.Text>
              <Typography.Text type="secondary">
                {formatDateTime(s.at, false)} {s.by ?? ''}：{s.reason}
              </Typography.Text>
              <Space size={4}>
                <Typography.Text type="secondary">
                  时限 {s.limitDays} 个工作日，{s.dueDate ? `至 ${s.dueDate}` : ''}
                  {s.open ? '' : '（已办理）'}
                </Typography.Text>
                {s.open && <WarningTag level={s.warningLevel} />}
              </Space>
            </Space>
          ),
        }))}
      />
    </Card>
  );
}

export default function RequestDetailPage() {
  const id = Number(useParams().id);
  const q = useRequest('staff', id);
  if (q.isError) return <LoadError error={q.error} what="协调事项" onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const { data: r, etag } = q.data;
  return (
    <>
      <PageHeader
        title={`${r.number} ${r.projectName}`}
        crumbs={[{ title: '协调事项', to: '/coordination' }, { title: r.number }]}
        subtitle={
          <Space size={4} wrap>
            <StateTag state={r.state} label={r.stateLabel} />
            <Tag>{r.levelLabel}</Tag>
            <WarningTag level={r.warningLevel} />
            {r.urgent && <Tag color="red">急件</Tag>}
            {r.complexity && <Tag>{COMPLEXITY_LABELS[r.complexity as Complexity]}</Tag>}
          </Space>
        }
        extra={<RequestActions r={r} etag={etag} />}
      />
      {r.state === 'returned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="已退回申请人补充"
          description={r.returnNote}
        />
      )}
      {r.state === 'meeting_proposed' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="拟提请召开专题协调会"
          description={`${r.outcomeReasons.join(' ')}${r.overrideReason ? `（理由：${r.overrideReason}）` : ''}`}
        />
      )}
      <RequestMeetings r={r} />
      {r.resolution && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message="办结"
          description={r.resolution}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xxl={16}>
          <Card size="small" title="申请内容" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label="申请单位">{r.applicantName}</Descriptions.Item>
              <Descriptions.Item label="来源">
                {SOURCE_LABELS[r.source as CoordinationSource]}
              </Descriptions.Item>
              <Descriptions.Item label="项目代码">{r.projectCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="联系人">
                {r.contactName} {r.contactPhone}
              </Descriptions.Item>
              {r.stageLeadName && (
                <Descriptions.Item label="阶段牵头部门">{r.stageLeadName}</Descriptions.Item>
              )}
              {r.caseId && (
                <Descriptions.Item label="关联办件">
                  <Link to={`/cases/${r.caseId}`}>查看办件</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label="项目概况" span={2}>
                {r.overview || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="存在问题" span={2}>
                {r.problem || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="部门意见" span={2}>
                {r.positions.length
                  ? r.positions.map((p) => (
                      <div key={p.department}>
                        {p.department}：{p.position}
                      </div>
                    ))
                  : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="拟解决方案" span={2}>
                {r.proposal || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="附件" span={2}>
                {r.files.length
                  ? r.files.map((f) => (
                      <div key={f.id}>
                        <a href={fileUrl('staff', r.id, f.id)}>{f.fileName}</a>
                      </div>
                    ))
                  : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {r.matters.length > 0 && (
            <Card size="small" title="分办事项" style={{ marginBottom: 16 }}>
              {r.matters.map((m) => (
                <div key={m.seq}>
                  {m.seq}. {m.title} <Tag>{COMPLEXITY_LABELS[m.complexity as Complexity]}</Tag>
                </div>
              ))}
            </Card>
          )}
          {r.consultations.length > 0 && <Consultations r={r} />}
          {r.fullView && <Outcome r={r} etag={etag} />}
          <Letter key={etag} r={r} etag={etag} />
          {r.letterDocumentId && (
            <Card size="small" title="告知函" style={{ marginBottom: 16 }}>
              <Docs r={r} documentId={r.letterDocumentId} />
            </Card>
          )}
          <Commitments r={r} />
        </Col>
        <Col xs={24} xxl={8}>
          <Ladder r={r} />
          <Card size="small" title="时间线" data-testid="timeline">
            {r.timeline.length ? (
              <Timeline
                items={r.timeline.map((e) => ({
                  content: (
                    <Space direction="vertical" size={0}>
                      <Typography.Text strong>{e.title}</Typography.Text>
                      {e.detail && <Typography.Text>{e.detail}</Typography.Text>}
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at, false)} {e.unitName ?? ''} {e.actorName ?? ''}
                      </Typography.Text>
                      {e.documentId && <Docs r={r} documentId={e.documentId} number={e.documentNumber} />}
                    </Space>
                  ),
                }))}
              />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
