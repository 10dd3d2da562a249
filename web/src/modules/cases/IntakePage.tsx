import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, body } from '../../api/client.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { daysText } from '../catalog/catalog.ts';
import { agentOptions } from './AgentAssign.tsx';
import { useAgents, useItemVersion, useMaterialOffers, usePublishedItems, useSubmitCase } from './api.ts';
import { MaterialsInput, type Supply } from './MaterialsInput.tsx';

interface Values {
  enterpriseId?: number;
  applicantName?: string;
  applicantIdType: 'uscc' | 'id_card' | 'other';
  applicantIdNumber?: string;
  contactName: string;
  contactPhone: string;
  projectCode?: string;
  projectName?: string;
  agentId?: number;
}

/** 窗口收件: the clerk picks the item, the applicant and checks each material. */
export default function IntakePage() {
  const me = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const items = usePublishedItems(me.regionCode);
  const [itemId, setItemId] = useState<number | null>(null);
  const item = items.data?.items.find((i) => i.id === itemId);
  const version = useItemVersion(item?.versionId ?? null);
  const [enterpriseQ, setEnterpriseQ] = useState('');
  const enterprises = useQuery({
    queryKey: ['enterprises', 'intake', enterpriseQ],
    queryFn: () =>
      body(api.GET('/api/enterprises', { params: { query: { q: enterpriseQ || undefined, limit: 20 } } })),
  });
  const enterpriseId = Form.useWatch('enterpriseId', form);
  const [supplies, setSupplies] = useState<Record<string, Supply>>({});
  const rows = useMemo(
    () =>
      (version.data?.materials ?? []).map((m) => ({
        key: m.sharedKey,
        name: m.name,
        required: m.required,
        tolerable: m.tolerable,
        requirement: m.requirement,
        formTemplateHash: m.formTemplateHash,
      })),
    [version.data],
  );
  const offers = useMaterialOffers(
    'staff',
    rows.map((r) => r.key),
    enterpriseId,
  );
  const agents = useAgents(me.regionCode);
  const submit = useSubmitCase('staff');
  const [error, setError] = useState<string | null>(null);

  const onFinish = (v: Values) => {
    if (!version.data) return;
    setError(null);
    const chosen = enterprises.data?.items.find((e) => e.id === v.enterpriseId);
    submit.mutate(
      {
        itemVersionId: version.data.id,
        ...(v.enterpriseId ? { enterpriseId: v.enterpriseId } : {}),
        ...(chosen
          ? {}
          : {
              applicant: {
                name: v.applicantName ?? '',
                idType: v.applicantIdType,
                idNumber: v.applicantIdNumber ?? '',
              },
            }),
        contact: { name: v.contactName, phone: v.contactPhone },
        ...(v.projectCode ? { project: { code: v.projectCode, name: v.projectName ?? '' } } : {}),
        ...(v.agentId ? { agentId: v.agentId } : {}),
        form: {},
        materials: version.data.materials.flatMap((m) => {
          const s = supplies[m.sharedKey];
          if (!s) return [];
          return [
            {
              materialId: m.id,
              ...(s.storedMaterialId ? { storedMaterialId: s.storedMaterialId } : { paperChecked: true }),
            },
          ];
        }),
      },
      {
        onSuccess: (c) => {
          const missing = c.missing.length;
          message.success(
            missing ? `已收件，缺少 ${missing} 项材料，请受理、容缺受理或一次性告知` : '已收件，材料齐全',
          );
          navigate(`/cases/${c.id}`);
        },
        onError: (err) => {
          if (err instanceof ApiProblem && err.errors.length) {
            setError(err.errors.map((e) => e.message).join('；'));
          } else setError(errorMessage(err));
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="窗口收件"
        subtitle="按事项清单当前版本收取申请材料。已有电子证照或已核验材料的可直接选用，无需申请人重复提交。"
        crumbs={[{ title: '办件', to: '/cases' }, { title: '窗口收件' }]}
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ applicantIdType: 'uscc' }}
        aria-label="窗口收件"
      >
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Card size="small" title="事项与申请人" style={{ marginBottom: 16 }}>
              <Form.Item label="申请事项" required>
                <Select<number>
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="输入事项名称检索"
                  value={itemId ?? undefined}
                  onChange={(v) => {
                    setItemId(v);
                    setSupplies({});
                  }}
                  loading={items.isPending}
                  options={(items.data?.items ?? []).map((i) => ({
                    value: i.id,
                    label: `${i.name}（${i.departmentName}）`,
                  }))}
                  aria-label="申请事项"
                  data-testid="intake-item"
                />
              </Form.Item>
              {version.data && (
                <Typography.Paragraph type="secondary">
                  {version.data.kind === 'instant' ? '即办件' : '承诺件'}，法定{' '}
                  {daysText(version.data.legalDays, version.data.legalUnit)}，承诺{' '}
                  {daysText(version.data.promisedDays, version.data.promisedUnit)}，
                  {version.data.approvalLevels} 级审查；第 {version.data.versionNo} 版。
                </Typography.Paragraph>
              )}
              <Form.Item name="enterpriseId" label="已登记企业（可选）">
                <Select<number>
                  allowClear
                  showSearch={{ filterOption: false, onSearch: setEnterpriseQ }}
                  placeholder="按企业名称或统一社会信用代码检索"
                  options={(enterprises.data?.items ?? []).map((e) => ({
                    value: e.id,
                    label: `${e.name}（${e.uscc}）`,
                  }))}
                  aria-label="已登记企业"
                />
              </Form.Item>
              {!enterpriseId && (
                <>
                  <Form.Item
                    name="applicantName"
                    label="申请人名称"
                    rules={[{ required: true, whitespace: true, message: '请填写申请人名称' }]}
                  >
                    <Input />
                  </Form.Item>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name="applicantIdType" label="证件类型" style={{ width: 160 }}>
                      <Select
                        options={[
                          { value: 'uscc', label: '统一社会信用代码' },
                          { value: 'id_card', label: '居民身份证' },
                          { value: 'other', label: '其他' },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item
                      name="applicantIdNumber"
                      label="证件号码"
                      style={{ flex: 1 }}
                      rules={[{ required: true, whitespace: true, message: '请填写证件号码' }]}
                    >
                      <Input maxLength={18} />
                    </Form.Item>
                  </Space.Compact>
                </>
              )}
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="contactName"
                  label="联系人"
                  style={{ flex: 1 }}
                  rules={[{ required: true, whitespace: true, message: '请填写联系人' }]}
                >
                  <Input />
                </Form.Item>
                <Form.Item
                  name="contactPhone"
                  label="联系电话"
                  style={{ flex: 1 }}
                  rules={[{ required: true, pattern: /^[0-9+-]{7,20}$/, message: '请填写 7–20 位电话号码' }]}
                >
                  <Input />
                </Form.Item>
              </Space.Compact>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item
                  name="projectCode"
                  label="投资项目代码"
                  style={{ flex: 1 }}
                  rules={[
                    { required: version.data?.requiresProjectCode, message: '该事项须填写投资项目代码' },
                  ]}
                >
                  <Input maxLength={24} />
                </Form.Item>
                <Form.Item
                  name="projectName"
                  label="项目名称"
                  style={{ flex: 1 }}
                  rules={[{ required: version.data?.requiresProjectCode, message: '请填写项目名称' }]}
                >
                  <Input />
                </Form.Item>
              </Space.Compact>
              <Form.Item
                name="agentId"
                label="代办员（可选）"
                extra="代办员陪同或代为办理时选择；代办员可跟进办理进度，并收到容缺承诺提醒。"
              >
                <Select<number>
                  allowClear
                  placeholder="不指定代办员"
                  loading={agents.isPending}
                  options={agentOptions(agents.data)}
                  aria-label="代办员"
                />
              </Form.Item>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title="申请材料" style={{ marginBottom: 16 }}>
              {version.data ? (
                <MaterialsInput
                  rows={rows}
                  value={supplies}
                  onChange={setSupplies}
                  offers={offers.data ?? []}
                  channel="staff"
                  enterpriseId={enterpriseId}
                />
              ) : (
                <Typography.Text type="secondary">请先选择申请事项。</Typography.Text>
              )}
            </Card>
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Button type="primary" htmlType="submit" disabled={!version.data} loading={submit.isPending}>
              收件
            </Button>
          </Col>
        </Row>
      </Form>
    </>
  );
}
