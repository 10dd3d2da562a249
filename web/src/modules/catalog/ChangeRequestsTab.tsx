import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Drawer,
  Form,
  Input,
  Modal,
  Segmented,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { DataTable, ListFilters, usePagedList } from '../../ui/DataTable.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  type ChangeRequest,
  type ChangeStatus,
  useChangeRequest,
  useChangeRequests,
  useDecideChange,
  useVersion,
} from './api.ts';
import { asDefinition, type DiffRow, definitionOf, diffDefinitions } from './catalog.ts';
import { VersionFacts } from './ItemDrawer.tsx';
import {
  CHANGE_KIND_COLORS,
  CHANGE_KIND_LABELS,
  CHANGE_STATUS_COLORS,
  CHANGE_STATUS_LABELS,
} from './labels.ts';

/** Why a decision could not be recorded (409 stale version / already decided, 412 edited meanwhile). */
interface Notice {
  title: string;
  text: string;
}

const STATUS_TABS: ChangeStatus[] = ['submitted', 'approved', 'rejected'];

function KindTag({ kind }: { kind: ChangeRequest['kind'] }) {
  return <Tag color={CHANGE_KIND_COLORS[kind]}>{CHANGE_KIND_LABELS[kind]}</Tag>;
}

function StatusTag({ status }: { status: ChangeStatus }) {
  return <Tag color={CHANGE_STATUS_COLORS[status]}>{CHANGE_STATUS_LABELS[status]}</Tag>;
}

/** The drafted definition next to the version it was drafted against; changed rows highlighted. */
function DiffTable({ rows, baseLabel, isNew }: { rows: DiffRow[]; baseLabel: string; isNew: boolean }) {
  const [onlyChanged, setOnlyChanged] = useState(!isNew);
  const changed = rows.filter((r) => r.changed).length;
  const shown = onlyChanged ? rows.filter((r) => r.changed) : rows;
  return (
    <Card
      size="small"
      title={isNew ? '新增事项的内容' : `变更内容（${changed} 项修改）`}
      extra={
        !isNew && (
          <Space>
            <span>只看修改项</span>
            <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} aria-label="只看修改项" />
          </Space>
        )
      }
      style={{ marginTop: 16 }}
    >
      <Table<DiffRow>
        size="small"
        rowKey="key"
        dataSource={shown}
        pagination={false}
        data-testid="change-diff"
        locale={{ emptyText: onlyChanged ? '与原版本相比没有修改' : '没有内容' }}
        onRow={(r) => ({ style: r.changed && !isNew ? { background: '#fffbe6' } : undefined })}
        columns={[
          {
            title: '字段',
            dataIndex: 'label',
            width: 170,
            render: (l: string, r) => (
              <Space size={4}>
                <span>{l}</span>
                {r.changed && !isNew && (
                  <Tag color={r.before === '—' ? 'green' : r.after === '—' ? 'red' : 'orange'}>
                    {r.before === '—' ? '新增' : r.after === '—' ? '删除' : '修改'}
                  </Tag>
                )}
              </Space>
            ),
          },
          ...(isNew
            ? []
            : [
                {
                  title: baseLabel,
                  dataIndex: 'before',
                  render: (v: string, r: DiffRow) => (
                    <span
                      style={{
                        whiteSpace: 'pre-wrap',
                        ...(r.changed ? { textDecoration: 'line-through', color: 'rgba(0,0,0,0.45)' } : {}),
                      }}
                    >
                      {v}
                    </span>
                  ),
                },
              ]),
          {
            title: isNew ? '内容' : '变更后',
            dataIndex: 'after',
            render: (v: string, r: DiffRow) => (
              <span style={{ whiteSpace: 'pre-wrap', ...(r.changed && !isNew ? { fontWeight: 600 } : {}) }}>
                {v}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function DecisionModal({
  approve,
  request,
  etag,
  onClose,
  onStale,
}: {
  approve: boolean | null;
  request: ChangeRequest;
  etag: string;
  onClose: () => void;
  onStale: (notice: Notice) => void;
}) {
  const { message } = App.useApp();
  const decide = useDecideChange();
  const [error, setError] = useState<string | null>(null);
  const submit = (v: { note?: string }) => {
    if (approve === null) return;
    setError(null);
    const note = v.note?.trim() || null;
    decide.mutate(
      { id: request.id, etag, approve, note },
      {
        onSuccess: () => {
          message.success(
            approve ? `已通过变更申请 ${request.id}，新版本已发布` : `已退回变更申请 ${request.id}`,
          );
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiProblem && err.status === 412) {
            onStale({
              title: '变更申请已被他人修改（412）',
              text: '在您审核期间，该申请已被他人修改或审核。已为您刷新，请核对最新内容后重新审核。',
            });
            onClose();
          } else if (err instanceof ApiProblem && err.status === 409) {
            const decided = /已审核/.test(err.detail ?? '');
            onStale({
              title: decided ? '该变更申请已审核（409）' : '版本已过期（409）',
              text: decided
                ? errorMessage(err)
                : `${errorMessage(err)} 该申请依据的版本已不是事项的当前版本，不能通过；请选择“不通过”，由部门基于当前版本重新起草。`,
            });
            onClose();
          } else {
            setError(errorMessage(err));
          }
        },
      },
    );
  };
  return (
    <Modal
      open={approve !== null}
      title={approve ? '通过变更申请' : '不通过变更申请'}
      okText={approve ? '通过' : '不通过'}
      cancelText="取消"
      okButtonProps={{ htmlType: 'submit', danger: approve === false }}
      confirmLoading={decide.isPending}
      onCancel={onClose}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<{ note?: string }> layout="vertical" clearOnDestroy onFinish={submit} aria-label="审核意见">
          {dom}
        </Form>
      )}
    >
      {approve && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            request.kind === 'withdraw'
              ? '通过后该事项即取消，不再受理新的申请；在办办件按原版本继续办理。'
              : '通过后即发布新版本；在办办件保持受理时的版本。'
          }
        />
      )}
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form.Item
        name="note"
        label={approve ? '审核意见（可选）' : '不通过的理由'}
        rules={
          approve
            ? [{ max: 500, message: '审核意见不超过 500 字' }]
            : [
                { required: true, whitespace: true, message: '不通过时须填写理由' },
                { min: 2, message: '理由至少 2 个字' },
                { max: 500, message: '理由不超过 500 字' },
              ]
        }
      >
        <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="decision-note" />
      </Form.Item>
    </Modal>
  );
}

function ChangeRequestDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const me = useSession();
  const q = useChangeRequest(id);
  const cr = q.data?.request;
  const base = useVersion(cr?.baseVersionId ?? null);
  const [deciding, setDeciding] = useState<boolean | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const draft = asDefinition(cr?.definition);
  const rows = useMemo(
    () =>
      cr && cr.kind !== 'withdraw' ? diffDefinitions(base.data ? definitionOf(base.data) : null, draft) : [],
    [cr, base.data, draft],
  );
  const mayDecide = can(me, 'catalog:approve') && cr?.status === 'submitted';
  const waitingBase = cr?.baseVersionId != null && base.isPending;

  const close = () => {
    setNotice(null);
    onClose();
  };

  return (
    <Drawer
      open={id !== null}
      onClose={close}
      size={960}
      destroyOnHidden
      title={cr ? `变更申请 ${cr.id}：${cr.itemName ?? '（未命名事项）'}` : '变更申请'}
      extra={
        mayDecide && (
          <Space>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => setDeciding(true)}
              data-testid="decision-approve"
            >
              通过
            </Button>
            <Button
              danger
              icon={<CloseOutlined />}
              onClick={() => setDeciding(false)}
              data-testid="decision-reject"
            >
              不通过
            </Button>
          </Space>
        )
      }
    >
      <div data-testid="change-request-drawer">
        {notice && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            closable={{ onClose: () => setNotice(null) }}
            title={notice.title}
            description={notice.text}
            style={{ marginBottom: 16 }}
            data-testid="decision-conflict"
          />
        )}
        {q.isError ? (
          <LoadError error={q.error} what="变更申请" onRetry={() => void q.refetch()} />
        ) : !cr ? (
          <Skeleton active />
        ) : (
          <>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'kind', label: '类型', children: <KindTag kind={cr.kind} /> },
                { key: 'status', label: '状态', children: <StatusTag status={cr.status} /> },
                { key: 'dept', label: '部门', children: cr.departmentName },
                { key: 'created', label: '提交时间', children: formatDateTime(cr.createdAt, false) },
                {
                  key: 'reason',
                  label: cr.kind === 'withdraw' ? '取消理由' : '变更理由',
                  span: 2,
                  children: <span style={{ whiteSpace: 'pre-wrap' }}>{cr.reason}</span>,
                },
                ...(cr.status !== 'submitted'
                  ? [
                      {
                        key: 'decided',
                        label: '审核时间',
                        children: cr.decidedAt ? formatDateTime(cr.decidedAt, false) : '—',
                      },
                      {
                        key: 'published',
                        label: '发布版本',
                        children: cr.publishedVersionId ? `版本编号 ${cr.publishedVersionId}` : '—',
                      },
                      { key: 'note', label: '审核意见', span: 2, children: cr.decisionNote ?? '—' },
                    ]
                  : []),
              ]}
            />
            {base.isError && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 16 }}
                title={`无法读取所依据的版本：${errorMessage(base.error)}`}
              />
            )}
            {waitingBase ? (
              <Skeleton active style={{ marginTop: 16 }} />
            ) : cr.kind === 'withdraw' ? (
              <>
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 16 }}
                  title="申请取消以下事项：通过后不再受理新的申请。"
                />
                {base.data && (
                  <div style={{ marginTop: 16 }}>
                    <VersionFacts v={base.data} />
                  </div>
                )}
              </>
            ) : draft ? (
              <DiffTable
                rows={rows}
                isNew={cr.kind === 'add'}
                baseLabel={base.data ? `原版本 V${base.data.versionNo}` : '原版本'}
              />
            ) : (
              <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                申请中没有可显示的事项内容。
              </Typography.Paragraph>
            )}
            {q.data && (
              <DecisionModal
                approve={deciding}
                request={cr}
                etag={q.data.etag}
                onClose={() => setDeciding(null)}
                onStale={(n) => {
                  setNotice(n);
                  void q.refetch();
                  void base.refetch();
                }}
              />
            )}
          </>
        )}
      </div>
    </Drawer>
  );
}

