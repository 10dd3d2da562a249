import { DownOutlined, KeyOutlined, LogoutOutlined, PoweroffOutlined, UserOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { App, Avatar, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Link, Outlet, useLocation, useMatches, useNavigate, useNavigation } from 'react-router';
import { errorMessage } from '../api/problem.ts';
import { PRODUCT_NAME, roleLabel } from '../messages/zh-CN.ts';
import { useLogout } from '../modules/auth/api.ts';
import { ForbiddenPage } from '../modules/errors/ErrorPages.tsx';
import { Emblem } from './Emblem.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { activeNav, navFor } from './navigation.tsx';
import { can, useSession } from './session.tsx';

const { Header, Sider, Content, Footer } = Layout;

/** Route metadata: `handle: { permission }` hides a page from users who lack it. */
export interface RouteHandle {
  permission?: string;
  kind?: 'staff' | 'enterprise';
}

export function AppLayout() {
  const me = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const matches = useMatches();
  const { modal, message } = App.useApp();
  const logout = useLogout();

  const items = navFor(me);
  const active = activeNav(items, location.pathname);
  const denied = matches.some((m) => {
    const h = m.handle as RouteHandle | undefined;
    return (h?.permission && !can(me, h.permission)) || (h?.kind && h.kind !== me.kind);
  });

  const roles = me.kind === 'enterprise' ? ['企业'] : [...new Set(me.roles.map((r) => roleLabel(r.role)))];
  const unit = me.kind === 'enterprise' ? me.displayName : (me.unitName ?? '');

  const doLogout = (everywhere: boolean) =>
    logout.mutate(everywhere, {
      onSuccess: () => {
        message.success(everywhere ? '已退出所有设备上的登录' : '已退出登录');
        navigate('/login', { replace: true });
      },
      onError: (err) => message.error(errorMessage(err)),
    });

  const userMenu: MenuProps = {
    items: [
      { key: 'security', icon: <KeyOutlined />, label: '修改密码' },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
      { key: 'logout-all', icon: <PoweroffOutlined />, label: '退出所有设备', danger: true },
    ],
    onClick: ({ key }) => {
      if (key === 'security') navigate('/account/security');
      if (key === 'logout') doLogout(false);
      if (key === 'logout-all') {
        modal.confirm({
          title: '退出所有设备',
          content: '将结束本账号在所有电脑和浏览器上的登录，其他设备需要重新登录。确定继续吗？',
          okText: '全部退出',
          okButtonProps: { danger: true },
          cancelText: '取消',
          onOk: () => doLogout(true),
        });
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <Header className="app-header">
        <Link to="/" className="app-brand" aria-label={`${PRODUCT_NAME}首页`}>
          <Emblem />
          <span className="app-brand-name">{PRODUCT_NAME}</span>
        </Link>
        <Space size={20} className="app-header-right">
          <NotificationBell />
          <Dropdown menu={userMenu} trigger={['click']} placement="bottomRight">
            <button type="button" className="app-user" data-testid="user-menu">
              <Avatar size={30} icon={<UserOutlined />} style={{ background: '#2f6fd6' }} />
              <span className="app-user-text">
                <span className="app-user-name">{me.displayName}</span>
                <span className="app-user-unit">{unit}</span>
              </span>
              <DownOutlined style={{ fontSize: 11 }} />
            </button>
          </Dropdown>
        </Space>
      </Header>
      {navigation.state === 'loading' && (
        <div className="app-route-progress" role="progressbar" aria-label="页面加载中" />
      )}
      <Layout>
        <Sider width={208} breakpoint="lg" collapsedWidth={0} className="app-sider" theme="light">
          <div className="app-sider-roles" data-testid="role-labels">
            {roles.map((r) => (
              <Tag key={r} color="blue" variant="filled">
                {r}
              </Tag>
            ))}
          </div>
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              selectedKeys={active ? [active.path] : []}
              items={items.map((i) => ({
                key: i.path,
                icon: i.icon,
                label: <Link to={i.path}>{i.label}</Link>,
              }))}
              data-testid="main-menu"
            />
          </nav>
        </Sider>
        <Layout>
          <Content id="main" tabIndex={-1} className="app-content">
            {denied ? <ForbiddenPage /> : <Outlet />}
          </Content>
          <Footer className="app-footer">
            <Typography.Text type="secondary">
              {PRODUCT_NAME} · {me.kind === 'enterprise' ? '企业服务' : (me.unitName ?? '')}
            </Typography.Text>
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
