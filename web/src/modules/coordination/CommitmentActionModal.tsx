import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { type Commitment, useCommitmentAction } from './api.ts';

/** Urges a department (optional note) or reports a commitment done (required note). */
export function CommitmentActionModal({
  target,
  onClose,
}: {
  target: { kind: 'urge' | 'done'; row: Commitment } | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string }>();
  const action = useCommitmentAction();
  const [error, setError] = useState<string | null>(null);
  const urge = target?.kind === 'urge';

  const submit = ({ note }: { note?: string }) => {
    if (!target) return;
    setError(null);
    action.mutate(
      { id: target.row.id, version: target.row.version, path: target.kind, note: note?.trim() ?? '' },
      {
        onSuccess: () => {
          message.success(urge ? '已催办' : '已报告办结');
          onClose();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <Modal
      title={urge ? '催办' : '报告办结'}
      open={target !== null}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      onOk={() => form.submit()}
      okText={urge ? '催办' : '报告办结'}
      cancelText="取消"
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      {target && (
        <Typography.Paragraph type="secondary">
          {target.row.departmentName}：{target.row.content}
          {target.row.dueDate && `（期限 ${target.row.dueDate}）`}
        </Typography.Paragraph>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        {urge ? (
          <Form.Item name="note" label="催办说明" rules={[{ max: 500, message: '催办说明不超过 500 个字' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="可不填" />
          </Form.Item>
        ) : (
          <Form.Item
            name="note"
            label="办理情况"
            rules={[
              { required: true, whitespace: true, message: '请填写办理情况' },
              { min: 2, message: '办理情况至少 2 个字' },
              { max: 1000, message: '办理情况不超过 1000 个字' },
            ]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
