import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import type { InputRef } from 'antd';
import { Alert, Button, Card, Form, Input, Tabs } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { Emblem } from '../../app/Emblem.tsx';
import { FullPageSpin } from '../../app/session.tsx';
import { PRODUCT_NAME } from '../../messages/zh-CN.ts';
import { useLogin, useMe, useOidc } from './api.ts';
import { DemoLoginsCard } from './DemoLogins.tsx';

type Kind = 'staff' | 'enterprise';
interface LoginForm {
  username: string;
  password: string;
  totpCode?: string;
}

/** Only same-site paths are honoured as a post-login target (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function loginError(err: unknown): { title: string; detail: string } | null {
  // The server asks for the second factor: not an error, the form grows a code field.
  if (err instanceof ApiProblem && err.slug === 'totp-required') return null;
  if (err instanceof ApiProblem && err.slug === 'totp-invalid') {
    return { title: '动态验证码错误', detail: err.detail ?? '请输入验证器中最新的验证码。' };
  }
  if (err instanceof ApiProblem && err.status === 401) {
    return { title: '登录失败', detail: err.detail ?? '用户名或密码错误，请核对后重新输入。' };
  }
  if (err instanceof ApiProblem && err.status === 429) {
    return { title: '账号已临时锁定', detail: err.detail ?? '登录失败次数过多，请稍后再试。' };
  }
  return { title: '登录失败', detail: errorMessage(err) };
}

export default function LoginPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<Kind>('staff');
  const [form] = Form.useForm<LoginForm>();
  const login = useLogin();
  const oidc = useOidc();
  // Set once the server answers totp-required for this account; cleared when the account changes.
  const [needTotp, setNeedTotp] = useState(false);
  const usernameRef = useRef<InputRef>(null);
  const [expired] = useState(() => {
    const flag = sessionStorage.getItem('xietong.sessionExpired') === '1';
    sessionStorage.removeItem('xietong.sessionExpired');
    return flag;
  });

  useEffect(() => {
    document.title = `登录 - ${PRODUCT_NAME}`;
  }, []);

  if (me.isPending) return <FullPageSpin tip="正在加载…" />;
  if (me.data && !login.isPending) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (values: LoginForm) =>
    login.mutate(
      {
        kind,
        username: values.username.trim(),
        password: values.password,
        ...(needTotp && values.totpCode ? { totpCode: values.totpCode.trim() } : {}),
      },
      {
        onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
        onError: (e) => {
          if (e instanceof ApiProblem && (e.slug === 'totp-required' || e.slug === 'totp-invalid')) {
            setNeedTotp(true);
            form.setFieldValue('totpCode', '');
            setTimeout(() => form.focusField('totpCode'), 0);
            return;
          }
          form.setFieldValue('password', '');
          form.focusField('password');
        },
      },
    );

  const switchKind = (k: Kind) => {
    setKind(k);
    setNeedTotp(false);
    login.reset();
    form.resetFields();
    // Let the tab render its panel before moving focus back to the first field.
    setTimeout(() => usernameRef.current?.focus(), 0);
  };

  const fill = (k: Kind, username: string, password: string) => {
    setKind(k);
    setNeedTotp(false);
    login.reset();
    form.setFieldsValue({ username, password });
    form.focusField('password');
  };

  const err = login.isError ? loginError(login.error) : null;
  const onValuesChange = (changed: Partial<LoginForm>) => {
    if ('username' in changed) setNeedTotp(false);
  };
  const formPanel = (
    <Form<LoginForm>
      form={form}
      layout="vertical"
      size="large"
      requiredMark={false}
      onFinish={submit}
      onValuesChange={onValuesChange}
      aria-label={kind === 'staff' ? '工作人员登录' : '企业登录'}
    >
      {needTotp && !err && (
        <Alert
          type="info"
          showIcon
          title="请输入动态验证码"
          description="该账号已启用双因素认证。请输入验证器应用中的 6 位验证码；手机不在身边时可输入一个恢复码。"
          style={{ marginBottom: 16 }}
        />
      )}
      {expired && !err && !needTotp && (
        <Alert type="info" showIcon title="登录已过期，请重新登录。" style={{ marginBottom: 16 }} />
      )}
      {err && (
        <Alert
          type="error"
          showIcon
          title={err.title}
          description={err.detail}
          style={{ marginBottom: 16 }}
          role="alert"
          data-testid="login-error"
        />
      )}
      <Form.Item
        name="username"
        label={kind === 'staff' ? '用户名' : '企业账号'}
        rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
      >
        <Input
          ref={usernameRef}
          prefix={<UserOutlined />}
          placeholder={kind === 'staff' ? '工作人员用户名' : '企业登录账号'}
          autoComplete="username"
          autoFocus
          maxLength={64}
        />
      </Form.Item>
      <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
        <Input.Password
          prefix={<LockOutlined />}
          placeholder="密码"
          autoComplete="current-password"
          maxLength={128}
        />
      </Form.Item>
      {needTotp && (
        <Form.Item
          name="totpCode"
          label="动态验证码"
          rules={[{ required: true, whitespace: true, message: '请输入动态验证码或恢复码' }]}
        >
          <Input
            prefix={<SafetyOutlined />}
            placeholder="6 位验证码或恢复码"
            autoComplete="one-time-code"
            inputMode="text"
            maxLength={20}
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        登录
      </Button>
      {kind === 'staff' && oidc.data?.enabled && (
        <Button block style={{ marginTop: 12 }} href="/api/auth/oidc/start">
          使用{oidc.data.name ?? '统一身份认证'}登录
        </Button>
      )}
    </Form>
  );

  return (
    <div className="login-page">
      <header className="login-top">
        <Emblem size={40} />
        <h1>{PRODUCT_NAME}</h1>
      </header>
      <main className="login-main">
        <section className="login-intro">
          <h2>一窗受理 · 协同办理 · 限时办结</h2>
          <p>
            政务服务中心与各审批部门在同一平台上受理办件、书面征询、召开协调会、跟踪督办；
            企业可在线申请、提交协调请求和代办服务，随时查看办理进度。
          </p>
        </section>
        <Card className="login-card" title="用户登录">
          <Tabs
            activeKey={kind}
            onChange={(k) => switchKind(k as Kind)}
            items={[
              { key: 'staff', label: '工作人员' },
              { key: 'enterprise', label: '企业用户' },
            ]}
          />
          {formPanel}
        </Card>
        <DemoLoginsCard onPick={fill} />
      </main>
      <footer className="login-footer">
        {PRODUCT_NAME} · 请妥善保管账号密码，勿在公共电脑上保存密码 · <Link to="/verify">公文核验</Link>
      </footer>
    </div>
  );
}
