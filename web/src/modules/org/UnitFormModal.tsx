import { Alert, App, Form, Input, Modal, Select, Skeleton, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { usccProblem } from '../../../../lib/uscc.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import type { Unit, UnitPatchBody } from '../../api/types.ts';
import { UNIT_KIND_LABELS, UNIT_KINDS, type UnitKind } from '../../messages/zh-CN.ts';
import { useCreateUnit, useRegions, useUnit, useUpdateUnit } from './api.ts';
import { regionPath } from './labels.ts';

interface Values {
  regionCode: string;
  kind: UnitKind;
  name: string;
  shortName?: string;
  uscc?: string;
  enabled: boolean;
}

export type UnitModalState = { mode: 'create'; regionCode?: string } | { mode: 'edit'; id: number } | null;

const nameRules = [
  { required: true, whitespace: true, message: '请输入单位名称' },
  {
    validator: (_: unknown, v: string | undefined) => {
      const n = (v ?? '').trim().length;
      if (n > 0 && n < 2) return Promise.reject(new Error('单位名称至少 2 个字'));
      if (n > 60) return Promise.reject(new Error('单位名称不超过 60 个字'));
      return Promise.resolve();
    },
  },
];
const shortNameRules = [{ max: 8, message: '代字不超过 8 个字' }];
const usccRules = [
  {
    validator: (_: unknown, v: string | undefined) => {
      const code = (v ?? '').trim().toUpperCase();
      const problem = code ? usccProblem(code) : undefined;
      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
    },
  },
];
/** The form's USCC as the API takes it: upper case, or null when left empty. */
const usccOf = (v: Values) => (v.uscc?.trim() ? v.uscc.trim().toUpperCase() : null);

/**
 * Create or edit a unit. Editing sends the version the form was loaded from (If-Match); when someone
 * else saved in between (412) the form reloads the latest version and says so.
 */
export function UnitFormModal({
  state,
  onClose,
  onSaved,
}: {
  state: UnitModalState;
  onClose: () => void;
  onSaved?: (u: Unit) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const regions = useRegions();
  const editId = state?.mode === 'edit' ? state.id : null;
  const current = useUnit(editId);
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const [stale, setStale] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = state !== null;

  // Fill the form from the loaded unit (again after a 412 reload).
  const loaded = current.data;
  useEffect(() => {
    if (!open || editId === null || !loaded) return;
    form.setFieldsValue({
      regionCode: loaded.unit.regionCode,
      kind: loaded.unit.kind,
      name: loaded.unit.name,
      shortName: loaded.unit.shortName ?? '',
      uscc: loaded.unit.uscc ?? '',
      enabled: loaded.unit.enabled,
    });
  }, [open, editId, loaded, form]);

  useEffect(() => {
    if (!open) {
      setStale(false);
      setError(null);
    }
  }, [open]);

  const showProblem = (err: unknown) => {
    if (err instanceof ApiProblem && err.errors.length > 0) {
      form.setFields(
        [...err.fieldErrors()].map(([name, errors]) => ({ name: name as keyof Values, errors })),
      );
      return;
    }
    setError(errorMessage(err));
  };

  const submit = async (v: Values) => {
    setError(null);
    if (state?.mode === 'create') {
      create.mutate(
        {
          regionCode: v.regionCode,
          kind: v.kind,
          name: v.name.trim(),
          shortName: v.shortName?.trim() ? v.shortName.trim() : null,
          uscc: usccOf(v),
        },
        {
          onSuccess: (u) => {
            message.success(`已新建单位“${u.name}”`);
            onSaved?.(u);
            onClose();
          },
          onError: showProblem,
        },
      );
      return;
    }
    if (!loaded || editId === null) return;
    const before = loaded.unit;
    const patch: UnitPatchBody = {};
    const shortName = v.shortName?.trim() ? v.shortName.trim() : null;
    if (v.name.trim() !== before.name) patch.name = v.name.trim();
    if (shortName !== before.shortName) patch.shortName = shortName;
    if (usccOf(v) !== before.uscc) patch.uscc = usccOf(v);
    if (v.kind !== before.kind) patch.kind = v.kind;
    if (v.enabled !== before.enabled) patch.enabled = v.enabled;
    if (Object.keys(patch).length === 0) {
      message.info('没有修改任何内容');
      onClose();
      return;
    }
    update.mutate(
      { id: editId, etag: loaded.etag, patch },
      {
        onSuccess: (u) => {
          message.success(`已保存“${u.name}”的修改`);
          onSaved?.(u);
          onClose();
        },
        onError: async (err) => {
          if (err instanceof ApiProblem && err.status === 412) {
            setStale(true);
            await current.refetch();
            return;
          }
          showProblem(err);
        },
      },
    );
  };

  const saving = create.isPending || update.isPending;
  const editing = state?.mode === 'edit';
  const loadingEdit = editing && current.isPending;

  return (
    <Modal
      open={open}
      title={editing ? '编辑单位' : '新建单位'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit', disabled: loadingEdit || (editing && current.isError) }}
      modalRender={(dom) => (
        <Form<Values>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          initialValues={{
            regionCode: state?.mode === 'create' ? state.regionCode : undefined,
            kind: 'department',
            enabled: true,
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
          title="该单位已被他人修改"
          description="在您编辑期间，其他人保存了这个单位。已为您加载最新内容，您的修改未保存，请核对后重新填写并保存。"
          style={{ marginBottom: 16 }}
          data-testid="stale-warning"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {editing && current.isError ? (
        <Alert type="error" showIcon title={errorMessage(current.error)} />
      ) : loadingEdit ? (
        <Skeleton active />
      ) : (
        <>
          <Form.Item
            name="regionCode"
            label="所属区划"
            rules={[{ required: true, message: '请选择所属区划' }]}
          >
            <Select
              disabled={editing}
              loading={regions.isPending}
              placeholder="请选择区划"
              options={(regions.data ?? []).map((r) => ({
                value: r.code,
                label: regionPath(regions.data, r.code),
              }))}
            />
          </Form.Item>
          <Form.Item name="kind" label="单位类别" rules={[{ required: true, message: '请选择单位类别' }]}>
            <Select options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="name" label="单位名称" rules={nameRules} hasFeedback>
            <Input placeholder="如：南湖区发展和改革局" maxLength={60} showCount autoFocus />
          </Form.Item>
          <Form.Item
            name="shortName"
            label="发文机关代字"
            rules={shortNameRules}
            extra="用于公文发文字号，如“南发改〔2026〕12号”中的“南发改”；可不填。"
          >
            <Input placeholder="如：南发改" maxLength={8} showCount />
          </Form.Item>
          <Form.Item
            name="uscc"
            label="统一社会信用代码"
            rules={usccRules}
            extra="18 位，机关单位以 11 开头；向上级平台报送办件数据时标识受理、办理和发证单位。可暂不填。"
          >
            <Input placeholder="如：11330402MB0000001X" maxLength={18} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          {editing && (
            <Form.Item name="enabled" label="状态" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          )}
        </>
      )}
    </Modal>
  );
}
