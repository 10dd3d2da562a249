import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import type { DeadlineLedgerData, SuspendBody } from '../../api/types.ts';
import { SUSPENSION_KIND_LABELS } from '../../messages/zh-CN.ts';
import { beijingToday } from '../../ui/format.ts';
import { useResumeDeadline, useSuspendDeadline } from './api.ts';

interface SuspendValues {
  kind: SuspendBody['kind'];
  from: Dayjs;
  reason: string;
}

/** Stops the clock for a special procedure (行政许可法第四十五条), from a day on or after the start. */
export function SuspendModal({
  deadline,
  open,
  onClose,
}: {
  deadline: DeadlineLedgerData;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<SuspendValues>();
  const suspend = useSuspendDeadline();
  const [error, setError] = useState<string | null>(null);
  const today = beijingToday();

  const submit = (v: SuspendValues) => {
    setError(null);
    suspend.mutate(
      { id: deadline.id, kind: v.kind, from: v.from.format('YYYY-MM-DD'), reason: v.reason.trim() },
      {
        onSuccess: () => {
          message.success('已挂起计时，挂起期间不计入办理时限');
          form.resetFields();
          onClose();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <Modal
      title="挂起计时"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="挂起"
      cancelText="取消"
      confirmLoading={suspend.isPending}
      destroyOnHidden
    >
      <p style={{ color: 'rgba(0,0,0,0.6)' }}>
        依法需要补正、现场勘验、专家评审、听证、公示、检验检测等特别程序的，所需时间不计入办理时限。挂起自开始日起暂停计时，恢复后自恢复日的下一个工作日起继续计算。
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<SuspendValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ from: dayjs(today) }}
        aria-label="挂起计时"
      >
        <Form.Item name="kind" label="挂起事由" rules={[{ required: true, message: '请选择挂起事由' }]}>
          <Select
            placeholder="请选择"
            options={Object.entries(SUSPENSION_KIND_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="from" label="开始日" rules={[{ required: true, message: '请选择开始日' }]}>
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) =>
              d.format('YYYY-MM-DD') < deadline.startDate || d.format('YYYY-MM-DD') > today
            }
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请写明挂起原因' },
            { min: 2, message: '请写明挂起原因' },
            { max: 500, message: '原因不超过 500 个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            placeholder="如：申请材料不齐，已出具一次性告知补正通知书"
            maxLength={500}
            showCount
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Ends the open suspension; counting resumes the next working day after the resume day. */
export function ResumeModal({
  deadline,
  open,
  onClose,
}: {
  deadline: DeadlineLedgerData;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to: Dayjs }>();
  const resume = useResumeDeadline();
  const [error, setError] = useState<string | null>(null);
  const today = beijingToday();
  const running = deadline.suspensions.find((s) => s.to === null);

  return (
    <Modal
      title="恢复计时"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="恢复"
      cancelText="取消"
      confirmLoading={resume.isPending}
      destroyOnHidden
    >
      {running && (
        <p style={{ color: 'rgba(0,0,0,0.6)' }}>
          当前挂起：{running.kindLabel}，{running.from} 起；原因：{running.reason}
        </p>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<{ to: Dayjs }>
        form={form}
        layout="vertical"
        initialValues={{ to: dayjs(today) }}
        onFinish={(v) => {
          setError(null);
          resume.mutate(
            { id: deadline.id, to: v.to.format('YYYY-MM-DD') },
            {
              onSuccess: (r) => {
                message.success(r.dueDate ? `已恢复计时，截止日为 ${r.dueDate}` : '已恢复计时');
                onClose();
              },
              onError: (err) => setError(errorMessage(err)),
            },
          );
        }}
        aria-label="恢复计时"
      >
        <Form.Item
          name="to"
          label="恢复日"
          extra="补正材料收齐、勘验或评审结束的日期；自其下一个工作日起继续计时。"
          rules={[{ required: true, message: '请选择恢复日' }]}
        >
          <DatePicker
            style={{ width: '100%' }}
            disabledDate={(d) =>
              d.format('YYYY-MM-DD') < (running?.from ?? deadline.startDate) || d.format('YYYY-MM-DD') > today
            }
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
