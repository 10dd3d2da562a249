import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import {
  App,
  Badge,
  Button,
  Card,
  Dropdown,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import type { RoleGrantInput, RolePolicy, User, UserQuery } from '../../api/types.ts';
import { can, useSession } from '../../app/session.tsx';
import { ROLE_LABELS, roleLabel, scopeLabel } from '../../messages/zh-CN.ts';
import { DataTable, ListFilters, SearchFilter, usePagedList } from '../../ui/DataTable.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useUnits } from '../org/api.ts';
import { useResetPassword, useRolePolicies, useSetRolePolicy, useUnlockUser, useUsers } from './api.ts';
import { InitialPasswordModal } from './InitialPasswordModal.tsx';
import { STAFF_ROLES } from './RolesEditor.tsx';
import { UserFormModal, type UserModalState } from './UserFormModal.tsx';

type Role = RoleGrantInput['role'];
type InitialPassword = Parameters<typeof InitialPasswordModal>[0]['value'];

function UsersTab() {
  const me = useSession();
  const manage = can(me, 'user:manage');
  const { modal, message } = App.useApp();
  const paged = usePagedList<Pick<UserQuery, 'unitId' | 'role' | 'enabled' | 'q'>>({}, { pageSize: 20 });
  const { unitId, role, enabled, q } = paged.filters;
  const [editing, setEditing] = useState<UserModalState>(null);
  const [initial, setInitial] = useState<InitialPassword>(null);
  const units = useUnits({ limit: 500 });
  const reset = useResetPassword();
  const unlock = useUnlockUser();

  const users = useUsers(paged.query);

  const confirmReset = (u: User) =>
    modal.confirm({
      title: `重置“${u.displayName}”的密码？`,
      content: '将生成新的一次性初始密码，结束该用户的所有登录并解除登录锁定。对方下次登录须修改密码。',
      okText: '重置密码',
      cancelText: '取消',
      onOk: () =>
        reset
          .mutateAsync(u.id)
          .then((r) =>
            setInitial({
              username: r.user.username,
              displayName: r.user.displayName,
              password: r.initialPassword,
              reason: 'reset',
            }),
          )
          .catch((e) => message.error(errorMessage(e))),
    });

  const doUnlock = (u: User) =>
    unlock.mutate(u.id, {
      onSuccess: () => message.success(`已解除“${u.displayName}”的登录锁定`),
      onError: (e) => message.error(errorMessage(e)),
    });

  const columns: TableColumnsType<User> = [
    {
      title: '姓名',
      dataIndex: 'displayName',
      render: (name: string, u) => (
        <Space orientation="vertical" size={0}>
          <span>{name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '所属单位', dataIndex: 'unitName' },
    {
      title: '角色与数据范围',
      dataIndex: 'roles',
      render: (roles: User['roles']) =>
        roles.length === 0 ? (
          <Typography.Text type="secondary">未分配</Typography.Text>
        ) : (
          <Space size={4} wrap>
            {roles.map((r) => (
              <Tag key={r.role} color="blue">
                {roleLabel(r.role)} · {scopeLabel(r.scope)}
              </Tag>
            ))}
          </Space>
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_: unknown, u) => (
        <Space orientation="vertical" size={0}>
          <Badge status={u.enabled ? 'success' : 'default'} text={u.enabled ? '启用' : '停用'} />
          {u.mustChangePassword && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              待修改初始密码
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '创建时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v, false),
    },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', id: u.id })}>
                  编辑
                </Button>
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: [
                      { key: 'roles', label: '设置角色', disabled: u.id === me.id },
                      { key: 'reset', label: '重置密码' },
                      { key: 'unlock', label: '解除登录锁定' },
                    ],
                    onClick: ({ key }) => {
                      if (key === 'roles') setEditing({ mode: 'roles', id: u.id });
                      if (key === 'reset') confirmReset(u);
                      if (key === 'unlock') doUnlock(u);
                    },
                  }}
                >
                  <Button type="link" size="small" aria-label={`${u.displayName} 的更多操作`}>
                    更多 <DownOutlined />
                  </Button>
                </Dropdown>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <ListFilters
        paged={paged}
        list={users}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ mode: 'create', unitId })}
            >
              新建用户
            </Button>
          )
        }
      >
        <SearchFilter
          value={q}
          onSearch={(v) => paged.setFilter('q', v)}
          placeholder="姓名或用户名"
          style={{ width: 200 }}
          aria-label="搜索用户"
          maxLength={40}
        />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="全部单位"
          value={unitId}
          onChange={(v) => paged.setFilter('unitId', v)}
          options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          style={{ width: 220 }}
          aria-label="所属单位"
        />
        <Select<Role>
          allowClear
          placeholder="全部角色"
          value={role}
          onChange={(v) => paged.setFilter('role', v)}
          options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          style={{ width: 150 }}
          aria-label="角色"
        />
        <Select<'true' | 'false'>
          allowClear
          placeholder="全部状态"
          value={enabled}
          onChange={(v) => paged.setFilter('enabled', v)}
          options={[
            { value: 'true', label: '启用' },
            { value: 'false', label: '停用' },
          ]}
          style={{ width: 110 }}
          aria-label="账号状态"
        />
      </ListFilters>
      <DataTable<User, typeof paged.filters>
        list={users}
        paged={paged}
        what="用户列表"
        size="middle"
        columns={columns}
        locale={{ emptyText: '没有符合条件的用户' }}
        data-testid="users-table"
      />
      <UserFormModal
        state={editing}
        onClose={() => setEditing(null)}
        onCreated={(r) =>
          setInitial({
            username: r.user.username,
            displayName: r.user.displayName,
            password: r.initialPassword,
            reason: 'create',
          })
        }
      />
      <InitialPasswordModal value={initial} onClose={() => setInitial(null)} />
    </>
  );
}