export function ChangeRequestsTab() {
  const paged = usePagedList<{ status: ChangeStatus }>({ status: 'submitted' }, { pageSize: 20 });
  const { status } = paged.filters;
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useChangeRequests(paged.query);

  const columns: TableColumnsType<ChangeRequest> = [
    {
      title: '编号',
      dataIndex: 'id',
      width: 80,
      render: (n: number) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          aria-label={`查看变更申请 ${n}`}
          onClick={(e) => {
            e.stopPropagation();
            setOpenId(n);
          }}
        >
          {n}
        </Button>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 80,
      render: (k: ChangeRequest['kind']) => <KindTag kind={k} />,
    },
    { title: '事项', dataIndex: 'itemName', render: (n: string | null) => n ?? '—' },
    { title: '部门', dataIndex: 'departmentName', width: 160 },
    { title: '理由', dataIndex: 'reason', ellipsis: { showTitle: true } },
    { title: '状态', dataIndex: 'status', width: 90, render: (s: ChangeStatus) => <StatusTag status={s} /> },
    {
      title: '提交时间',
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatDateTime(v, false),
    },
  ];

  return (
    <Card size="small">
      <ListFilters paged={paged} list={list}>
        <Segmented<ChangeStatus>
          value={status}
          onChange={(v) => paged.setFilter('status', v)}
          options={STATUS_TABS.map((s) => ({ value: s, label: CHANGE_STATUS_LABELS[s] }))}
          aria-label="审核状态"
          data-testid="change-status-filter"
        />
      </ListFilters>
      <DataTable<ChangeRequest, typeof paged.filters>
        list={list}
        paged={paged}
        what="变更申请"
        size="middle"
        columns={columns}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: `没有${CHANGE_STATUS_LABELS[status]}的变更申请` }}
        data-testid="change-requests"
      />
      <ChangeRequestDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
