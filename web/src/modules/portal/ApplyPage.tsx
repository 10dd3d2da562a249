import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import {
  type Bundle,
  useBundles,
  useItemVersion,
  useMaterialOffers,
  usePublishedItems,
  useSubmitBundle,
  useSubmitCase,
} from '../cases/api.ts';
import { type MaterialRow, MaterialsInput, type Supply } from '../cases/MaterialsInput.tsx';

interface Values {
  contactName: string;
  contactPhone: string;
  projectCode?: string;
  projectName?: string;
  [field: string]: string | undefined;
}

function problemText(err: unknown) {
  if (err instanceof ApiProblem && err.errors.length) return err.errors.map((e) => e.message).join('；');
  return errorMessage(err);
}

/** Bundle materials, de-duplicated by the server: each asked once, with how many items share it. */
const bundleRows = (b: Bundle): MaterialRow[] =>
  b.materials.map((m) => ({
    key: m.sharedKey,
    name: m.name,
    required: m.required,
    tolerable: m.tolerable,
    shared: m.itemIds.length,
  }));

/** 网上申请: one item, or a bundle (一件事) with one form and one set of materials. */
export default function ApplyPage() {
  const me = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [mode, setMode] = useState<'item' | 'bundle'>(params.get('bundle') ? 'bundle' : 'item');
  const [form] = Form.useForm<Values>();
  const items = usePublishedItems(me.regionCode);
  const bundles = useBundles(me.regionCode);
  const [itemId, setItemId] = useState<number | null>(null);
  const [bundleId, setBundleId] = useState<number | null>(
    params.get('bundle') ? Number(params.get('bundle')) : null,
  );
  const onlineItems = (items.data?.items ?? []).filter((i) => i.online);
  const item = onlineItems.find((i) => i.id === itemId);
  const version = useItemVersion(mode === 'item' ? (item?.versionId ?? null) : null);
  const bundle = bundles.data?.find((b) => b.id === bundleId);
  const rows = useMemo<MaterialRow[]>(() => {
    if (mode === 'bundle') return bundle ? bundleRows(bundle) : [];
    return (version.data?.materials ?? []).map((m) => ({
      key: m.sharedKey,
      name: m.name,
      required: m.required,
      tolerable: m.tolerable,
      requirement: m.requirement,
      formTemplateHash: m.formTemplateHash,
    }));
  }, [mode, bundle, version.data]);
  const offers = useMaterialOffers(
    'portal',
    rows.map((r) => r.key),
  );
  const [supplies, setSupplies] = useState<Record<string, Supply>>({});
  const submitCase = useSubmitCase('portal');
  const submitBundle = useSubmitBundle();
  const [error, setError] = useState<string | null>(null);
  const needsProject = mode === 'bundle' ? true : version.data?.requiresProjectCode === true;
  const missingRequired = rows.filter((r) => r.required && !supplies[r.key]).map((r) => r.name);

  const onFinish = (v: Values) => {
    setError(null);
    const contact = { name: v.contactName, phone: v.contactPhone };
    const project = v.projectCode ? { code: v.projectCode, name: v.projectName ?? '' } : undefined;
    if (mode === 'bundle' && bundle) {
      const fields = Object.fromEntries(
        bundle.form.filter((f) => v[`f_${f.key}`]).map((f) => [f.key, String(v[`f_${f.key}`])]),
      );
      if (project)
        Object.assign(fields, {
          projectCode: fields.projectCode ?? project.code,
          projectName: fields.projectName ?? project.name,
        });
      submitBundle.mutate(
        {
          bundleId: bundle.id,
          contact,
          ...(project ? { project } : {}),
          form: fields,
          materials: Object.entries(supplies).flatMap(([sharedKey, s]) =>
            s.storedMaterialId ? [{ sharedKey, storedMaterialId: s.storedMaterialId }] : [],
          ),
        },
        {
          onSuccess: (r) => {
            message.success(`已提交一件事申请（${r.caseIds.length} 个事项并行办理）`);
            navigate(`/my-cases/bundle/${r.id}`);
          },
          onError: (err) => setError(problemText(err)),
        },
      );
      return;
    }
    if (!version.data) return;
    submitCase.mutate(
      {
        itemVersionId: version.data.id,
        contact,
        ...(project ? { project } : {}),
        form: {},
        materials: version.data.materials.flatMap((m) => {
          const s = supplies[m.sharedKey];
          return s?.storedMaterialId ? [{ materialId: m.id, storedMaterialId: s.storedMaterialId }] : [];
        }),
      },
      {
        onSuccess: (c) => {
          message.success('申请已提交，请留意办理进度');
          navigate(`/my-cases/${c.id}`);
        },
        onError: (err) => setError(problemText(err)),
      },
    );
  };

  const ready = mode === 'bundle' ? Boolean(bundle) : Boolean(version.data);
  return (
    <>
      <PageHeader
        title="网上申请"
        subtitle="选择事项或一件事，填写一张表单、上传一套材料。电子营业执照等已有材料可直接选用，无需重复提交。"
        crumbs={[{ title: '我的办事', to: '/' }, { title: '网上申请' }]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Segmented<'item' | 'bundle'>
            value={mode}
            onChange={(m) => {
              setMode(m);
              setSupplies({});
            }}
            options={[
              { value: 'item', label: '单个事项' },
              { value: 'bundle', label: '一件事（多个事项一次办）' },
            ]}
            aria-label="申请方式"
          />
          {mode === 'item' ? (
            <Select<number>
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择可网上办理的事项"
              style={{ width: 420 }}
              value={itemId ?? undefined}
              onChange={(v) => {
                setItemId(v);
                setSupplies({});
              }}
              options={onlineItems.map((i) => ({ value: i.id, label: `${i.name}（${i.departmentName}）` }))}
              aria-label="申请事项"
            />
          ) : (
            <Select<number>
              placeholder="选择一件事"
              style={{ width: 420 }}
              value={bundleId ?? undefined}
              onChange={(v) => {
                setBundleId(v);
                setSupplies({});
              }}
              options={(bundles.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              aria-label="一件事"
            />
          )}
        </Space>
        {mode === 'bundle' && bundle && (
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
            {bundle.description} 牵头部门：{bundle.leadDepartmentName}。包含：
            {bundle.items.map((i) => (
              <Tag key={i.id} style={{ marginLeft: 4 }}>
                {i.name}
              </Tag>
            ))}
          </Typography.Paragraph>
        )}
      </Card>
      {ready && (
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          initialValues={{ contactName: '', contactPhone: '' }}
          aria-label="申请表"
        >
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Card size="small" title="申请表" style={{ marginBottom: 16 }}>
                <Typography.Paragraph type="secondary">
                  申请人：{me.displayName}（{me.uscc}）
                </Typography.Paragraph>
                <Form.Item
                  name="contactName"
                  label="联系人"
                  rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name="contactPhone"
                  label="联系电话"
                  rules={[{ required: true, pattern: /^[0-9+-]{7,20}$/, message: '请填写 7–20 位电话号码' }]}
                >
                  <Input />
                </Form.Item>
                {needsProject && (
                  <>
                    <Form.Item
                      name="projectCode"
                      label="投资项目代码"
                      rules={[{ required: true, whitespace: true, message: '请填写投资项目代码' }]}
                    >
                      <Input maxLength={24} placeholder="如 2611-330402-04-01-123456" />
                    </Form.Item>
                    <Form.Item
                      name="projectName"
                      label="项目名称"
                      rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
                    >
                      <Input />
                    </Form.Item>
                  </>
                )}
                {mode === 'bundle' &&
                  bundle?.form
                    .filter((f) => f.key !== 'projectCode' && f.key !== 'projectName')
                    .map((f) => (
                      <Form.Item
                        key={f.key}
                        name={`f_${f.key}`}
                        label={`${f.label}（用于 ${f.itemIds.length} 个事项）`}
                        rules={[{ required: f.required, whitespace: true, message: `请填写${f.label}` }]}
                      >
                        <Input />
                      </Form.Item>
                    ))}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card size="small" title="申请材料" style={{ marginBottom: 16 }}>
                <MaterialsInput
                  rows={rows}
                  value={supplies}
                  onChange={setSupplies}
                  offers={offers.data ?? []}
                  channel="portal"
                />
              </Card>
              {missingRequired.length > 0 && (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={`尚未提供的必备材料：${missingRequired.join('、')}。也可以先提交，窗口会一次性告知需补正的全部内容。`}
                />
              )}
              {error && (
                <Alert
                  type="error"
                  showIcon
                  title={error}
                  style={{ marginBottom: 16 }}
                  data-testid="apply-error"
                />
              )}
              <Button
                type="primary"
                htmlType="submit"
                loading={submitCase.isPending || submitBundle.isPending}
              >
                提交申请
              </Button>
            </Col>
          </Row>
        </Form>
      )}
    </>
  );
}
