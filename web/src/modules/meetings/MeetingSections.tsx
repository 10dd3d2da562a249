// The sections of the meeting page beyond its record and minutes: the agenda with the topics units
// propose, a regular meeting's figures, the materials sent with the notice and the receipts of the
// issued minutes.
import { DeleteOutlined, FilePdfOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  List,
  Modal,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { PROPOSAL_STATE_LABELS } from '../../../../lib/meeting.ts';
import { errorMessage } from '../../api/problem.ts';
import { formatDateTime } from '../../ui/format.ts';
import {
  type Meeting,
  meetingDocumentUrl,
  meetingMaterialUrl,
  useMeetingAction,
  useUploadMaterial,
} from './api.ts';

type Props = { m: Meeting; etag: string };

const PROPOSAL_COLORS = { proposed: 'processing', accepted: 'success', declined: 'default' } as const;

/** The agenda: topics, whether it is approved, and the topics the invited units propose. */
export function AgendaCard({ m, etag }: Props) {
  const { message } = App.useApp();
  const act = useMeetingAction();
  const [declining, setDeclining] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [form] = Form.useForm<{ title: string; reason: string; unitId?: number }>();
  const canDecide = m.actions.includes('decide_proposal');
  const done = (text: string) => ({
    onSuccess: () => message.success(text),
    onError: (e: unknown) => message.error(errorMessage(e)),
  });
  const mine = m.myUnits;
  const needsApproval = m.kind !== 'regular';
  return (
    <Card
      size="small"
      title="议题"
      style={{ marginBottom: 16 }}
      data-testid="meeting-agenda"
      extra={
        needsApproval &&
        (m.agendaApprovedAt ? (
          <Tag color="success">议题已审定 {formatDateTime(m.agendaApprovedAt, false)}</Tag>
        ) : (
          <Tag color="warning">议题待{m.kind === 'joint' ? '召集人' : '分管领导'}审定</Tag>
        ))
      }
    >
      <List
        size="small"
        dataSource={m.topics}
        renderItem={(t) => (
          <List.Item>
            {t.seq}. {t.title}
            {t.discussion && <Typography.Text type="secondary">　{t.discussion}</Typography.Text>}
          </List.Item>
        )}
      />
      {m.proposals.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            议题申报
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={m.proposals}
            data-testid="meeting-proposals"
            columns={[
              { title: '申报单位', dataIndex: 'unitName', width: 180 },
              {
                title: '议题',
                key: 'title',
                render: (_, p) => (
                  <Space orientation="vertical" size={0}>
                    <span>{p.title}</span>
                    {p.reason && <Typography.Text type="secondary">{p.reason}</Typography.Text>}
                    {p.declineReason && (
                      <Typography.Text type="secondary">不列入理由：{p.declineReason}</Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '状态',
                key: 'state',
                width: 110,
                render: (_, p) => (
                  <Tag color={PROPOSAL_COLORS[p.state]}>{PROPOSAL_STATE_LABELS[p.state]}</Tag>
                ),
              },
              ...(canDecide
                ? [
                    {
                      title: '处理',
                      key: 'decide',
                      width: 190,
                      render: (_: unknown, p: Meeting['proposals'][number]) =>
                        p.state === 'proposed' && (
                          <Space>
                            <Button
                              size="small"
                              type="primary"
                              onClick={() =>
                                act.mutate(
                                  {
                                    id: m.id,
                                    etag,
                                    path: 'proposals/decide',
                                    body: { proposalId: p.id, accept: true },
                                  },
                                  done('已列入议程，议题须重新审定'),
                                )
                              }
                            >
                              列入议程
                            </Button>
                            <Button size="small" onClick={() => setDeclining(p.id)}>
                              不列入
                            </Button>
                          </Space>
                        ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
      {m.actions.includes('propose_topic') && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          data-testid="propose-topic"
          onFinish={(v) =>
            act.mutate(
              {
                id: m.id,
                etag,
                path: 'proposals',
                body: { title: v.title, reason: v.reason ?? '', ...(v.unitId ? { unitId: v.unitId } : {}) },
              },
              {
                onSuccess: () => {
                  form.resetFields();
                  message.success('议题已申报，等待中心处理');
                },
                onError: (e) => message.error(errorMessage(e)),
              },
            )
          }
        >
          <Typography.Text strong>申报议题</Typography.Text>
          {mine.length > 1 && (
            <Form.Item name="unitId" label="申报单位" rules={[{ required: true, message: '请选择单位' }]}>
              <Select options={mine.map((i) => ({ value: i.unitId, label: i.unitName }))} />
            </Form.Item>
          )}
          <Form.Item
            name="title"
            label="议题"
            rules={[{ required: true, min: 2, message: '请填写议题（至少 2 个字）' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="reason" label="申报理由">
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button htmlType="submit" loading={act.isPending}>
            申报
          </Button>
        </Form>
      )}
      <Modal
        open={declining !== null}
        title="不列入议程"
        okText="确定"
        cancelText="返回"
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onCancel={() => setDeclining(null)}
        onOk={() => {
          act.mutate(
            {
              id: m.id,
              etag,
              path: 'proposals/decide',
              body: { proposalId: declining!, accept: false, reason: reason.trim() },
            },
            done('已告知申报单位'),
          );
          setDeclining(null);
          setReason('');
        }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          aria-label="不列入的理由"
          placeholder="不列入的理由（将告知申报单位）"
        />
      </Modal>
    </Card>
  );
}

/** The approval of the agenda; for a joint meeting the convener names its chair. */
export function ApproveAgendaModal({
  m,
  etag,
  open,
  onClose,
}: Props & { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const act = useMeetingAction();
  const joint = m.kind === 'joint';
  const [chair, setChair] = useState<number | undefined>(m.chairChoices[0]?.userId);
  return (
    <Modal
      open={open}
      title="审定议题"
      okText="审定"
      cancelText="返回"
      okButtonProps={{ disabled: joint && chair === undefined, loading: act.isPending }}
      onCancel={onClose}
      onOk={() =>
        act.mutate(
          { id: m.id, etag, path: 'agenda/approve', body: joint ? { chairUserId: chair } : {} },
          {
            onSuccess: () => {
              message.success('议题已审定，可以印发会议通知');
              onClose();
            },
            onError: (e) => message.error(errorMessage(e)),
          },
        )
      }
    >
      <Typography.Paragraph>
        审定以下 {m.topics.length} 项议题：
        {m.topics.map((t) => t.title).join('；')}
      </Typography.Paragraph>
      {joint && (
        <>
          <Typography.Text strong>指定主持人</Typography.Text>
          <Radio.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8, marginTop: 8 }}
            value={chair}
            onChange={(e) => setChair(e.target.value as number)}
            options={m.chairChoices.map((c) => ({ value: c.userId, label: `${c.name}（${c.role}）` }))}
            aria-label="主持人"
          />
        </>
      )}
    </Modal>
  );
}

/** A regular meeting's figures of the period before it, read from the cases. */
export function FiguresCard({ m, etag }: Props) {
  const { message } = App.useApp();
  const act = useMeetingAction();
  const f = m.figures;
  if (!f) return null;
  const rate = f.totals.concluded ? Math.round((f.totals.onTime / f.totals.concluded) * 1000) / 10 : null;
  const busiest = Math.max(1, ...f.departments.map((d) => d.received));
  const rows = f.departments.filter(
    (d) => d.received || d.concluded || d.open || d.corrections || d.withdrawals,
  );
  return (
    <Card
      size="small"
      title={`审批数据通报（${f.period.from} 至 ${f.through}）`}
      style={{ marginBottom: 16 }}
      data-testid="meeting-figures"
      extra={
        <Space>
          <Typography.Text type="secondary">数据截至 {formatDateTime(f.asOf, false)}</Typography.Text>
          {m.actions.includes('refresh_figures') && (
            <Button
              size="small"
              loading={act.isPending}
              onClick={() =>
                act.mutate(
                  { id: m.id, etag, path: 'figures/refresh' },
                  {
                    onSuccess: () => message.success('已按最新数据更新'),
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              更新数据
            </Button>
          )}
        </Space>
      }
    >
      <Row gutter={16} style={{ marginBottom: 12 }}>
        <Col xs={12} md={4}>
          <Statistic title="受理" value={f.totals.received} suffix="件" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="办结" value={f.totals.concluded} suffix="件" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="按期办结率" value={rate ?? '—'} suffix={rate === null ? '' : '%'} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="在办（超期）" value={`${f.totals.open}（${f.totals.overdue}）`} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="退回补正" value={f.totals.corrections} suffix="件" />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="撤回" value={f.totals.withdrawals} suffix="件" />
        </Col>
      </Row>
      <Table
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: '本期各部门无办件' }}
        columns={[
          { title: '部门窗口', dataIndex: 'name' },
          {
            title: '受理',
            dataIndex: 'received',
            width: 180,
            sorter: (a, b) => a.received - b.received,
            defaultSortOrder: 'descend',
            render: (v: number) => (
              <Progress percent={(v / busiest) * 100} format={() => v} size="small" showInfo />
            ),
          },
          { title: '办结', dataIndex: 'concluded', width: 70, sorter: (a, b) => a.concluded - b.concluded },
          { title: '按期', dataIndex: 'onTime', width: 70 },
          { title: '在办', dataIndex: 'open', width: 70, sorter: (a, b) => a.open - b.open },
          {
            title: '超期',
            dataIndex: 'overdue',
            width: 70,
            sorter: (a, b) => a.overdue - b.overdue,
            render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v),
          },
          { title: '补正', dataIndex: 'corrections', width: 70 },
          { title: '撤回', dataIndex: 'withdrawals', width: 70 },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{f.totals.received}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{f.totals.concluded}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>{f.totals.onTime}</Table.Summary.Cell>
            <Table.Summary.Cell index={4}>{f.totals.open}</Table.Summary.Cell>
            <Table.Summary.Cell index={5}>{f.totals.overdue}</Table.Summary.Cell>
            <Table.Summary.Cell index={6}>{f.totals.corrections}</Table.Summary.Cell>
            <Table.Summary.Cell index={7}>{f.totals.withdrawals}</Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {f.returnedItems.length > 0 && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          退回补正与撤回集中的事项：
          {f.returnedItems.map((i) => `${i.item}（补正 ${i.corrections}、撤回 ${i.withdrawals}）`).join('；')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

const size = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The materials sent with the notice: downloaded by the invited units, added by the organiser. */
export function MaterialsCard({ m, etag }: Props) {
  const { message } = App.useApp();
  const upload = useUploadMaterial(m.id);
  const act = useMeetingAction();
  const canAdd = m.actions.includes('add_material');
  const canRemove = m.actions.includes('remove_material');
  if (!m.materials.length && !canAdd) return null;
  return (
    <Card
      size="small"
      title={`会议材料（${m.materials.length}）`}
      style={{ marginBottom: 16 }}
      data-testid="meeting-materials"
      extra={
        canAdd && (
          <Upload
            showUploadList={false}
            accept=".pdf,.ofd,.docx,.jpg,.jpeg,.png"
            customRequest={({ file }) =>
              upload.mutate(file as File, {
                onSuccess: () =>
                  message.success(
                    m.state === 'convened' ? '材料已上传并通知各受邀单位' : '材料已上传，将随通知送达',
                  ),
                onError: (e) => message.error(errorMessage(e)),
              })
            }
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              上传材料
            </Button>
          </Upload>
        )
      }
    >
      <List
        size="small"
        dataSource={m.materials}
        locale={{ emptyText: '尚未上传材料（PDF、OFD、Word、图片，每份不超过 10 MB）' }}
        renderItem={(x) => (
          <List.Item
            actions={
              canRemove
                ? [
                    <Button
                      key="rm"
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={`删除${x.fileName}`}
                      onClick={() =>
                        act.mutate(
                          { id: m.id, etag, path: 'material/delete', materialId: x.id },
                          { onError: (e) => message.error(errorMessage(e)) },
                        )
                      }
                    />,
                  ]
                : []
            }
          >
            <a href={meetingMaterialUrl(m.id, x.id)}>
              <PaperClipOutlined /> {x.fileName}
            </a>
            <Typography.Text type="secondary">
              {size(x.size)} · {formatDateTime(x.uploadedAt, false)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The issued versions of the minutes and who has signed for the current one. */
export function ReceiptsCard({ m, etag }: Props) {
  const { message } = App.useApp();
  const act = useMeetingAction();
  const [picked, setPicked] = useState<number | undefined>();
  // A unit already signed for (or of an older version) is no longer offered.
  const unit = m.toReceive.some((u) => u.unitId === picked) ? picked : m.toReceive[0]?.unitId;
  if (!m.minutesVersions.length) return null;
  const received = m.receipts.filter((r) => r.receivedAt).length;
  return (
    <Card
      size="small"
      title={`纪要签收（${received} / ${m.receipts.length}）`}
      style={{ marginBottom: 16 }}
      data-testid="meeting-receipts"
      extra={
        m.toReceive.length > 0 && (
          <Space>
            {m.toReceive.length > 1 && (
              <Select
                size="small"
                style={{ width: 200 }}
                value={unit}
                onChange={setPicked}
                aria-label="签收单位"
                options={m.toReceive.map((u) => ({ value: u.unitId, label: u.unitName }))}
              />
            )}
            <Button
              size="small"
              type="primary"
              loading={act.isPending}
              onClick={() =>
                act.mutate(
                  {
                    id: m.id,
                    etag,
                    path: 'minutes/receive',
                    body: m.toReceive.length > 1 ? { unitId: unit } : {},
                  },
                  {
                    onSuccess: () => message.success('已签收会议纪要'),
                    onError: (e) => message.error(errorMessage(e)),
                  },
                )
              }
            >
              签收纪要
            </Button>
          </Space>
        )
      }
    >
      <Table
        size="small"
        rowKey="unitId"
        pagination={false}
        dataSource={m.receipts}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          {
            title: '签收',
            key: 'received',
            render: (_, r) =>
              r.receivedAt ? (
                <Tag color="success">
                  {r.receivedBy} 已签收 {formatDateTime(r.receivedAt, false)}
                </Tag>
              ) : (
                <Space size={4}>
                  <Tag color="warning">未签收</Tag>
                  {r.remindedAt && <Typography.Text type="secondary">已提醒</Typography.Text>}
                </Space>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        纪要版本
      </Typography.Title>
      <List
        size="small"
        dataSource={m.minutesVersions}
        renderItem={(v, i) => (
          <List.Item>
            <Space wrap>
              <span>
                {v.number}（{v.issuedOn}）
              </span>
              {i === 0 ? <Tag color="success">现行</Tag> : <Tag>已被更正替代</Tag>}
              <a href={meetingDocumentUrl(m.id, v.documentId, 'pdf')}>
                <FilePdfOutlined /> PDF
              </a>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
