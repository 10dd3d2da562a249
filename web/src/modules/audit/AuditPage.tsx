import {
  FileExcelOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, body } from '../../api/client.ts';
import { collectPages } from '../../api/paging.ts';
import { errorMessage } from '../../api/problem.ts';
import type { AuditEvent, AuditQuery, AuditVerifyResult } from '../../api/types.ts';
import { can, useSession } from '../../app/session.tsx';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_OUTCOME_LABELS,
  AUDIT_TARGET_LABELS,
  actorKindLabel,
  auditActionLabel,
  auditTargetLabel,
  EXPORT_LABEL,
} from '../../messages/zh-CN.ts';
import { DataTable, usePagedList } from '../../ui/DataTable.tsx';
import { beijingDayStart, formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useAuditEvents, useVerifyAudit } from './api.ts';
import { auditWorkbook, downloadBlob } from './exportXlsx.ts';

type Outcome = AuditEvent['outcome'];
type Filters = Omit<AuditQuery, 'before' | 'limit' | 'page'>;

interface FilterForm {
  actorName?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: Outcome;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const OUTCOME_COLORS: Record<Outcome, string> = { success: 'success', denied: 'warning', failure: 'error' };

function toFilters(v: FilterForm): Filters {
  const f: Filters = {};
  if (v.actorName?.trim()) f.actorName = v.actorName.trim();
  if (v.action) f.action = v.action;
  if (v.targetType) f.targetType = v.targetType;
  if (v.targetId?.trim()) f.targetId = v.targetId.trim();
  if (v.outcome) f.outcome = v.outcome;
  const [from, to] = v.range ?? [];
  if (from) f.from = beijingDayStart(from.format('YYYY-MM-DD'));
  // The end day is inclusive for the user; the API's `to` is exclusive.
  if (to) f.to = beijingDayStart(to.add(1, 'day').format('YYYY-MM-DD'));
  return f;
}

function describeFilters(f: Filters): string[] {
  const out: string[] = [];
  if (f.actorName) out.push(`操作人：${f.actorName}`);
  if (f.action) out.push(`操作：${auditActionLabel(f.action)}`);
  if (f.targetType) out.push(`对象类型：${auditTargetLabel(f.targetType)}`);
  if (f.targetId) out.push(`对象编号：${f.targetId}`);
  if (f.outcome) out.push(`结果：${AUDIT_OUTCOME_LABELS[f.outcome]}`);
  if (f.from) out.push(`起：${f.from.slice(0, 10)}`);
  if (f.to) out.push(`止（不含）：${f.to.slice(0, 10)}`);
  return out;
}

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title="审计链完整"
        description={`已按链序校验 ${result.checked} 条记录，未发现篡改、删除或替换。${
          result.unsealed > 0 ? `另有 ${result.unsealed} 条新记录尚未封存，将在数秒内自动封存。` : ''
        }`}
        data-testid="verify-result"
        closable
      />
    );
  }
  const b = result.firstBroken;
  return (
    <Alert
      type="error"
      showIcon
      title="审计链已被破坏"
      description={
        b
          ? `第一条异常记录：编号 ${b.id}（链序 ${b.chainSeq}），${b.reason}。请立即报告安全管理员并保全数据库。`
          : '校验未通过，请立即报告安全管理员。'
      }
      data-testid="verify-result"
    />
  );
}