function PoliciesTab() {
  const me = useSession();
  const { message } = App.useApp();
  const policies = useRolePolicies();
  const set = useSetRolePolicy();
  const manage = can(me, 'user:manage');
  if (policies.isError) return <LoadError error={policies.error} what="角色安全策略" />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        要求某角色使用动态验证码后，拥有该角色但尚未绑定的用户下次使用系统时须先完成绑定。仅全局管理员可以修改。
      </Typography.Paragraph>
      <Table<RolePolicy>
        rowKey="role"
        size="middle"
        loading={policies.isPending}
        dataSource={policies.data ?? []}
        pagination={false}
        columns={[
          { title: '角色', dataIndex: 'role', render: (r: string, p) => ROLE_LABELS[r] ?? p.label },
          {
            title: '要求动态验证码（双因素认证）',
            dataIndex: 'totpRequired',
            render: (on: boolean, p) => (
              <Switch
                checked={on}
                disabled={!manage}
                loading={set.isPending && set.variables?.role === p.role}
                checkedChildren="要求"
                unCheckedChildren="不要求"
                aria-label={`${ROLE_LABELS[p.role] ?? p.label}要求动态验证码`}
                onChange={(checked) =>
                  set.mutate(
                    { role: p.role as Role, totpRequired: checked },
                    {
                      onSuccess: () =>
                        message.success(
                          `已${checked ? '要求' : '取消要求'}“${ROLE_LABELS[p.role] ?? p.label}”使用动态验证码`,
                        ),
                      onError: (e) => message.error(errorMessage(e)),
                    },
                  )
                }
              />
            ),
          },
        ]}
      />
    </>
  );
}

export default function UsersPage() {
  return (
    <>
      <PageHeader title="用户与角色" subtitle="工作人员账号、角色与数据范围。只显示您数据范围内的用户。" />
      <Card size="small">
        <Tabs
          items={[
            { key: 'users', label: '用户', children: <UsersTab /> },
            { key: 'policies', label: '角色安全策略', children: <PoliciesTab /> },
          ]}
        />
      </Card>
    </>
  );
}
