import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  type Authorization,
  useAllItems,
  useAuthorizations,
  useGrantAuthorization,
  useRevokeAuthorization,
  useWindowClerks,
} from './api.ts';

interface GrantValues {
  itemId: number;
  granteeUserId: number;
  note?: string;
}

function GrantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantValues>();
  const grant = useGrantAuthorization();
  const [error, setError] = useState<string | null>(null);
  const [manual, setManual] = useState(false);
  const items = useAllItems(me.regionCode, open);
  // Window clerks are listed only when the users API is within reach (user:read and scope).
  const clerks = useWindowClerks(open && can(me, 'user:read'));
  const clerkOptions = (clerks.data?.items ?? [])
    .filter((u) => u.regionCode === me.regionCode)
    .map((u) => ({ value: u.id, label: `${u.displayName}（${u.unitName}，编号 ${u.id}）` }));
  const pickFromList = !manual && clerkOptions.length > 0;

  const myItems = useMemo(
    () =>
      (items.data ?? [])
        .filter((i) => me.unitId === undefined || i.departmentId === me.unitId)
        .map((i) => ({ value: i.id, label: `${i.name}（${i.implementationCode}）` })),
    [items.data, me.unitId],
  );

  const submit = (v: GrantValues) => {
    setError(null);
    grant.mutate(
      { itemId: v.itemId, granteeUserId: v.granteeUserId, note: v.note?.trim() || null },
      {
        onSuccess: () => {
          message.success('已授权，该窗口人员可对此事项当场作出决定');
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiProblem && err.errors.length > 0) {
            const fields = [...err.fieldErrors()].filter(([k]) =>
              ['itemId', 'granteeUserId', 'note'].includes(k),
            );
            form.setFields(fields.map(([name, errors]) => ({ name: name as keyof GrantValues, errors })));
            if (fields.length < err.errors.length) setError(errorMessage(err));
          } else setError(errorMessage(err));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title="授权窗口当场办结"
      okText="授权"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={grant.isPending}
      destroyOnHidden
      afterClose={() => {
        setManual(false);
        setError(null);
      }}
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <Form<GrantValues>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          aria-label="授权窗口当场办结"
          data-testid="grant-form"
        >
          {dom}
        </Form>
      )}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="首席事务代表：授权本区划的综合窗口人员对本部门的事项当场作出审批决定。"
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="itemId" label="事项" rules={[{ required: true, message: '请选择事项' }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          loading={items.isPending}
          options={myItems}
          placeholder="本部门已发布的事项"
          notFoundContent={items.isPending ? '正在加载…' : '本部门没有已发布的事项'}
          data-testid="grant-item"
        />
      </Form.Item>
      {pickFromList ? (
        <Form.Item
          name="granteeUserId"
          label="被授权的窗口人员"
          rules={[{ required: true, message: '请选择窗口人员' }]}
          extra={
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setManual(true)}>
              名单中没有？按用户编号填写
            </Button>
          }
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={clerkOptions}
            data-testid="grant-grantee"
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="granteeUserId"
          label="被授权人的用户编号"
          rules={[{ required: true, message: '请填写窗口人员的用户编号' }]}
          extra="您的数据范围内查不到综合窗口人员名单。请填写被授权窗口人员的用户编号（可向中心系统管理员查询）；系统会核对其为本区划启用中的综合窗口人员。"
        >
          <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="grant-grantee-id" />
        </Form.Item>
      )}
      <Form.Item name="note" label="备注">
        <Input maxLength={200} placeholder="如授权范围、期限说明" />
      </Form.Item>
    </Modal>
  );
}

export function AuthorizationsTab() {
  const me = useSession();
  const { message } = App.useApp();
  const list = useAuthorizations();
  const revoke = useRevokeAuthorization();
  const [granting, setGranting] = useState(false);
  const mayAuthorize = can(me, 'catalog:authorize');

  const rows = useMemo(
    () =>
      [...(list.data ?? [])].sort(
        (a, b) =>
          Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
          b.grantedAt.localeCompare(a.grantedAt),
      ),
    [list.data],
  );

  const doRevoke = (a: Authorization) =>
    revoke.mutate(a.id, {
      onSuccess: () => message.success(`已撤销“${a.granteeName}”对“${a.itemName}”的授权`),
      onError: (err) => message.error(errorMessage(err)),
    });

  const columns: TableColumnsType<Authorization> = [
    { title: '事项', dataIndex: 'itemName' },
    {
      title: '被授权人',
      dataIndex: 'granteeName',
      width: 160,
      render: (n: string, a) => (
        <Space size={4}>
          <span>{n}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            #{a.granteeUserId}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '备注', dataIndex: 'note', render: (n: string | null) => n ?? '—' },
    {
      title: '授权时间',
      dataIndex: 'grantedAt',
      width: 150,
      render: (v: string) => formatDateTime(v, false),
    },
    {
      title: '状态',
      dataIndex: 'revokedAt',
      width: 190,
      render: (v: string | null) =>
        v ? <Tag>已撤销于 {formatDateTime(v, false)}</Tag> : <Tag color="success">有效</Tag>,
    },
    ...(mayAuthorize
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, a: Authorization) =>
              a.revokedAt ? null : (
                <Popconfirm
                  title={`撤销“${a.granteeName}”对“${a.itemName}”的授权？`}
                  description="撤销后该窗口人员不能再对此事项当场作出决定；撤销记录保留。"
                  okText="撤销"
                  okButtonProps={{ danger: true }}
                  cancelText="取消"
                  onConfirm={() => doRevoke(a)}
                >
                  <Button type="link" size="small" danger aria-label={`撤销 ${a.granteeName} ${a.itemName}`}>
                    撤销
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Typography.Text type="secondary">
          部门授权综合窗口人员对本部门事项当场办结（首席事务代表制）。
        </Typography.Text>
        <Space>
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
            刷新
          </Button>
          {mayAuthorize && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setGranting(true)}
              data-testid="authorization-grant"
            >
              授权
            </Button>
          )}
        </Space>
      </Space>
      {list.isError ? (
        <LoadError error={list.error} what="授权记录" onRetry={() => void list.refetch()} />
      ) : (
        <Table<Authorization>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={list.isPending || revoke.isPending}
          pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
          locale={{ emptyText: '还没有授权记录' }}
          data-testid="authorizations"
        />
      )}
      {mayAuthorize && <GrantModal open={granting} onClose={() => setGranting(false)} />}
    </Card>
  );
}
