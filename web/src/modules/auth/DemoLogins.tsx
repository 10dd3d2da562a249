import { Button, Card, Segmented, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { DemoLogins } from '../../api/types.ts';
import { roleLabel } from '../../messages/zh-CN.ts';
import { useDemoLogins } from './api.ts';

type Login = DemoLogins['logins'][number];
type Group = 'nanhu' | 'xiuzhou' | 'city' | 'enterprise';

const GROUPS: { value: Group; label: string }[] = [
  { value: 'nanhu', label: '南湖区' },
  { value: 'xiuzhou', label: '秀洲区' },
  { value: 'city', label: '嘉兴市' },
  { value: 'enterprise', label: '企业' },
];

function groupOf(l: Login): Group | null {
  if (l.role === 'enterprise') return 'enterprise';
  const prefix = l.username.split('.')[0];
  return GROUPS.some((g) => g.value === prefix) ? (prefix as Group) : null;
}

/**
 * Demo accounts (demo mode only): shown when the server offers GET /api/auth/demo-logins; absent
 * endpoint or disabled demo mode render nothing.
 */
export function DemoLoginsCard({
  onPick,
}: {
  onPick: (kind: 'staff' | 'enterprise', username: string, password: string) => void;
}) {
  const q = useDemoLogins();
  const [group, setGroup] = useState<Group>('nanhu');
  const rows = useMemo(() => (q.data?.logins ?? []).filter((l) => groupOf(l) === group), [q.data, group]);
  if (!q.data?.enabled || q.data.logins.length === 0) return null;
  const password = q.data.password ?? '';

  return (
    <Card
      className="login-demo"
      title="演示账号"
      size="small"
      extra={
        <span>
          统一密码：
          <Typography.Text code copyable data-testid="demo-password">
            {password}
          </Typography.Text>
        </span>
      }
      data-testid="demo-logins"
    >
      <Segmented<Group>
        options={GROUPS}
        value={group}
        onChange={setGroup}
        style={{ marginBottom: 12 }}
        aria-label="演示账号分组"
      />
      <Table<Login>
        size="small"
        rowKey="username"
        dataSource={rows}
        pagination={false}
        scroll={{ y: 240 }}
        columns={[
          { title: '账号', dataIndex: 'username', width: 160, render: (v: string) => <code>{v}</code> },
          { title: '角色', dataIndex: 'role', width: 130, render: (v: string) => roleLabel(v) },
          { title: '单位', dataIndex: 'unit' },
          {
            title: '操作',
            key: 'pick',
            width: 90,
            render: (_: unknown, l) => (
              <Button
                size="small"
                type="link"
                onClick={() => onPick(l.role === 'enterprise' ? 'enterprise' : 'staff', l.username, password)}
                aria-label={`使用 ${l.username} 登录`}
              >
                填入
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
