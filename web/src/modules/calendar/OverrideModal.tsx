import { Alert, DatePicker, Form, Input, Modal, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import type { OverrideBody, OverrideResult } from '../../api/types.ts';
import { useAddOverride } from './api.ts';

interface Values {
  date: Dayjs;
  kind: OverrideBody['kind'];
  reason: string;
}

/**
 * Registers a local closure (typhoon, etc.) or a local make-up working day for the region shown;
 * the server recomputes the region's open deadlines in the same transaction.
 */
export function OverrideModal({
  open,
  regionCode,
  regionName,
  onClose,
  onDone,
}: {
  open: boolean;
  regionCode: string;
  regionName: string;
  onClose: () => void;
  onDone: (r: OverrideResult, what: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const add = useAddOverride();
  const [error, setError] = useState<string | null>(null);

  const submit = (v: Values) => {
    setError(null);
    const date = v.date.format('YYYY-MM-DD');
    add.mutate(
      { regionCode, date, kind: v.kind, reason: v.reason.trim() },
      {
        onSuccess: (r) => {
          form.resetFields();
          onDone(r, `已登记 ${date} ${v.kind === 'closure' ? '停止办公' : '调班上班'}`);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <Modal
      title={`登记本地调整 · ${regionName}`}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="登记并重算时限"
      cancelText="取消"
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <p style={{ color: 'rgba(0,0,0,0.6)' }}>
        登记后将立即重算本区划（市级含下辖区县）全部在办时限，截止日改变的事项会通知办理人。须写明依据。
      </p>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ kind: 'closure' }}
        aria-label="本地调整"
      >
        <Form.Item name="date" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'closure', label: '停止办公（工作日不办公，不计入时限）' },
              { value: 'workday', label: '调班上班（休息日上班，计入时限）' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="依据"
          rules={[
            { required: true, whitespace: true, message: '请写明依据' },
            { min: 2, message: '请写明依据，如“台风红色预警，市政府通知停工”' },
            { max: 200, message: '依据不超过 200 个字' },
          ]}
        >
          <Input placeholder="如：台风红色预警，市政府通知停工" maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
