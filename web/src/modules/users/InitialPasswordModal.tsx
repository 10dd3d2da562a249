import { Alert, Modal, Typography } from 'antd';

/** Shows a one-time initial password (after create or reset); it cannot be retrieved again. */
export function InitialPasswordModal({
  value,
  onClose,
}: {
  value: { username: string; displayName: string; password: string; reason: 'create' | 'reset' } | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={value !== null}
      title={value?.reason === 'create' ? '账号已创建' : '密码已重置'}
      onCancel={onClose}
      onOk={onClose}
      okText="我已记下"
      cancelButtonProps={{ style: { display: 'none' } }}
      destroyOnHidden
    >
      {value && (
        <>
          <Typography.Paragraph>
            {value.displayName}（用户名 <Typography.Text code>{value.username}</Typography.Text>
            ）的一次性初始密码：
          </Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text
              copyable
              strong
              style={{ fontSize: 20, letterSpacing: 1 }}
              data-testid="initial-password"
            >
              {value.password}
            </Typography.Text>
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            title="此密码只显示这一次"
            description="请当面或通过安全渠道交给本人。对方首次登录后须立即修改密码；该账号原有的登录已全部失效。"
          />
        </>
      )}
    </Modal>
  );
}
