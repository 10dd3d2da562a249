import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { keys } from '../../api/keys.ts';
import { RequireSession, useSession } from '../../app/session.tsx';
import { SetupShell } from './SetupShell.tsx';
import { TotpEnrolment } from './TotpEnrolment.tsx';

function TotpSetup() {
  const me = useSession();
  const qc = useQueryClient();
  return (
    <SetupShell title="请绑定动态验证码">
      <Alert
        type="info"
        showIcon
        title="您的角色要求使用双因素认证"
        description="按照等级保护要求，系统管理员等角色登录时除密码外还需要动态验证码。绑定完成后即可进入系统。"
        style={{ marginBottom: 20 }}
      />
      {/* Refreshing me clears mustEnrolTotp; RequireSession then leads to the workbench. */}
      <TotpEnrolment
        username={me.username}
        onFinished={() => void qc.invalidateQueries({ queryKey: keys.me })}
      />
    </SetupShell>
  );
}

export default function TotpSetupPage() {
  return (
    <RequireSession setup="totp">
      <TotpSetup />
    </RequireSession>
  );
}
