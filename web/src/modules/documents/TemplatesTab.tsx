import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useDocumentTemplates, useRegions, useSaveDocumentTemplate } from '../../api/queries.ts';
import type { DocumentTemplate } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';

type Field = 'numberSeries' | 'issuerMark' | 'signatureName' | 'closing';
type Values = Record<Field, string | undefined>;

const FIELDS: Field[] = ['numberSeries', 'issuerMark', 'signatureName', 'closing'];
const DEFAULT = <Typography.Text type="secondary">使用默认</Typography.Text>;

const toValues = (t: DocumentTemplate): Values => ({
  numberSeries: t.numberSeries ?? '',
  issuerMark: t.issuerMark ?? '',
  signatureName: t.signatureName ?? '',
  closing: t.closing ?? '',
});

function EditTemplateModal({
  regionCode,
  regionName,
  template,
  onClose,
  onReload,
}: {
  regionCode: string;
  regionName: string;
  template: DocumentTemplate | null;
  onClose: () => void;
  onReload: () => Promise<DocumentTemplate | undefined>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveDocumentTemplate();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  // The version the form was filled from: after a 412 it becomes the reloaded one.
  const [version, setVersion] = useState(0);
  // Keeps the title while the dialog fades out after closing.
  const shown = useRef<DocumentTemplate | null>(null);
  if (template) shown.current = template;

  useEffect(() => {
    if (!template) return;
    setError(null);
    setStale(false);
    setVersion(template.version);
    form.setFieldsValue(toValues(template));
  }, [template, form]);

  const submit = (v: Values) => {
    if (!template) return;
    setError(null);
    const values = Object.fromEntries(
      FIELDS.map((f) => [f, v[f]?.trim() ? (v[f] as string).trim() : null]),
    ) as Record<Field, string | null>;
    save.mutate(
      { regionCode, kind: template.kind, version, values },
      {
        onSuccess: (t) => {
          message.success(`已保存“${t.label}”的模板设置`);
          onClose();
        },
        onError: async (err) => {
          if (err instanceof ApiProblem && err.status === 412) {
            setStale(true);
            const latest = await onReload();
            if (latest) {
              setVersion(latest.version);
              form.setFieldsValue(toValues(latest));
            }
            return;
          }
          setError(errorMessage(err));
        },
      },
    );
  };

  return (
    <Modal
      title={`编辑文书模板 · ${shown.current?.label ?? ''}`}
      open={template !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.isPending}
      forceRender
    >
      <p style={{ color: 'rgba(0,0,0,0.6)' }}>
        {regionName}的设置，对本区划此后生成的该种文书生效。留空即使用默认。
      </p>
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="该模板已被他人修改"
          description="在您编辑期间，其他人保存了这个模板。已为您加载最新内容，您的修改未保存，请核对后重新填写并保存。"
          data-testid="stale-warning"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label="文书模板">
        <Form.Item
          name="numberSeries"
          label="文号代字"
          extra={template ? `留空使用默认“${template.defaultSeries}”` : undefined}
        >
          <Input maxLength={20} placeholder="使用默认" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="issuerMark" label="发文机关标志">
          <Input maxLength={100} placeholder="使用默认" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="signatureName" label="署名">
          <Input maxLength={100} placeholder="使用默认" onPressEnter={() => form.submit()} />
        </Form.Item>
        <Form.Item name="closing" label="结尾段落">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} placeholder="使用默认" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TemplatesTab() {
  const me = useSession();
  const regions = useRegions();
  const [regionCode, setRegionCode] = useState<string | undefined>(me.regionCode ?? undefined);
  const templates = useDocumentTemplates(regionCode);
  const [editing, setEditing] = useState<DocumentTemplate | null>(null);
  const regionName = regions.data?.find((r) => r.code === regionCode)?.name ?? '';

  const reload = async () => {
    const r = await templates.refetch();
    return r.data?.find((t) => t.kind === editing?.kind);
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <span>区划</span>
        <Select
          value={regionCode}
          onChange={setRegionCode}
          loading={regions.isPending}
          options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
          style={{ width: 160 }}
          aria-label="区划"
          placeholder="选择区划"
        />
      </Space>
      {templates.isError ? (
        <LoadError error={templates.error} what="文书模板" onRetry={() => void templates.refetch()} />
      ) : (
        <Table<DocumentTemplate>
          size="small"
          rowKey="kind"
          dataSource={templates.data ?? []}
          loading={templates.isLoading}
          pagination={false}
          data-testid="templates-table"
          locale={{ emptyText: regionCode ? '暂无文书种类' : '请先选择区划' }}
          columns={[
            { title: '种类', dataIndex: 'label', width: 160 },
            {
              title: '文号代字',
              key: 'series',
              width: 140,
              render: (_: unknown, t) =>
                t.numberSeries ?? (
                  <Space size={4}>
                    {t.defaultSeries}
                    <Tag>默认</Tag>
                  </Space>
                ),
            },
            { title: '发文机关标志', dataIndex: 'issuerMark', render: (v: string | null) => v ?? DEFAULT },
            { title: '署名', dataIndex: 'signatureName', render: (v: string | null) => v ?? DEFAULT },
            {
              title: '结尾段落',
              dataIndex: 'closing',
              ellipsis: true,
              render: (v: string | null) => v ?? DEFAULT,
            },
            {
              title: '操作',
              key: 'actions',
              width: 80,
              render: (_: unknown, t) => (
                <Button type="link" size="small" aria-label={`编辑 ${t.label}`} onClick={() => setEditing(t)}>
                  编辑
                </Button>
              ),
            },
          ]}
        />
      )}
      {regionCode && (
        <EditTemplateModal
          regionCode={regionCode}
          regionName={regionName}
          template={editing}
          onClose={() => setEditing(null)}
          onReload={reload}
        />
      )}
    </>
  );
}
