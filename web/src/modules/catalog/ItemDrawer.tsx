import { EditOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Drawer,
  Form,
  Input,
  Modal,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  type ItemVersion,
  type Material,
  useDraftChange,
  useItem,
  useVersion,
  type VersionRef,
} from './api.ts';
import { DEFINITION_FIELDS, daysText, definitionOf, fieldText, materialTags } from './catalog.ts';
import { ITEM_STATUS_LABELS } from './labels.ts';

const TAG_COLORS: Record<string, string> = {
  必备: 'red',
  非必备: 'default',
  容缺: 'orange',
  电子: 'blue',
  纸质: 'default',
};
const LONG_FIELDS = new Set([
  'legalBasis',
  'acceptanceConditions',
  'specialProcedure',
  'onlineUrl',
  'feeBasis',
]);

export function MaterialsTable({ materials, testId }: { materials: readonly Material[]; testId?: string }) {
  return (
    <Table<Material>
      size="small"
      rowKey="id"
      dataSource={[...materials]}
      pagination={false}
      data-testid={testId}
      locale={{ emptyText: '本事项无需提交材料' }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 60 },
        {
          title: '材料名称',
          dataIndex: 'name',
          render: (name: string, m) => (
            <Space orientation="vertical" size={0}>
              <span>{name}</span>
              {m.sharedKey !== name && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  共享标识：{m.sharedKey}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: '属性',
          key: 'tags',
          width: 200,
          render: (_: unknown, m) => (
            <Space size={4} wrap>
              {materialTags(m).map((t) => (
                <Tag key={t} color={TAG_COLORS[t]}>
                  {t}
                </Tag>
              ))}
            </Space>
          ),
        },
        {
          title: '份数',
          key: 'count',
          width: 110,
          render: (_: unknown, m) =>
            m.originals || m.copies ? `原件 ${m.originals}，复印件 ${m.copies}` : '—',
        },
        {
          title: '要求',
          key: 'requirement',
          render: (_: unknown, m) => (
            <Space orientation="vertical" size={0}>
              {m.licenceType && <span>可用电子证照：{m.licenceType}</span>}
              {m.requirement && <span>{m.requirement}</span>}
              {m.tolerable && m.tolerableBasis && (
                <Typography.Text type="secondary">容缺依据：{m.tolerableBasis}</Typography.Text>
              )}
              {!m.licenceType && !m.requirement && !(m.tolerable && m.tolerableBasis) && '—'}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Fields shown with their GB/T 39046 附录 A code after the label, e.g. “县级（4）”. */
const CODED = new Set(['exerciseLevel', 'subjectNature', 'serviceObjects', 'handlingForms']);
/** Units are shown with their days; these rows are folded into 法定/承诺办结时限. */
const FOLDED = new Set(['legalUnit', 'promisedUnit']);

function factText(
  key: (typeof DEFINITION_FIELDS)[number]['key'],
  d: ReturnType<typeof definitionOf>,
): string {
  if (key === 'legalDays') return daysText(d.legalDays, d.legalUnit);
  if (key === 'promisedDays') return daysText(d.promisedDays, d.promisedUnit);
  const text = fieldText(key, d[key]);
  if (!CODED.has(key)) return text;
  const codes = ([] as unknown[]).concat(d[key]).map(String);
  const labels = text.split('、');
  return labels.length === codes.length ? labels.map((l, i) => `${l}（${codes[i]}）`).join('、') : text;
}

/** Every field of a version, in Chinese, with the GB/T 39046 codes as labels; long texts last. */
export function VersionFacts({ v }: { v: ItemVersion }) {
  const d = definitionOf(v);
  const fields = DEFINITION_FIELDS.filter((f) => !FOLDED.has(f.key));
  const fact = (f: (typeof fields)[number], span: number) => ({
    key: f.key,
    label: f.label,
    span,
    children: <span style={{ whiteSpace: 'pre-wrap' }}>{factText(f.key, d)}</span>,
  });
  const short = fields.filter((f) => !LONG_FIELDS.has(f.key));
  const items: DescriptionsProps['items'] = [
    { key: 'department', label: '实施部门', children: v.departmentName },
    {
      key: 'version',
      label: '版本',
      children: (
        <Space>
          <span>V{v.versionNo}</span>
          {v.current ? <Tag color="green">当前版本</Tag> : <Tag>历史版本</Tag>}
          {v.status === 'withdrawn' && <Tag color="red">{ITEM_STATUS_LABELS.withdrawn}</Tag>}
        </Space>
      ),
    },
    { key: 'publishedAt', label: '发布时间', children: formatDateTime(v.publishedAt, false) },
    // An odd count of short facts would leave a gap before the full-width ones.
    ...short.map((f, i) => fact(f, (short.length + 3) % 2 === 1 && i === short.length - 1 ? 2 : 1)),
    ...fields.filter((f) => LONG_FIELDS.has(f.key)).map((f) => fact(f, 2)),
  ];
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="item-facts" />
  );
}

function WithdrawModal({ item, onClose }: { item: ItemVersion | null; onClose: () => void }) {
  const { message } = App.useApp();
  const draft = useDraftChange();
  const [error, setError] = useState<string | null>(null);
  const submit = (v: { reason: string }) => {
    if (!item) return;
    setError(null);
    draft.mutate(
      { kind: 'withdraw', itemId: item.itemId, baseVersionId: item.id, reason: v.reason.trim() },
      {
        onSuccess: (cr) => {
          message.success(`已提交取消申请（编号 ${cr.id}），待中心审核`);
          onClose();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };
  return (
    <Modal
      open={item !== null}
      title={`申请取消：${item?.name ?? ''}`}
      okText="提交申请"
      cancelText="取消"
      okButtonProps={{ danger: true, htmlType: 'submit' }}
      confirmLoading={draft.isPending}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<{ reason: string }>
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          aria-label="申请取消事项"
        >
          {dom}
        </Form>
      )}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="审核通过后该事项不再受理新的申请；已受理的办件继续按原版本办理。"
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="reason"
        label="取消理由"
        rules={[{ required: true, whitespace: true, message: '请填写取消理由' }]}
      >
        <Input.TextArea rows={3} maxLength={1000} showCount autoFocus data-testid="withdraw-reason" />
      </Form.Item>
    </Modal>
  );
}

/**
 * An item's current version (or an older one picked from the version list), with the drafting
 * actions for users holding catalog:draft.
 */
export function ItemDrawer({
  itemId,
  onClose,
  onModify,
}: {
  itemId: number | null;
  onClose: () => void;
  onModify: (base: ItemVersion) => void;
}) {
  const me = useSession();
  const item = useItem(itemId);
  const [picked, setPicked] = useState<number | null>(null);
  const [withdrawing, setWithdrawing] = useState<ItemVersion | null>(null);
  const current = item.data;
  const showOld = picked !== null && current !== undefined && picked !== current.id;
  const old = useVersion(showOld ? picked : null);
  const shown: ItemVersion | undefined = showOld ? old.data : current;
  const mayDraft = can(me, 'catalog:draft') && current?.status === 'active';

  const close = () => {
    setPicked(null);
    onClose();
  };

  return (
    <Drawer
      open={itemId !== null}
      onClose={close}
      size={880}
      title={current ? current.name : '事项详情'}
      destroyOnHidden
      extra={
        mayDraft &&
        current && (
          <Space>
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => onModify(current)}
              data-testid="item-draft-modify"
            >
              起草变更
            </Button>
            <Button
              danger
              icon={<StopOutlined />}
              onClick={() => setWithdrawing(current)}
              data-testid="item-draft-withdraw"
            >
              申请取消
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="item-drawer">
        {item.isError ? (
          <LoadError error={item.error} what="事项" onRetry={() => void item.refetch()} />
        ) : !current ? (
          <Skeleton active />
        ) : (
          <>
            {showOld && (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                title="正在查看历史版本"
                action={
                  <Button size="small" onClick={() => setPicked(null)}>
                    返回当前版本
                  </Button>
                }
              />
            )}
            {showOld && old.isError ? (
              <LoadError error={old.error} what="事项版本" onRetry={() => void old.refetch()} />
            ) : !shown ? (
              <Skeleton active />
            ) : (
              <>
                <VersionFacts v={shown} />
                <Card size="small" title={`申请材料（${shown.materials.length}）`} style={{ marginTop: 16 }}>
                  <MaterialsTable materials={shown.materials} testId="item-materials" />
                </Card>
              </>
            )}
            <Card size="small" title="版本记录" style={{ marginTop: 16 }}>
              <Table<VersionRef>
                size="small"
                rowKey="id"
                dataSource={[...current.versions].sort((a, b) => b.versionNo - a.versionNo)}
                pagination={false}
                data-testid="item-versions"
                locale={{ emptyText: '没有版本记录' }}
                rowClassName={(r) => (r.id === (shown?.id ?? current.id) ? 'ant-table-row-selected' : '')}
                columns={[
                  {
                    title: '版本',
                    dataIndex: 'versionNo',
                    width: 120,
                    render: (n: number, r) => (
                      <Button
                        type="link"
                        size="small"
                        style={{ padding: 0 }}
                        onClick={() => setPicked(r.id === current.id ? null : r.id)}
                        aria-label={`查看版本 V${n}`}
                      >
                        V{n}
                        {r.id === current.id && (
                          <Tag color="green" style={{ marginLeft: 6 }}>
                            当前
                          </Tag>
                        )}
                      </Button>
                    ),
                  },
                  { title: '名称', dataIndex: 'name' },
                  { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
                  {
                    title: '发布时间',
                    dataIndex: 'publishedAt',
                    width: 150,
                    render: (v: string) => formatDateTime(v, false),
                  },
                ]}
              />
            </Card>
          </>
        )}
      </div>
      <WithdrawModal item={withdrawing} onClose={() => setWithdrawing(null)} />
    </Drawer>
  );
}
