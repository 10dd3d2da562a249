import { Button, Card } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useNavigate } from 'react-router';
import { Emblem } from '../../app/Emblem.tsx';
import { PRODUCT_NAME } from '../../messages/zh-CN.ts';
import { useLogout } from './api.ts';

/** The frame of the steps a user must finish before entering the system (password, second factor). */
export function SetupShell({ title, step, children }: { title: string; step?: string; children: ReactNode }) {
  const navigate = useNavigate();
  const logout = useLogout();
  useEffect(() => {
    document.title = `${title} - ${PRODUCT_NAME}`;
  }, [title]);
  return (
    <div className="login-page">
      <header className="login-top">
        <Emblem size={40} />
        <h1>{PRODUCT_NAME}</h1>
      </header>
      <main className="login-main">
        <Card
          className="login-card"
          style={{ width: 520 }}
          title={
            <span>
              {title}
              <span style={{ marginLeft: 8, fontWeight: 'normal', color: 'rgba(0,0,0,0.45)', fontSize: 13 }}>
                {step}
              </span>
            </span>
          }
          extra={
            <Button
              type="link"
              onClick={() => logout.mutate(false, { onSettled: () => navigate('/login', { replace: true }) })}
            >
              退出登录
            </Button>
          }
        >
          {children}
        </Card>
      </main>
    </div>
  );
}
