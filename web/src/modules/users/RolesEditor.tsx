import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space, Typography } from 'antd';
import type { RoleGrantInput } from '../../api/types.ts';
import { ROLE_LABELS, SCOPE_LABELS } from '../../messages/zh-CN.ts';
import { useUnits } from '../org/api.ts';

// Staff roles only (enterprise is a kind of account, not an assignable role).
export const STAFF_ROLES = Object.keys(ROLE_LABELS).filter(
  (r) => r !== 'enterprise',
) as RoleGrantInput['role'][];
const SCOPES = Object.keys(SCOPE_LABELS) as RoleGrantInput['scope'][];

/** The usual scope of each role in DOMAIN.md, preselected when a role is added. */
export const DEFAULT_SCOPE: Record<string, RoleGrantInput['scope']> = {
  window_clerk: 'region',
  dept_officer: 'own_unit',
  dept_lead: 'own_unit',
  liaison: 'own_unit',
  coordinator: 'region',
  agent: 'self',
  supervisor: 'region',
  leader: 'region',
  admin: 'region',
};

/** Form.List of role assignments (role + data scope + units for 指定单位), used inside a Form. */
export function RolesEditor({ name = 'roles' }: { name?: string }) {
  const units = useUnits({ limit: 500 });
  const form = Form.useFormInstance();
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Form.List
      name={name}
      rules={[
        {
          validator: async (_, roles: RoleGrantInput[] | undefined) => {
            const seen = new Set<string>();
            for (const r of roles ?? []) {
              if (r?.role && seen.has(r.role)) throw new Error(`角色重复：${ROLE_LABELS[r.role]}`);
              if (r?.role) seen.add(r.role);
            }
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.length === 0 && (
            <Typography.Paragraph type="secondary">
              尚未分配角色：该账号可以登录，但看不到任何业务。
            </Typography.Paragraph>
          )}
          {fields.map((f) => (
            <Space key={f.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
              <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
                <Select
                  placeholder="角色"
                  style={{ width: 150 }}
                  options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
                  onChange={(role: string) =>
                    form.setFieldValue([name, f.name, 'scope'], DEFAULT_SCOPE[role] ?? 'own_unit')
                  }
                  aria-label="角色"
                />
              </Form.Item>
              <Form.Item name={[f.name, 'scope']} rules={[{ required: true, message: '请选择数据范围' }]}>
                <Select
                  placeholder="数据范围"
                  style={{ width: 120 }}
                  options={SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] }))}
                  aria-label="数据范围"
                />
              </Form.Item>
              <Form.Item noStyle dependencies={[[name, f.name, 'scope']]}>
                {({ getFieldValue }) =>
                  getFieldValue([name, f.name, 'scope']) === 'custom_units' ? (
                    <Form.Item
                      name={[f.name, 'scopeUnitIds']}
                      rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一个单位' }]}
                    >
                      <Select
                        mode="multiple"
                        placeholder="指定单位"
                        style={{ width: 260 }}
                        options={unitOptions}
                        loading={units.isPending}
                        optionFilterProp="label"
                        aria-label="指定单位"
                      />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
              <Button
                type="text"
                icon={<DeleteOutlined />}
                onClick={() => remove(f.name)}
                aria-label="删除该角色"
              />
            </Space>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ scopeUnitIds: [] })}>
            添加角色
          </Button>
          <Form.ErrorList errors={errors} />
        </>
      )}
    </Form.List>
  );
}

/** Form values → API body: scopeUnitIds only for 指定单位. */
export function toRoleGrants(roles: Partial<RoleGrantInput>[] | undefined): RoleGrantInput[] {
  return (roles ?? [])
    .filter((r): r is RoleGrantInput => Boolean(r.role && r.scope))
    .map((r) => ({
      role: r.role,
      scope: r.scope,
      scopeUnitIds: r.scope === 'custom_units' ? (r.scopeUnitIds ?? []) : [],
    }));
}
