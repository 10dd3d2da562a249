import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input } from 'antd';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useChangePassword } from './api.ts';
import { passwordChecks, passwordProblem } from './passwordRules.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Current + new + confirm, with the policy checklist updating as the user types. */
export function ChangePasswordForm({ username, onDone }: { username: string; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const { message } = App.useApp();
  const next = Form.useWatch('newPassword', form) ?? '';
  const checks = passwordChecks(next, username);

  const submit = (v: Values) =>
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          message.success('密码已修改，本账号在其他设备上的登录已失效');
          form.resetFields();
          onDone();
        },
        onError: (err) => {
          if (err instanceof ApiProblem && err.errors.length > 0) {
            const byField = err.fieldErrors();
            form.setFields([...byField].map(([name, errors]) => ({ name: name as keyof Values, errors })));
          }
        },
      },
    );

  const generalError =
    change.isError && !(change.error instanceof ApiProblem && change.error.errors.length > 0)
      ? errorMessage(change.error)
      : null;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      requiredMark={false}
      style={{ maxWidth: 420 }}
    >
      {generalError && <Alert type="error" showIcon title={generalError} style={{ marginBottom: 16 }} />}
      {/* Lets password managers pair the new password with the account. */}
      <input type="text" name="username" value={username} autoComplete="username" readOnly hidden />
      <Form.Item
        name="currentPassword"
        label="当前密码"
        rules={[{ required: true, message: '请输入当前密码' }]}
      >
        <Input.Password autoComplete="current-password" autoFocus maxLength={128} />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label="新密码"
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: (_, value: string | undefined) => {
              const p = value ? passwordProblem(value, username) : null;
              return p ? Promise.reject(new Error(p)) : Promise.resolve();
            },
          },
        ]}
        extra={
          <ul className="password-rules" aria-label="密码要求" data-testid="password-rules">
            {checks.map((c) => (
              <li key={c.key} style={{ color: c.ok ? '#2f9e44' : undefined }}>
                {c.ok ? <CheckCircleFilled aria-hidden /> : <CloseCircleOutlined aria-hidden />}
                <span>{c.label}</span>
                <span className="sr-only">{c.ok ? '（已满足）' : '（未满足）'}</span>
              </li>
            ))}
          </ul>
        }
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        确认修改
      </Button>
    </Form>
  );
}
