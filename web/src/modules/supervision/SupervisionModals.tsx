// The dialogs of an item's actions: a reason or a note (退回, 撤销督办, 催办), 申请延期 and 审核延期.
import { Alert, Descriptions, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { formatDateTime } from '../../ui/format.ts';
import type { SupervisionActionCall, SupervisionItem } from './api.ts';

/** Performs an action and says `done`; resolves to whether it succeeded (the dialog then closes). */
export type RunAction = (call: SupervisionActionCall, done: string) => Promise<boolean>;

/** One text field: a required reason (2–200 characters), or an optional note. */
export function TextModal({
  title,
  label,
  okText,
  required,
  maxLength,
  placeholder,
  danger,
  busy,
  onCancel,
  onSubmit,
}: {
  title: string;
  label: string;
  okText: string;
  required: boolean;
  maxLength: number;
  placeholder?: string;
  danger?: boolean;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (text: string) => void;
}) {
  const [form] = Form.useForm<{ text?: string }>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger }}
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => onSubmit((v.text ?? '').trim())}
        aria-label={title}
      >
        <Form.Item
          name="text"
          label={label}
          rules={
            required
              ? [
                  { required: true, whitespace: true, message: `请填写${label}` },
                  { min: 2, message: `${label}至少 2 个字` },
                ]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={maxLength} showCount placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 申请延期: working days (1–60) and the reason, decided by the supervision office. */
export function ExtensionModal({
  item,
  busy,
  run,
  onClose,
}: {
  item: SupervisionItem;
  busy: boolean;
  run: RunAction;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ days: number; reason: string }>();
  return (
    <Modal
      open
      title="申请延期"
      okText="提交申请"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        aria-label="申请延期"
        onFinish={(v) =>
          void run(
            { path: 'extensions', body: { days: v.days, reason: v.reason.trim() } },
            '延期申请已提交，待督查室审核',
          ).then((ok) => ok && onClose())
        }
      >
        <CurrentDue dueDate={item.dueDate} />
        <Form.Item
          name="days"
          label="延期工作日数"
          rules={[{ required: true, message: '请填写延期工作日数' }]}
          extra="一次最多延期 60 个工作日"
        >
          <InputNumber min={1} max={60} precision={0} suffix="个工作日" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="延期理由"
          rules={[
            { required: true, whitespace: true, message: '请填写延期理由' },
            { min: 2, message: '延期理由至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CurrentDue({ dueDate }: { dueDate: string | null }) {
  return dueDate ? (
    <Alert
      type="info"
      showIcon
      title={`当前到期日 ${dueDate}；经督查室同意后，办结时限按申请的工作日顺延。`}
      style={{ marginBottom: 12 }}
    />
  ) : null;
}

/** 审核延期: the pending request, then 同意 or 不同意 with the reason. */
export function DecideExtensionModal({
  item,
  busy,
  run,
  onClose,
}: {
  item: SupervisionItem;
  busy: boolean;
  run: RunAction;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ grant: boolean; reason?: string }>();
  const grant = Form.useWatch('grant', form);
  const pending = item.extensions.find((e) => e.state === 'pending');
  return (
    <Modal
      open
      title="审核延期申请"
      okText="提交"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {pending && (
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="申请延期">{pending.days} 个工作日</Descriptions.Item>
          <Descriptions.Item label="理由">{pending.reason}</Descriptions.Item>
          <Descriptions.Item label="申请人">
            {pending.requestedBy} · {formatDateTime(pending.requestedAt, false)}
          </Descriptions.Item>
          <Descriptions.Item label="当前到期日">{item.dueDate ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Form
        form={form}
        layout="vertical"
        aria-label="审核延期申请"
        initialValues={{ grant: true }}
        onFinish={(v) =>
          void run(
            {
              path: 'extensions/decide',
              body: v.grant ? { grant: true } : { grant: false, reason: (v.reason ?? '').trim() },
            },
            v.grant ? '已同意延期，到期日已顺延' : '已不同意延期',
          ).then((ok) => ok && onClose())
        }
      >
        <Form.Item name="grant" label="审核意见">
          <Radio.Group
            options={[
              { value: true, label: '同意' },
              { value: false, label: '不同意' },
            ]}
          />
        </Form.Item>
        {grant === false && (
          <Form.Item
            name="reason"
            label="不同意的理由"
            rules={[
              { required: true, whitespace: true, message: '不同意延期须写明理由' },
              { min: 2, message: '理由至少 2 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={200} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
