import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useTotpDisable } from './api.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

function TotpCard() {
  const me = useSession();
  const { message } = App.useApp();
  const disable = useTotpDisable();
  const [enrolling, setEnrolling] = useState(false);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const [form] = Form.useForm<{ password: string }>();

  if (me.kind !== 'staff') return null;
  return (
    <Card title="动态验证码（双因素认证）" style={{ marginTop: 16 }}>
      {me.totpEnabled && !enrolling ? (
        <Space orientation="vertical">
          <Typography.Text>
            <CheckCircleFilled style={{ color: '#2f9e44', marginRight: 6 }} />
            已绑定。登录时除密码外还需输入验证器中的 6 位验证码。
          </Typography.Text>
          <Button danger onClick={() => setConfirmOpen(true)}>
            解除绑定
          </Button>
        </Space>
      ) : enrolling ? (
        <TotpEnrolment
          username={me.username}
          onFinished={() => {
            setEnrolling(false);
            message.success('动态验证码已启用');
          }}
        />
      ) : (
        <Space orientation="vertical">
          <Typography.Text>未绑定。绑定后，即使密码泄露，他人也无法登录您的账号。</Typography.Text>
          <Button type="primary" onClick={() => setEnrolling(true)}>
            绑定动态验证码
          </Button>
        </Space>
      )}
      <Modal
        open={confirmOpen}
        title="解除动态验证码"
        okText="解除绑定"
        okButtonProps={{ danger: true, htmlType: 'submit' }}
        cancelText="取消"
        confirmLoading={disable.isPending}
        onCancel={() => {
          setConfirmOpen(false);
          disable.reset();
        }}
        destroyOnHidden
        modalRender={(dom) => (
          <Form
            form={form}
            layout="vertical"
            clearOnDestroy
            onFinish={(v) =>
              disable.mutate(v.password, {
                onSuccess: () => {
                  setConfirmOpen(false);
                  message.success('已解除动态验证码');
                },
              })
            }
          >
            {dom}
          </Form>
        )}
      >
        {disable.isError && (
          <Alert type="error" showIcon title={errorMessage(disable.error)} style={{ marginBottom: 16 }} />
        )}
        <Typography.Paragraph>解除后登录只需要密码，安全性会降低。请输入登录密码确认：</Typography.Paragraph>
        <Form.Item name="password" label="登录密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
      </Modal>
    </Card>
  );
}

export default function AccountSecurityPage() {
  const me = useSession();
  return (
    <>
      <PageHeader title="账号安全" subtitle="修改登录密码；工作人员可绑定动态验证码。" />
      <Card title="修改密码">
        <Alert
          type="info"
          showIcon
          title="修改密码后，本账号在其他设备上的登录将失效，需要重新登录。"
          style={{ marginBottom: 16, maxWidth: 620 }}
        />
        <ChangePasswordForm username={me.username} onDone={() => {}} />
      </Card>
      <TotpCard />
    </>
  );
}
