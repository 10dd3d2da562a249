import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { CASE_EVENT_LABELS } from '../../../../lib/case-machine.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { beijingToday } from '../../ui/format.ts';
import { type CaseActionCall, type CaseDetail, type CaseEvent, type Channel, useCaseAction } from './api.ts';
import { PROCEDURE_LABELS } from './CaseView.tsx';

// One modal per action; each posts to its own route with the case's ETag (If-Match). A refusal
// (409 with the reason, 412 when someone else acted first) is shown in the modal, nothing changes.

/** The order buttons appear in; the main action of each state first. */
const ORDER: CaseEvent[] = [
  'accept',
  'accept_tolerantly',
  'request_correction',
  'reject',
  'resubmit',
  'dispatch',
  'pass',
  'approve',
  'deny',
  'return',
  'suspend',
  'resume',
  'extend',
  'deliver',
  'archive',
  'withdraw',
];
const PRIMARY = new Set<CaseEvent>([
  'accept',
  'dispatch',
  'pass',
  'approve',
  'deliver',
  'resume',
  'resubmit',
]);
const DANGER = new Set<CaseEvent>(['reject', 'deny', 'withdraw']);

const date = (d: Dayjs | undefined) => d?.format('YYYY-MM-DD');

// biome-ignore lint/suspicious/noExplicitAny: each action has its own form shape
type Values = Record<string, any>;

/** The route and body of an action from its form values. */
function callOf(event: CaseEvent, v: Values, c: CaseDetail): CaseActionCall {
  switch (event) {
    case 'accept':
    case 'dispatch':
    case 'withdraw':
    case 'archive':
      return { path: event };
    case 'accept_tolerantly':
      return {
        path: 'accept-tolerantly',
        body: {
          commitments: c.materials
            .filter((m) => m.status === 'missing' && m.tolerable)
            .map((m) => ({
              materialId: m.materialId,
              committedDate: v[`date-${m.materialId}`]?.format('YYYY-MM-DD'),
            })),
          // The form requires the signature; the server refuses an unsigned commitment all the same.
          commitmentSigned: v.signed || undefined,
        },
      };
    case 'request_correction':
      return { path: 'request-correction', body: { extra: v.extra ?? [], correctBy: date(v.correctBy) } };
    case 'reject':
      return {
        path: 'reject',
        body: {
          reasons: String(v.reasons ?? '')
            .split('\n')
            .map((s) => s.trim())
            .filter(Boolean),
          legalBasis: v.legalBasis,
        },
      };
    case 'resubmit':
      return {
        path: 'resubmit',
        body: {
          materials: (v.materials ?? []).map((materialId: number) => ({ materialId, paperChecked: true })),
        },
      };
    case 'pass':
    case 'return':
      return { path: event, body: { opinion: v.opinion } };
    case 'suspend':
      return { path: 'suspend', body: { kind: v.kind, reason: v.reason } };
    case 'resume':
      return { path: 'resume', body: { result: v.result, opinion: v.opinion || undefined } };
    case 'extend':
      return { path: 'extend', body: { days: v.days, reason: v.reason } };
    case 'approve':
      return {
        path: 'decision',
        body: {
          approve: true,
          resultName: v.resultName || undefined,
          resultNumber: v.resultNumber || undefined,
        },
      };
    case 'deny':
      return { path: 'decision', body: { approve: false, reason: v.reason } };
    case 'deliver':
      return { path: 'deliver', body: { method: v.method } };
  }
}

