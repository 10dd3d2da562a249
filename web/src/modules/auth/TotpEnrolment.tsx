import { CopyOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { PRODUCT_NAME } from '../../messages/zh-CN.ts';
import { useTotpConfirm, useTotpEnrol } from './api.ts';

/** 'JBSWY3DPEHPK3PXP' → 'JBSW Y3DP EHPK 3PXP' so it can be typed into an app without losing place. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function downloadText(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Binding a TOTP authenticator: generate a secret, confirm one code, then show the one-time recovery
 * codes. `onFinished` runs when the user has acknowledged the recovery codes.
 */
export function TotpEnrolment({ username, onFinished }: { username: string; onFinished: () => void }) {
  const { message } = App.useApp();
  const enrol = useTotpEnrol();
  const confirm = useTotpConfirm();
  const [code, setCode] = useState('');
  const codes = confirm.data?.recoveryCodes;
  const step = codes ? 2 : enrol.data ? 1 : 0;

  const submitCode = () => {
    if (!/^\d{6}$/.test(code)) return;
    confirm.mutate(code, { onError: () => setCode('') });
  };
  const codeError =
    confirm.isError &&
    (confirm.error instanceof ApiProblem && confirm.error.errors.length
      ? confirm.error.errors.map((e) => e.message).join('；')
      : errorMessage(confirm.error));

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Steps
        size="small"
        current={step}
        items={[{ title: '生成密钥' }, { title: '输入验证码' }, { title: '保存恢复码' }]}
      />
      {step === 0 && (
        <>
          <Typography.Paragraph>
            动态验证码（双因素认证）让别人即使知道您的密码也无法登录。请先在手机上安装支持 TOTP
            的验证器应用（如“腾讯身份验证器”“Microsoft Authenticator”等），然后点击下面的按钮。
          </Typography.Paragraph>
          {enrol.isError && <Alert type="error" showIcon title={errorMessage(enrol.error)} />}
          <Button
            type="primary"
            icon={<SafetyOutlined />}
            loading={enrol.isPending}
            onClick={() => enrol.mutate()}
          >
            生成密钥
          </Button>
        </>
      )}
      {step === 1 && enrol.data && (
        <>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            在验证器应用中选择“手动输入密钥”，账户名填写 <Typography.Text code>{username}</Typography.Text>
            ，密钥填写：
          </Typography.Paragraph>
          <Typography.Text
            copyable={{ text: enrol.data.secret }}
            code
            style={{ fontSize: 18, letterSpacing: 1 }}
            data-testid="totp-secret"
          >
            {groupSecret(enrol.data.secret)}
          </Typography.Text>
          <Typography.Text type="secondary">
            在手机上打开本页时，也可以直接
            <a href={enrol.data.otpauthUrl}>在验证器应用中添加</a>。
          </Typography.Text>
          <Form layout="vertical" onFinish={submitCode}>
            <Form.Item
              label="验证器显示的 6 位验证码"
              validateStatus={codeError ? 'error' : undefined}
              help={codeError || undefined}
            >
              <Input.OTP length={6} value={code} onChange={setCode} autoFocus aria-label="6 位验证码" />
            </Form.Item>
            <Button type="primary" htmlType="submit" disabled={code.length !== 6} loading={confirm.isPending}>
              确认绑定
            </Button>
          </Form>
        </>
      )}
      {step === 2 && codes && (
        <>
          <Alert
            type="success"
            showIcon
            title="动态验证码已绑定"
            description="以后登录时需要输入验证器中的 6 位验证码。手机丢失时，可以用下面的恢复码登录，每个恢复码只能使用一次。恢复码只显示这一次，请立即保存到安全的地方。"
          />
          <div className="recovery-codes" data-testid="recovery-codes">
            {codes.map((c) => (
              <code key={c}>{c}</code>
            ))}
          </div>
          <Space wrap>
            <Button
              icon={<CopyOutlined />}
              onClick={() =>
                void navigator.clipboard
                  .writeText(codes.join('\n'))
                  .then(() => message.success('已复制恢复码'))
                  .catch(() => message.error('复制失败，请手动抄写或下载'))
              }
            >
              复制全部
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                downloadText(
                  `${PRODUCT_NAME} 恢复码（${username}）\n每个恢复码只能使用一次。\n\n${codes.join('\n')}\n`,
                  `恢复码_${username}.txt`,
                )
              }
            >
              下载为文本文件
            </Button>
            <Button type="primary" onClick={onFinished}>
              我已保存，继续
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
