import { Button, Result, Spin } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../api/problem.ts';
import type { Me } from '../api/types.ts';
import { useMe } from '../modules/auth/api.ts';

const SessionContext = createContext<Me | null>(null);

/** The signed-in principal; only valid below RequireSession. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside RequireSession');
  return me;
}

export function can(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

export function FullPageSpin({ tip }: { tip: string }) {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '60vh' }}>
      <Spin size="large" description={tip} />
    </div>
  );
}

/** The setup step a principal must finish before using the system, if any. */
export type SetupStep = 'password' | 'totp';
export const SETUP_PATHS: Record<SetupStep, string> = { password: '/change-password', totp: '/enrol-totp' };

export function pendingSetup(me: Me): SetupStep | null {
  if (me.mustChangePassword) return 'password';
  if (me.kind === 'staff' && me.mustEnrolTotp) return 'totp';
  return null;
}

/**
 * Renders children only for a signed-in principal; otherwise redirects to the login page (keeping the
 * target). While the initial password is in use, or the role requires a second factor that is not
 * bound yet, every page leads to that setup step first (the server refuses other calls anyway).
 */
export function RequireSession({ children, setup }: { children: ReactNode; setup?: SetupStep }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin tip="正在加载…" />;
  if (me.isError) {
    return (
      <Result
        status="warning"
        title="无法获取登录状态"
        subTitle={errorMessage(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const pending = pendingSetup(me.data);
  if (pending !== (setup ?? null)) return <Navigate to={pending ? SETUP_PATHS[pending] : '/'} replace />;
  return <SessionContext.Provider value={me.data}>{children}</SessionContext.Provider>;
}
