import { Alert, App, Form, Input, Modal, Select, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import type { RoleGrantInput, UserPatchBody, UserWithPassword } from '../../api/types.ts';
import { useUnits } from '../org/api.ts';
import { useCreateUser, useSetUserRoles, useUpdateUser, useUser } from './api.ts';
import { RolesEditor, toRoleGrants } from './RolesEditor.tsx';

export type UserModalState =
  | { mode: 'create'; unitId?: number }
  | { mode: 'edit'; id: number }
  | { mode: 'roles'; id: number }
  | null;

interface Values {
  username: string;
  displayName: string;
  unitId: number;
  enabled: boolean;
  roles: Partial<RoleGrantInput>[];
}

const TITLES = { create: '新建用户', edit: '编辑用户', roles: '设置角色与数据范围' } as const;

/**
 * Create a user, edit one (name, unit, enabled) or replace its roles. Edits carry the version the
 * form was loaded from (If-Match); a 412 reloads the latest version and says so.
 */
export function UserFormModal({
  state,
  onClose,
  onCreated,
}: {
  state: UserModalState;
  onClose: () => void;
  onCreated: (r: UserWithPassword) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnits({ limit: 500 }, state !== null);
  const id = state && state.mode !== 'create' ? state.id : null;
  const current = useUser(id);
  const create = useCreateUser();
  const update = useUpdateUser();
  const setRoles = useSetUserRoles();
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mode = state?.mode;

  const loaded = current.data;
  useEffect(() => {
    if (!loaded || id === null) return;
    form.setFieldsValue({
      username: loaded.user.username,
      displayName: loaded.user.displayName,
      unitId: loaded.user.unitId,
      enabled: loaded.user.enabled,
      roles: loaded.user.roles.map((r) => ({
        ...r,
        role: r.role as RoleGrantInput['role'],
        scope: r.scope as RoleGrantInput['scope'],
      })),
    });
  }, [loaded, id, form]);

  useEffect(() => {
    if (state === null) {
      setStale(false);
      setError(null);
    }
  }, [state]);

  const onProblem = async (err: unknown) => {
    if (err instanceof ApiProblem && err.status === 412) {
      setStale(true);
      await current.refetch();
      return;
    }
    if (err instanceof ApiProblem && err.errors.length > 0) {
      const fields = [...err.fieldErrors()].filter(([k]) =>
        ['username', 'displayName', 'unitId'].includes(k),
      );
      if (fields.length)
        form.setFields(fields.map(([name, errors]) => ({ name: name as keyof Values, errors })));
      const rest = err.errors.filter((e) => !fields.some(([k]) => e.field.endsWith(k))).map((e) => e.message);
      if (rest.length) setError(rest.join('；'));
      return;
    }
    if (err instanceof ApiProblem && err.status === 409) {
      form.setFields([{ name: 'username', errors: [err.detail ?? '用户名已被使用'] }]);
      return;
    }
    setError(errorMessage(err));
  };

  const submit = (v: Values) => {
    setError(null);
    if (mode === 'create') {
      create.mutate(
        {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          unitId: v.unitId,
          roles: toRoleGrants(v.roles),
        },
        {
          onSuccess: (r) => {
            onCreated(r);
            onClose();
          },
          onError: onProblem,
        },
      );
      return;
    }
    if (!loaded || id === null) return;
    if (mode === 'roles') {
      setRoles.mutate(
        { id, etag: loaded.etag, roles: toRoleGrants(v.roles) },
        {
          onSuccess: (u) => {
            message.success(`已更新“${u.displayName}”的角色`);
            onClose();
          },
          onError: onProblem,
        },
      );
      return;
    }
    const before = loaded.user;
    const patch: UserPatchBody = {};
    if (v.displayName.trim() !== before.displayName) patch.displayName = v.displayName.trim();
    if (v.unitId !== before.unitId) patch.unitId = v.unitId;
    if (v.enabled !== before.enabled) patch.enabled = v.enabled;
    if (Object.keys(patch).length === 0) {
      message.info('没有修改任何内容');
      onClose();
      return;
    }
    update.mutate(
      { id, etag: loaded.etag, patch },
      {
        onSuccess: (u) => {
          message.success(`已保存“${u.displayName}”的修改`);
          onClose();
        },
        onError: onProblem,
      },
    );
  };

  const loading = id !== null && current.isPending;
  const saving = create.isPending || update.isPending || setRoles.isPending;

  return (
    <Modal
      open={state !== null}
      title={mode ? TITLES[mode] : ''}
      width={mode === 'edit' ? 520 : 720}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit', disabled: loading || (id !== null && current.isError) }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          initialValues={{
            unitId: state?.mode === 'create' ? state.unitId : undefined,
            enabled: true,
            roles: [],
          }}
        >
          {dom}
        </Form>
      )}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          title="该用户已被他人修改"
          description="在您编辑期间，其他人保存了这个用户。已为您加载最新内容，您的修改未保存，请核对后重新填写并保存。"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {id !== null && current.isError ? (
        <Alert type="error" showIcon title={errorMessage(current.error)} />
      ) : loading ? (
        <Skeleton active />
      ) : (
        <>
          {mode !== 'roles' && (
            <>
              <Form.Item
                name="username"
                label="用户名"
                hasFeedback={mode === 'create'}
                extra={
                  mode === 'create'
                    ? '3–32 位小写字母、数字或 . _ -，如 nanhu.zhangsan；创建后不能修改。'
                    : undefined
                }
                rules={[
                  { required: true, message: '请输入用户名' },
                  { pattern: /^[a-z0-9_.-]{3,32}$/, message: '用户名为 3–32 位小写字母、数字或 . _ -' },
                ]}
              >
                <Input
                  disabled={mode !== 'create'}
                  autoFocus={mode === 'create'}
                  maxLength={32}
                  autoComplete="off"
                />
              </Form.Item>
              <Form.Item
                name="displayName"
                label="姓名"
                rules={[
                  { required: true, whitespace: true, message: '请填写姓名' },
                  { max: 40, message: '姓名不超过 40 个字' },
                ]}
              >
                <Input maxLength={40} autoFocus={mode === 'edit'} />
              </Form.Item>
              <Form.Item
                name="unitId"
                label="所属单位"
                rules={[{ required: true, message: '请选择所属单位' }]}
                extra={mode === 'edit' ? '调离单位会立即结束该用户的所有登录。' : undefined}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="请选择单位"
                  loading={units.isPending}
                  options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                />
              </Form.Item>
            </>
          )}
          {mode === 'edit' && (
            <Form.Item
              name="enabled"
              label="账号状态"
              valuePropName="checked"
              extra="停用会立即结束该用户的所有登录。"
            >
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          )}
          {mode !== 'edit' && (
            <Form.Item label="角色与数据范围" required={false}>
              <RolesEditor />
            </Form.Item>
          )}
        </>
      )}
    </Modal>
  );
}