function Fields({ event, c }: { event: CaseEvent; c: CaseDetail }) {
  const today = beijingToday();
  const missing = c.materials.filter((m) => m.status === 'missing');
  const required = [{ required: true, whitespace: true, message: '此项必填' }];
  switch (event) {
    case 'accept':
      return (
        <Typography.Paragraph>
          受理后开始计算承诺时限（{`${c.approvalLevels} 级审查`}），并出具加盖印章的受理通知书。
        </Typography.Paragraph>
      );
    case 'accept_tolerantly':
      return (
        <>
          <Typography.Paragraph>
            以下可容缺材料由申请人承诺在作出决定前补齐；必备材料缺失不能容缺受理。
          </Typography.Paragraph>
          {missing
            .filter((m) => m.tolerable)
            .map((m) => (
              <Form.Item
                key={m.materialId}
                name={`date-${m.materialId}`}
                label={`${m.name} 承诺补齐日期`}
                rules={[{ required: true, message: '请选择承诺补齐日期' }]}
              >
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') <= today} />
              </Form.Item>
            ))}
          <Form.Item
            name="signed"
            valuePropName="checked"
            rules={[
              {
                validator: (_, v) =>
                  v ? Promise.resolve() : Promise.reject(new Error('须由申请人签署承诺书')),
              },
            ]}
          >
            <Checkbox>申请人已签署容缺受理承诺书</Checkbox>
          </Form.Item>
        </>
      );
    case 'request_correction':
      return (
        <>
          <Typography.Paragraph>
            一次性告知书将列出以下缺少的材料：{missing.map((m) => m.name).join('、') || '（无）'}。
          </Typography.Paragraph>
          <Form.Item name="extra" label="其他需补正的内容">
            <Select mode="tags" placeholder="输入后回车，可填写多项" open={false} />
          </Form.Item>
          <Form.Item name="correctBy" label="补正期限">
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') <= today} />
          </Form.Item>
        </>
      );
    case 'reject':
      return (
        <>
          <Form.Item name="reasons" label="不予受理理由（每行一条）" rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label="法律依据"
            rules={required}
            initialValue="《中华人民共和国行政许可法》第三十二条第一款"
          >
            <Input />
          </Form.Item>
        </>
      );
    case 'resubmit':
      return (
        <Form.Item
          name="materials"
          label="已核验原件的补正材料"
          rules={[{ required: true, message: '请勾选补正的材料' }]}
        >
          <Checkbox.Group options={missing.map((m) => ({ label: m.name, value: m.materialId }))} />
        </Form.Item>
      );
    case 'pass':
    case 'return':
      return (
        <Form.Item name="opinion" label="审查意见" rules={required}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      );
    case 'suspend':
      return (
        <>
          <Form.Item name="kind" label="特别程序种类" rules={[{ required: true, message: '请选择' }]}>
            <Select
              options={c.suspensionKinds
                .filter((k) => k !== 'extension')
                .map((k) => ({ value: k, label: PROCEDURE_LABELS[k] ?? k }))}
              placeholder="事项清单为该事项设置的特别程序"
            />
          </Form.Item>
          <Form.Item name="reason" label="启动理由或依据" rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'resume':
      return (
        <>
          <Form.Item name="result" label="特别程序结果" rules={required}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="opinion" label="办理意见">
            <Input />
          </Form.Item>
        </>
      );
    case 'extend':
      return (
        <>
          <Typography.Paragraph type="secondary">
            《行政许可法》第四十二条：规定期限内不能作出决定的，经本行政机关负责人批准，可以延长十日，并将延长期限的理由告知申请人。延长的天数按本事项承诺时限的计日方式（工作日或自然日）加入时限，计时不停止；每件限延长一次。
          </Typography.Paragraph>
          <Form.Item
            name="days"
            label="延长天数"
            initialValue={10}
            rules={[{ required: true, message: '请填写' }]}
          >
            <InputNumber min={1} max={30} precision={0} addonAfter="日" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label="延长理由（将在办件进度中告知申请人）" rules={required}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </>
      );
    case 'approve':
      return (
        <>
          <Form.Item name="resultName" label="结果证照名称" initialValue={c.itemName}>
            <Input />
          </Form.Item>
          <Form.Item name="resultNumber" label="结果证照编号">
            <Input placeholder="不填则按办件编号生成" />
          </Form.Item>
        </>
      );
    case 'deny':
      return (
        <Form.Item name="reason" label="不予许可理由" rules={required}>
          <Input.TextArea rows={3} />
        </Form.Item>
      );
    case 'deliver':
      return (
        <Form.Item name="method" label="出件方式" initialValue="window" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'window', label: '窗口领取' },
              { value: 'post', label: '邮寄送达' },
              { value: 'online', label: '网上送达' },
            ]}
          />
        </Form.Item>
      );
    default:
      return <Typography.Paragraph>确认{CASE_EVENT_LABELS[event]}？</Typography.Paragraph>;
  }
}

function ActionModal({
  event,
  c,
  etag,
  channel,
  onClose,
}: {
  event: CaseEvent;
  c: CaseDetail;
  etag: string;
  channel: Channel;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const action = useCaseAction(channel);
  const [error, setError] = useState<string | null>(null);
  const submit = (v: Values) => {
    setError(null);
    action.mutate(
      { id: c.id, etag, ...callOf(event, v, c) },
      {
        onSuccess: ({ data: d }) => {
          message.success(`已${CASE_EVENT_LABELS[event]}，办件状态：${d.stateLabel}`);
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiProblem && err.status === 412) {
            setError('办件已被他人办理或修改，请关闭后刷新再操作。');
          } else setError(errorMessage(err));
        },
      },
    );
  };
  return (
    <Modal
      open
      title={CASE_EVENT_LABELS[event]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: DANGER.has(event), 'aria-label': `确定${CASE_EVENT_LABELS[event]}` }}
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="action-error" />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label={CASE_EVENT_LABELS[event]}>
        <Fields event={event} c={c} />
      </Form>
    </Modal>
  );
}

/** The buttons of the actions the server says this user can take now. */
export function CaseActions({ c, etag, channel }: { c: CaseDetail; etag: string; channel: Channel }) {
  const [open, setOpen] = useState<CaseEvent | null>(null);
  const events = ORDER.filter((e) => c.actions.includes(e));
  if (events.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="case-actions">
        {events.map((e) => (
          <Button
            key={e}
            type={PRIMARY.has(e) ? 'primary' : 'default'}
            danger={DANGER.has(e)}
            onClick={() => setOpen(e)}
            data-action={e}
          >
            {CASE_EVENT_LABELS[e]}
          </Button>
        ))}
      </Space>
      {open && <ActionModal event={open} c={c} etag={etag} channel={channel} onClose={() => setOpen(null)} />}
    </>
  );
}
