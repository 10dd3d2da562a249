import { Alert } from 'antd';
import { useNavigate } from 'react-router';
import { RequireSession, useSession } from '../../app/session.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { SetupShell } from './SetupShell.tsx';

function ForcedPassword() {
  const me = useSession();
  const navigate = useNavigate();
  return (
    <SetupShell
      title="请先修改初始密码"
      step={me.kind === 'staff' && me.mustEnrolTotp ? '第 1 步，共 2 步（下一步绑定动态验证码）' : undefined}
    >
      <Alert
        type="warning"
        showIcon
        title={`${me.displayName}，您好`}
        description="首次登录或密码被管理员重置后，须先设置新密码才能继续使用系统。"
        style={{ marginBottom: 20 }}
      />
      {/* me is refreshed before onDone; the workbench route then leads to any remaining step. */}
      <ChangePasswordForm username={me.username} onDone={() => navigate('/', { replace: true })} />
    </SetupShell>
  );
}

export default function ForcedPasswordPage() {
  return (
    <RequireSession setup="password">
      <ForcedPassword />
    </RequireSession>
  );
}
