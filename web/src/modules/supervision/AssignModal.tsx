import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/problem.ts';
import { useUnits } from '../org/api.ts';
import { type AssignBody, useAssignItem } from './api.ts';

interface Values {
  ownerUnitId: number;
  content: string;
  sourceTitle?: string;
  responsiblePerson?: string;
  dueMode: 'days' | 'date';
  dueDays?: number;
  dueOn?: Dayjs;
}

/** 交办督办事项: a leader's instruction handed to a unit with a time limit; opens the new item. */
export function AssignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const assign = useAssignItem();
  const units = useUnits({ limit: 500 }, open);
  const submit = (v: Values) => {
    const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
    const input: AssignBody = {
      ownerUnitId: v.ownerUnitId,
      content: v.content.trim(),
      ...(trimmed(v.sourceTitle) ? { sourceTitle: trimmed(v.sourceTitle) } : {}),
      ...(trimmed(v.responsiblePerson) ? { responsiblePerson: trimmed(v.responsiblePerson) } : {}),
      ...(v.dueMode === 'date' ? { dueOn: v.dueOn?.format('YYYY-MM-DD') } : { dueDays: v.dueDays }),
    };
    assign.mutate(input, {
      onSuccess: (item) => {
        message.success('已交办，纳入督办');
        onClose();
        navigate(`/supervision/${item.id}`);
      },
      onError: (e) => message.error(errorMessage(e)),
    });
  };
  return (
    <Modal
      open={open}
      title="交办督办事项"
      okText="交办"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ dueMode: 'days', dueDays: 10 }}
        aria-label="交办督办事项"
      >
        <Form.Item
          name="ownerUnitId"
          label="责任单位"
          rules={[{ required: true, message: '请选择责任单位' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="输入单位名称检索"
            options={(units.data?.items ?? [])
              .filter((u) => u.enabled)
              .map((u) => ({ value: u.id, label: u.name }))}
            loading={units.isPending}
            aria-label="责任单位"
          />
        </Form.Item>
        <Form.Item
          name="content"
          label="督办内容"
          rules={[
            { required: true, whitespace: true, message: '请填写督办内容' },
            { min: 2, max: 500, message: '督办内容 2–500 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item
          name="sourceTitle"
          label="来源"
          rules={[{ min: 2, max: 200, message: '来源 2–200 个字' }]}
          extra="批示或交办的出处；不填时记为您交办"
        >
          <Input maxLength={200} placeholder="如：周强副区长批示（12月7日）" />
        </Form.Item>
        <Form.Item
          name="responsiblePerson"
          label="责任人"
          rules={[{ min: 2, max: 40, message: '责任人 2–40 个字' }]}
        >
          <Input maxLength={40} placeholder="责任单位的具体负责人（选填）" />
        </Form.Item>
        <Form.Item name="dueMode" label="完成时限">
          <Radio.Group
            options={[
              { value: 'days', label: '按工作日' },
              { value: 'date', label: '按日期' },
            ]}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['dueMode']}>
          {({ getFieldValue }) =>
            getFieldValue('dueMode') === 'date' ? (
              <Form.Item
                name="dueOn"
                label="完成日期"
                rules={[
                  { required: true, message: '请选择完成日期' },
                  {
                    validator: (_, v: Dayjs | undefined) =>
                      !v || v.isAfter(dayjs(), 'day')
                        ? Promise.resolve()
                        : Promise.reject(new Error('完成日期应晚于今天')),
                  },
                ]}
              >
                <DatePicker
                  style={{ width: 200 }}
                  disabledDate={(d) => !d.isAfter(dayjs(), 'day')}
                  aria-label="完成日期"
                />
              </Form.Item>
            ) : (
              <Form.Item
                name="dueDays"
                label="工作日数"
                rules={[{ required: true, message: '请填写完成时限（工作日）' }]}
                extra="按本区工作日历计算到期日"
              >
                <InputNumber min={1} max={365} precision={0} suffix="个工作日" style={{ width: 200 }} />
              </Form.Item>
            )
          }
        </Form.Item>
      </Form>
    </Modal>
  );
}