export default function AuditPage() {
  const me = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const paged = usePagedList<Filters>({});
  const filters = paged.filters;
  const events = useAuditEvents(paged.query);
  const verify = useVerifyAudit();
  const [exporting, setExporting] = useState(false);

  const apply = (v: FilterForm) => paged.replaceFilters(toFilters(v));

  const exportXlsx = async () => {
    setExporting(true);
    const key = 'audit-export';
    try {
      const { items: rows, truncated } = await collectPages(
        (page, limit) =>
          body(api.GET('/api/audit-events', { params: { query: { ...filters, page, limit } } })),
        {
          onProgress: (n, total) =>
            message.loading({ key, content: `正在读取审计记录…${n} / ${total} 条`, duration: 0 }),
        },
      );
      const now = new Date();
      const blob = await auditWorkbook(rows, {
        exportedBy: `${me.displayName}（${me.username}）`,
        exportedAt: now.toISOString(),
        filters: describeFilters(filters),
        truncated,
      });
      const stamp = formatDateTime(now.toISOString(), false).replace(/[-: ]/g, '');
      downloadBlob(blob, `审计日志_${stamp}.xlsx`);
      message.success({ key, content: `已导出 ${rows.length} 条审计记录` });
    } catch (err) {
      message.error({ key, content: `导出失败：${errorMessage(err)}` });
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<AuditEvent> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作人',
      dataIndex: 'actorName',
      width: 170,
      render: (name: string | null, e) => (
        <Space orientation="vertical" size={0}>
          <span>{name ?? '—'}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {actorKindLabel(e.actorKind)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '操作', dataIndex: 'action', width: 140, render: auditActionLabel },
    {
      title: '对象',
      key: 'target',
      width: 130,
      render: (_: unknown, e) =>
        e.targetType ? (
          `${auditTargetLabel(e.targetType)} ${e.targetId ?? ''}`
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      title: '结果',
      dataIndex: 'outcome',
      width: 80,
      render: (o: Outcome) => <Tag color={OUTCOME_COLORS[o]}>{AUDIT_OUTCOME_LABELS[o]}</Tag>,
    },
    { title: '来源地址', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
    {
      title: '链序号',
      dataIndex: 'chainSeq',
      width: 90,
      render: (s: number | null) =>
        s === null ? <Typography.Text type="secondary">待封存</Typography.Text> : s,
    },
  ];

  return (
    <>
      <PageHeader
        title="审计日志"
        subtitle="记录登录、数据变更等重要操作（谁、何时、从何处、做了什么、结果）。日志只增不改，以国密摘要链防篡改。"
        extra={
          <Space>
            {can(me, 'audit:verify') && (
              <Button
                icon={<SafetyCertificateOutlined />}
                loading={verify.isPending}
                onClick={() => verify.mutate(undefined, { onError: (e) => message.error(errorMessage(e)) })}
              >
                校验审计链
              </Button>
            )}
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportXlsx()}>
              {EXPORT_LABEL}
            </Button>
          </Space>
        }
      />
      {verify.data && (
        <div style={{ marginBottom: 16 }}>
          <VerifyResult result={verify.data} />
        </div>
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form<FilterForm>
          form={form}
          layout="inline"
          onFinish={apply}
          style={{ rowGap: 12 }}
          aria-label="查询条件"
        >
          <Form.Item name="actorName" label="操作人">
            <Input placeholder="账号，如 nanhu.admin" allowClear style={{ width: 180 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="action" label="操作">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部操作"
              style={{ width: 160 }}
              options={Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="targetType" label="对象">
            <Select
              allowClear
              placeholder="全部类型"
              style={{ width: 120 }}
              options={Object.entries(AUDIT_TARGET_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item name="targetId" label="对象编号">
            <Input allowClear style={{ width: 110 }} maxLength={64} />
          </Form.Item>
          <Form.Item name="outcome" label="结果">
            <Select
              allowClear
              placeholder="全部"
              style={{ width: 100 }}
              options={(Object.keys(AUDIT_OUTCOME_LABELS) as Outcome[]).map((o) => ({
                value: o,
                label: AUDIT_OUTCOME_LABELS[o],
              }))}
            />
          </Form.Item>
          <Form.Item name="range" label="日期">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                icon={<UndoOutlined />}
                disabled={!paged.dirty}
                onClick={() => {
                  form.resetFields();
                  paged.reset();
                }}
              >
                重置
              </Button>
              <Button icon={<ReloadOutlined />} onClick={() => void events.refetch()} aria-label="刷新">
                刷新
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      <Card size="small">
        <DataTable<AuditEvent, Filters>
          list={events}
          paged={paged}
          what="审计日志"
          size="middle"
          columns={columns}
          locale={{ emptyText: '没有符合条件的审计记录' }}
          expandable={{
            expandedRowRender: (e) => (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text type="secondary">
                  记录编号 {e.id}；请求编号 {e.requestId ?? '—'}
                </Typography.Text>
                <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                  {JSON.stringify(e.summary, null, 2)}
                </pre>
              </Space>
            ),
            rowExpandable: (e) => e.summary !== null && e.summary !== undefined,
          }}
          data-testid="audit-table"
        />
      </Card>
    </>
  );
}
