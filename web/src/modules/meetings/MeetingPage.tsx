import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ATTENDANCE_LABELS } from '../../../../lib/meeting.ts';
import { errorMessage } from '../../api/problem.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  type Meeting,
  type MeetingActionCall,
  meetingDocumentUrl,
  useMeeting,
  useMeetingAction,
} from './api.ts';
import {
  AgendaCard,
  ApproveAgendaModal,
  FiguresCard,
  MaterialsCard,
  ReceiptsCard,
} from './MeetingSections.tsx';
import { MeetingStateTag } from './MeetingView.tsx';
import { MinutesCard } from './MinutesCard.tsx';
import { RecordForm } from './RecordForm.tsx';

function DocLinks({ m, documentId, label }: { m: Meeting; documentId: number | null; label: string }) {
  if (documentId === null) return <Typography.Text type="secondary">未印发</Typography.Text>;
  return (
    <Space>
      <span>{label}</span>
      <a href={meetingDocumentUrl(m.id, documentId, 'pdf')}>
        <FilePdfOutlined /> PDF
      </a>
      <a href={meetingDocumentUrl(m.id, documentId, 'docx')}>
        <FileWordOutlined /> DOCX
      </a>
    </Space>
  );
}

/** The invited unit's acknowledgement: who attends, and whether as a substitute. */
function AcknowledgeCard({ m, etag }: { m: Meeting; etag: string }) {
  const { message } = App.useApp();
  const act = useMeetingAction();
  const [form] = Form.useForm<{ unitId: number; attendee: string; substitute: boolean }>();
  return (
    <Card size="small" title="会议通知回执" style={{ marginBottom: 16 }} data-testid="meeting-acknowledge">
      <Form
        form={form}
        layout="inline"
        initialValues={{ unitId: m.toAcknowledge[0]?.unitId, substitute: false }}
        onFinish={(v) =>
          act.mutate(
            {
              id: m.id,
              etag,
              path: 'acknowledge',
              body: {
                ...(m.toAcknowledge.length > 1 ? { unitId: v.unitId } : {}),
                attendee: v.attendee,
                substitute: v.substitute,
              },
            },
            {
              onSuccess: () => message.success('已回执'),
              onError: (e) => message.error(errorMessage(e)),
            },
          )
        }
      >
        {m.toAcknowledge.length > 1 && (
          <Form.Item name="unitId" label="单位">
            <Select
              style={{ width: 220 }}
              options={m.toAcknowledge.map((u) => ({ value: u.unitId, label: u.unitName }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="attendee"
          label="参会人员"
          rules={[{ required: true, min: 2, message: '请填写参会人员' }]}
        >
          <Input maxLength={60} placeholder="姓名及职务" />
        </Form.Item>
        <Form.Item name="substitute" valuePropName="checked">
          <Checkbox>委托他人出席</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          回执
        </Button>
      </Form>
    </Card>
  );
}

const CONFIRM: Partial<Record<MeetingActionCall['path'], string>> = {
  convene: '印发会议通知？通知将编号、盖章并送达各受邀单位。',
  'minutes/approve': '签发会议纪要？签发后如修改会议记录或纪要须重新签发。',
  'minutes/issue': '印发会议纪要？纪要将编号、盖章，议定事项同时纳入督办，不可撤回。',
};

export default function MeetingPage() {
  const id = Number(useParams().id);
  const { message, modal } = App.useApp();
  const q = useMeeting(id);
  const act = useMeetingAction();
  const [cancelling, setCancelling] = useState(false);
  const [approving, setApproving] = useState(false);
  const [reason, setReason] = useState('');
  if (q.isError) return <LoadError error={q.error} what="会议" onRetry={() => void q.refetch()} />;
  if (!q.data) return <Card loading />;
  const { data: m, etag } = q.data;
  const has = (a: string) => m.actions.includes(a as never);
  const run = (call: MeetingActionCall, done: string) =>
    act.mutate({ id: m.id, etag, ...call } as MeetingActionCall & { id: number; etag: string }, {
      onSuccess: () => message.success(done),
      onError: (e) => message.error(errorMessage(e)),
    });
  const confirmed = (call: MeetingActionCall, done: string) => {
    const text = CONFIRM[call.path];
    if (!text) return run(call, done);
    modal.confirm({ title: text, okText: '确定', cancelText: '取消', onOk: () => run(call, done) });
  };
  const acknowledged = m.invitees.filter((i) => i.acknowledgedAt).length;
  const unsigned = m.receipts.filter((r) => !r.receivedAt).length;

  return (
    <>
      <PageHeader
        title={m.title}
        crumbs={[{ title: '会议', to: '/meetings' }, { title: m.title }]}
        subtitle={
          <Space size={4} wrap>
            <Tag>{m.kindLabel}</Tag>
            <MeetingStateTag m={m} />
            {m.urgent && <Tag color="red">紧急</Tag>}
          </Space>
        }
        extra={
          <Space wrap>
            {has('approve_agenda') && (
              <Button type="primary" onClick={() => setApproving(true)}>
                审定议题
              </Button>
            )}
            {has('convene') && (
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() => confirmed({ path: 'convene' }, '会议通知已印发')}
              >
                印发会议通知
              </Button>
            )}
            {has('remind') && m.state === 'convened' && acknowledged < m.invitees.length && (
              <Button onClick={() => run({ path: 'remind' }, '已提醒未回执单位')}>提醒未回执单位</Button>
            )}
            {has('remind') && m.state === 'minutes_issued' && unsigned > 0 && (
              <Button onClick={() => run({ path: 'remind' }, '已提醒未签收单位')}>提醒未签收单位</Button>
            )}
            {has('approve_minutes') && (
              <Button type="primary" onClick={() => confirmed({ path: 'minutes/approve' }, '纪要已签发')}>
                签发会议纪要
              </Button>
            )}
            {has('issue_minutes') && (
              <Button
                type="primary"
                onClick={() =>
                  m.correctionReason
                    ? modal.confirm({
                        title: '印发更正后的会议纪要？新纪要将编号、盖章并替代原纪要，各单位须重新签收。',
                        okText: '确定',
                        cancelText: '取消',
                        onOk: () => run({ path: 'minutes/issue' }, '更正后的纪要已印发'),
                      })
                    : confirmed({ path: 'minutes/issue' }, '纪要已印发，议定事项已纳入督办')
                }
              >
                {m.correctionReason ? '印发更正后的纪要' : '印发会议纪要'}
              </Button>
            )}
            {has('cancel') && (
              <Button danger onClick={() => setCancelling(true)}>
                取消会议
              </Button>
            )}
          </Space>
        }
      />
      {m.state === 'cancelled' && (
        <Alert
          type="info"
          showIcon
          title={`会议已取消：${m.cancelReason ?? ''}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="时间">{formatDateTime(m.startsAt, false)}</Descriptions.Item>
          <Descriptions.Item label="地点">{m.place}</Descriptions.Item>
          <Descriptions.Item label="主持人">{m.chair}</Descriptions.Item>
          <Descriptions.Item label="召集单位">{m.centerName}</Descriptions.Item>
          {m.requestId && (
            <Descriptions.Item label="协调事项">
              <Link to={`/coordination/${m.requestId}`}>查看协调事项</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label="会议通知">
            <DocLinks m={m} documentId={m.noticeDocumentId} label="" />
          </Descriptions.Item>
          <Descriptions.Item label="会议纪要">
            <DocLinks m={m} documentId={m.minutesDocumentId} label="" />
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {m.toAcknowledge.length > 0 && <AcknowledgeCard m={m} etag={etag} />}
      <AgendaCard m={m} etag={etag} />
      <FiguresCard m={m} etag={etag} />
      <MaterialsCard m={m} etag={etag} />
      <Card
        size="small"
        title={`参会单位（已回执 ${acknowledged} / ${m.invitees.length}）`}
        style={{ marginBottom: 16 }}
      >
        <Table
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={m.invitees}
          data-testid="meeting-invitees"
          columns={[
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '回执',
              key: 'ack',
              width: 220,
              render: (_, i) =>
                i.acknowledgedAt ? (
                  <Tag color="success">已回执 {formatDateTime(i.acknowledgedAt, false)}</Tag>
                ) : m.state === 'draft' ? (
                  <Typography.Text type="secondary">通知未印发</Typography.Text>
                ) : (
                  <Space size={4}>
                    <Tag color="warning">未回执</Tag>
                    {i.remindedAt && <Typography.Text type="secondary">已提醒</Typography.Text>}
                  </Space>
                ),
            },
            {
              title: '参会人员',
              key: 'who',
              render: (_, i) => (i.attendee ? `${i.attendee}${i.substitute ? '（委托出席）' : ''}` : '—'),
            },
            {
              title: '出席情况',
              key: 'attendance',
              width: 160,
              render: (_, i) =>
                i.attendance
                  ? `${ATTENDANCE_LABELS[i.attendance]}${i.absenceReason ? `（${i.absenceReason}）` : ''}`
                  : '—',
            },
          ]}
        />
      </Card>
      {has('hold') && <RecordForm m={m} etag={etag} />}
      {(m.state === 'held' || m.state === 'minutes_issued') && (
        // A new draft (a correction) starts from the version just saved.
        <MinutesCard key={`${m.version}`} m={m} etag={etag} />
      )}
      <ReceiptsCard m={m} etag={etag} />
      {approving && (
        <ApproveAgendaModal m={m} etag={etag} open={approving} onClose={() => setApproving(false)} />
      )}
      <Modal
        open={cancelling}
        title="取消会议"
        okText="取消会议"
        cancelText="返回"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        onCancel={() => setCancelling(false)}
        onOk={() => {
          run({ path: 'cancel', body: { reason: reason.trim() } }, '会议已取消');
          setCancelling(false);
        }}
      >
        <Input.TextArea
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          placeholder="取消原因（将告知已通知的单位）"
          aria-label="取消原因"
        />
      </Modal>
    </>
  );
}
