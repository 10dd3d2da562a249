import { Alert, App, Button, Divider, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import type { DocumentTemplate, TemplateBody } from '../../api/types.ts';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useRegions } from '../org/api.ts';
import { useDocumentTemplates, usePreviewDocumentTemplate, useSaveDocumentTemplate } from './api.ts';

type Field = 'numberSeries' | 'issuerMark' | 'signatureName' | 'closing';
type Values = Record<Field, string | undefined> & { wording: Record<string, string | undefined> };
type Slot = DocumentTemplate['slots'][number];

const FIELDS: Field[] = ['numberSeries', 'issuerMark', 'signatureName', 'closing'];
const DEFAULT = <Typography.Text type="secondary">使用默认</Typography.Text>;

const toValues = (t: DocumentTemplate): Values => ({
  numberSeries: t.numberSeries ?? '',
  issuerMark: t.issuerMark ?? '',
  signatureName: t.signatureName ?? '',
  closing: t.closing ?? '',
  wording: Object.fromEntries(t.slots.map((s) => [s.key, t.wording[s.key] ?? ''])),
});

/** The form's values as the API takes them: blanks mean the default. */
const toBody = (v: Values): TemplateBody => ({
  ...(Object.fromEntries(FIELDS.map((f) => [f, v[f]?.trim() ? (v[f] as string).trim() : null])) as Record<
    Field,
    string | null
  >),
  wording: Object.fromEntries(
    Object.entries(v.wording ?? {})
      .map(([k, text]) => [k, text?.trim() ?? ''] as const)
      .filter(([, text]) => text !== ''),
  ),
});

/** Which placeholders a slot may use and which it must keep, as a clerk reads it. */
function slotHelp(slot: Slot) {
  const parts = ['留空使用默认'];
  if (slot.list) parts.push('每行一条');
  if (slot.vars.length)
    parts.push(`可用占位符：${slot.vars.map((v) => `{${v.name}}（${v.description}）`).join('、')}`);
  if (slot.required.length) parts.push(`必须保留：${slot.required.map((r) => `{${r}}`).join('、')}`);
  return parts.join('；');
}

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
  const preview = usePreviewDocumentTemplate();
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
    // Another kind's slots must not linger: the preview sends every stored value.
    form.resetFields();
    form.setFieldsValue(toValues(template));
  }, [template, form]);

  /** Puts the server's field errors (`wording.demand`) on the fields they name. */
  const showProblem = (err: unknown) => {
    setError(errorMessage(err));
    if (err instanceof ApiProblem) {
      form.setFields(
        [...err.fieldErrors()].map(([field, messages]) => ({
          name: field.split('.') as ['wording', string],
          errors: messages,
        })),
      );
    }
  };

  const openPreview = async () => {
    if (!template) return;
    setError(null);
    try {
      const pdf = await preview.mutateAsync({
        regionCode,
        kind: template.kind,
        values: toBody(form.getFieldsValue(true)),
      });
      const url = URL.createObjectURL(pdf);
      window.open(url, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      showProblem(err);
    }
  };

  const submit = (v: Values) => {
    if (!template) return;
    setError(null);
    const values = toBody(v);
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
          showProblem(err);
        },
      },
    );
  };

  return (
    <Modal
      title={`编辑文书模板 · ${shown.current?.label ?? ''}`}
      open={template !== null}
      onCancel={onClose}
      width={820}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto' } }}
      footer={[
        <Button key="preview" onClick={() => void openPreview()} loading={preview.isPending}>
          预览样稿
        </Button>,
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="save" type="primary" onClick={() => form.submit()} loading={save.isPending}>
          保存
        </Button>,
      ]}
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
        <Form.Item name="closing" label="附加结尾段落" extra="署名前追加的一段文字；留空则不加">
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 6 }} placeholder="不追加" />
        </Form.Item>
        <Divider titlePlacement="start">正文措辞</Divider>
        <p style={{ color: 'rgba(0,0,0,0.6)', marginTop: 0 }}>
          灰色文字为默认措辞。花括号中的占位符在生成时替换为实际数据，如 {'{项目}'} 替换为项目名称。
        </p>
        {(shown.current?.slots ?? []).map((slot) => (
          <Form.Item
            key={slot.key}
            name={['wording', slot.key]}
            label={
              <Space size={8}>
                {slot.label}
                <Button
                  type="link"
                  size="small"
                  style={{ padding: 0, height: 'auto' }}
                  aria-label={`填入默认：${slot.label}`}
                  onClick={() => form.setFieldValue(['wording', slot.key], slot.text)}
                >
                  填入默认
                </Button>
              </Space>
            }
            extra={slotHelp(slot)}
          >
            <Input.TextArea
              aria-label={`措辞：${slot.label}`}
              maxLength={1000}
              autoSize={{ minRows: slot.list ? 2 : 1, maxRows: 8 }}
              placeholder={slot.text}
            />
          </Form.Item>
        ))}
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
              title: '正文措辞',
              key: 'wording',
              width: 120,
              render: (_: unknown, t) => {
                const n = Object.keys(t.wording).length + (t.closing ? 1 : 0);
                return n > 0 ? <Tag color="blue">已改写 {n} 处</Tag> : DEFAULT;
              },
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
