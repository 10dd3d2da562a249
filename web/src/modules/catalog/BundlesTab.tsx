import { DeleteOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useUnits } from '../org/api.ts';
import { type Bundle, type BundleField, useAllItems, useBundles, useCreateBundle } from './api.ts';
import { splitFieldErrors } from './catalog.ts';

type BundleMaterial = Bundle['materials'][number];

function BundleCard({ b }: { b: Bundle }) {
  const names = new Map(b.items.map((i) => [i.id, i.name]));
  const itemNames = (ids: readonly number[]) => ids.map((id) => names.get(id) ?? `事项 ${id}`);
  return (
    <Card
      size="small"
      title={
        <Space>
          <span>{b.name}</span>
          {b.status === 'withdrawn' && <Tag color="red">已停用</Tag>}
        </Space>
      }
      style={{ height: '100%' }}
      data-testid="bundle-card"
    >
      {b.description && <Typography.Paragraph type="secondary">{b.description}</Typography.Paragraph>}
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'lead', label: '牵头部门', children: b.leadDepartmentName },
          {
            key: 'items',
            label: `事项（${b.items.length}）`,
            children: (
              <Space size={[4, 4]} wrap>
                {b.items.map((i) => (
                  <Tag key={i.id} color="blue">
                    {i.name}
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                      {i.departmentName}
                    </Typography.Text>
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        统一表单（{b.form.length} 个字段）
      </Typography.Title>
      <Table<BundleField>
        size="small"
        rowKey="key"
        dataSource={b.form}
        pagination={false}
        locale={{ emptyText: '未配置表单字段' }}
        columns={[
          {
            title: '字段',
            dataIndex: 'label',
            render: (l: string, f) => (
              <Space size={4}>
                <span>{l}</span>
                {f.required && <Typography.Text type="danger">*</Typography.Text>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {f.key}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: '用于事项',
            dataIndex: 'itemIds',
            render: (ids: number[]) => (
              <Space size={[4, 4]} wrap>
                {itemNames(ids).map((n) => (
                  <Tag key={n}>{n}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        材料（去重后 {b.materials.length} 份）
      </Typography.Title>
      <Table<BundleMaterial>
        size="small"
        rowKey="sharedKey"
        dataSource={b.materials}
        pagination={false}
        locale={{ emptyText: '无需提交材料' }}
        columns={[
          { title: '材料', dataIndex: 'name' },
          {
            title: '属性',
            key: 'tags',
            width: 230,
            render: (_: unknown, m) => (
              <Space size={4} wrap>
                {m.required ? <Tag color="red">必备</Tag> : <Tag>非必备</Tag>}
                {m.tolerable && <Tag color="orange">容缺</Tag>}
                {m.itemIds.length > 1 && (
                  <Tooltip title={itemNames(m.itemIds).join('、')}>
                    <Tag color="purple">{m.itemIds.length} 个事项共用</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}

interface BundleValues {
  name: string;
  description?: string;
  leadDepartmentId: number;
  itemIds: number[];
  form: { key?: string; label?: string; required?: boolean; itemIds?: number[] }[];
}

const BUNDLE_FIELDS = new Set(['name', 'description', 'leadDepartmentId', 'itemIds', 'form', 'regionCode']);

function BundleModal({ region, open, onClose }: { region: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<BundleValues>();
  const items = useAllItems(region, open);
  const departments = useUnits({ kind: 'department', regionCode: region, limit: 500 }, open);
  const create = useCreateBundle();
  const [error, setError] = useState<string[]>([]);
  const chosen = Form.useWatch('itemIds', form) ?? [];
  const itemOptions = (items.data ?? []).map((i) => ({
    value: i.id,
    label: `${i.name}（${i.departmentName}）`,
  }));
  const chosenOptions = itemOptions.filter((o) => chosen.includes(o.value));

  const submit = (v: BundleValues) => {
    setError([]);
    create.mutate(
      {
        regionCode: region,
        name: v.name.trim(),
        description: v.description?.trim() || null,
        leadDepartmentId: v.leadDepartmentId,
        itemIds: v.itemIds,
        form: (v.form ?? []).map((f) => ({
          key: (f.key ?? '').trim(),
          label: (f.label ?? '').trim(),
          required: f.required ?? true,
          itemIds: f.itemIds ?? [],
        })),
      },
      {
        onSuccess: (b) => {
          message.success(`已配置一件事“${b.name}”`);
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiProblem && err.errors.length > 0) {
            const { fields, rest } = splitFieldErrors(err.errors, BUNDLE_FIELDS);
            form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
            setError(rest.length ? rest : ['请按字段旁的提示修改后重新提交。']);
          } else setError([errorMessage(err)]);
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="配置一件事"
      width={820}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit' }}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingRight: 8 } }}
      modalRender={(dom) => (
        <Form<BundleValues>
          form={form}
          layout="vertical"
          clearOnDestroy
          scrollToFirstError
          onFinish={submit}
          initialValues={{ itemIds: [], form: [] }}
          aria-label="配置一件事"
          data-testid="bundle-form"
        >
          {dom}
        </Form>
      )}
    >
      {error.length > 0 && (
        <Alert type="error" showIcon role="alert" title={error.join('；')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={12}>
        <Col xs={24} md={14}>
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请填写一件事名称' },
              { min: 2, message: '名称至少 2 个字' },
            ]}
          >
            <Input maxLength={100} autoFocus placeholder="如：开办餐饮店" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item
            name="leadDepartmentId"
            label="牵头部门"
            rules={[{ required: true, message: '请选择牵头部门' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              options={(departments.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label="说明">
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item
        name="itemIds"
        label="包含的事项"
        extra="从本区划已发布的事项中选择，至少 2 项。"
        rules={[{ required: true, type: 'array', min: 2, message: '一件事至少包含 2 个事项' }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={items.isPending}
          options={itemOptions}
          maxCount={30}
          data-testid="bundle-items"
        />
      </Form.Item>
      <Typography.Title level={5}>统一表单字段</Typography.Title>
      <Form.List name="form">
        {(fields, { add, remove }) => (
          <>
            {fields.map(({ key, name }) => (
              <Row gutter={8} key={key} align="top">
                <Col xs={12} md={5}>
                  <Form.Item
                    name={[name, 'key']}
                    label={name === 0 ? '字段标识' : undefined}
                    rules={[
                      { required: true, message: '请填写字段标识' },
                      {
                        pattern: /^[a-z][a-zA-Z0-9_]{0,39}$/,
                        message: '以小写字母开头，仅含字母数字下划线',
                      },
                    ]}
                  >
                    <Input placeholder="如 shopName" aria-label={`字段 ${name + 1} 标识`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item
                    name={[name, 'label']}
                    label={name === 0 ? '字段名称' : undefined}
                    rules={[{ required: true, whitespace: true, message: '请填写字段名称' }]}
                  >
                    <Input maxLength={40} placeholder="如 店铺名称" aria-label={`字段 ${name + 1} 名称`} />
                  </Form.Item>
                </Col>
                <Col xs={6} md={3}>
                  <Form.Item
                    name={[name, 'required']}
                    label={name === 0 ? '必填' : undefined}
                    valuePropName="checked"
                  >
                    <Switch aria-label={`字段 ${name + 1} 必填`} />
                  </Form.Item>
                </Col>
                <Col xs={16} md={10}>
                  <Form.Item
                    name={[name, 'itemIds']}
                    label={name === 0 ? '用于事项' : undefined}
                    rules={[{ required: true, type: 'array', min: 1, message: '至少对应一个事项' }]}
                  >
                    <Select
                      mode="multiple"
                      options={chosenOptions}
                      placeholder="先在上方选择事项"
                      aria-label={`字段 ${name + 1} 用于事项`}
                    />
                  </Form.Item>
                </Col>
                <Col xs={2} md={1}>
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(name)}
                    aria-label={`删除字段 ${name + 1}`}
                    style={{ marginTop: name === 0 ? 30 : 0 }}
                  />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => add({ required: true, itemIds: chosen })}
            >
              添加表单字段
            </Button>
          </>
        )}
      </Form.List>
    </Modal>
  );
}

export function BundlesTab({ region }: { region: string }) {
  const me = useSession();
  const bundles = useBundles(region);
  const [creating, setCreating] = useState(false);

  return (
    <>
      <Space wrap style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          一件事把多个部门的事项合为一次申请：一张表单、材料按共享标识去重，由牵头部门统一受理。
        </Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void bundles.refetch()}>
            刷新
          </Button>
          {can(me, 'catalog:approve') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="bundle-create"
            >
              配置一件事
            </Button>
          )}
        </Space>
      </Space>
      <div data-testid="bundle-cards">
        {bundles.isError ? (
          <LoadError error={bundles.error} what="一件事" onRetry={() => void bundles.refetch()} />
        ) : bundles.isPending ? (
          <Card>
            <Skeleton active />
          </Card>
        ) : bundles.data.length === 0 ? (
          <Card>
            <Empty description="该区划还没有配置一件事" />
          </Card>
        ) : (
          <Row gutter={[16, 16]}>
            {bundles.data.map((b) => (
              <Col key={b.id} xs={24} xl={12}>
                <BundleCard b={b} />
              </Col>
            ))}
          </Row>
        )}
      </div>
      <BundleModal region={region} open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
