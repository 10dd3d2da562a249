import { CloudUploadOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, body } from '../../api/client.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import type { paths } from '../../api/schema';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useRegions } from '../org/api.ts';

type Batch = paths['/api/exchange/batches']['get']['responses'][200]['content']['application/json'][number];
const KEY = ['exchange', 'batches'] as const;

const SEND_STATUS: Record<Batch['sendStatus'], { label: string; color: string }> = {
  manual: { label: '人工报送', color: 'default' },
  unsent: { label: '未报送', color: 'warning' },
  pending: { label: '报送中', color: 'processing' },
  sent: { label: '已接收', color: 'success' },
  failed: { label: '报送失败', color: 'error' },
};

/** The status cell: what happened last, with the platform's receipt or refusal on hover. */
function SendStatus({ b }: { b: Batch }) {
  const s = SEND_STATUS[b.sendStatus];
  const tip =
    b.sendStatus === 'manual'
      ? '未配置上级平台接收地址，请下载批次文件后按规定报送'
      : [
          b.sentAt ? `接收时间：${formatDateTime(b.sentAt)}` : null,
          b.receipt ? `回执：${b.receipt}` : null,
          b.lastError ? `最近失败：${b.lastError}` : null,
          `已发送 ${b.sendAttempts} 次`,
        ]
          .filter(Boolean)
          .join('；');
  return (
    <Tooltip title={tip}>
      <Tag color={s.color}>{s.label}</Tag>
      {b.lastError && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {b.lastError}
        </Typography.Text>
      )}
    </Tooltip>
  );
}

/** Incremental GB/T 39046 exports of the region's case records, and their files for (re)sending. */
export default function ExchangePage() {
  const me = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const regions = useRegions();
  const [regionCode, setRegionCode] = useState<string | undefined>(me.regionCode ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => body(api.GET('/api/exchange/batches')),
    // Follow a send in progress until the platform answers.
    refetchInterval: (q) => (q.state.data?.some((b) => b.sendStatus === 'pending') ? 3000 : false),
  });
  const create = useMutation({
    mutationFn: (code: string) => body(api.POST('/api/exchange/batches', { body: { regionCode: code } })),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  const resend = useMutation({
    mutationFn: (id: number) =>
      body(api.POST('/api/exchange/batches/{id}/send', { params: { path: { id } } })),
    onSuccess: () => message.success('已加入报送队列'),
    onError: (err) => setError(errorMessage(err)),
    onSettled: () => qc.invalidateQueries({ queryKey: KEY }),
  });
  const regionName = (code: string) => regions.data?.find((r) => r.code === code)?.name ?? code;

  const run = () => {
    if (!regionCode) return;
    setError(null);
    create.mutate(regionCode, {
      onSuccess: (b) =>
        message.success(
          `已生成批次 ${b.batch}，共 ${b.records} 条记录${b.more ? '；还有更多环节，请继续生成下一批次' : ''}`,
        ),
      onError: (err) => {
        if (err instanceof ApiProblem && err.status === 409) message.info(err.detail ?? '没有新的办理记录');
        else setError(errorMessage(err));
      },
    });
  };

  return (
    <>
      <PageHeader
        title="数据交换"
        subtitle="按 GB/T 39046 把办件的受理、办理（含特别程序）和办结记录生成增量批次，报送上级政务服务平台；每个批次文件可重复下载重发。"
      />
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
        <Button
          type="primary"
          icon={<CloudUploadOutlined />}
          onClick={run}
          loading={create.isPending}
          disabled={!regionCode}
        >
          生成增量批次
        </Button>
        <Typography.Text type="secondary">
          包含上一批次之后的全部办理环节，每批至多 5000 个环节。
        </Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      {list.isError ? (
        <LoadError error={list.error} what="交换批次" onRetry={() => void list.refetch()} />
      ) : (
        <Table<Batch>
          size="small"
          rowKey="id"
          dataSource={list.data ?? []}
          loading={list.isLoading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="exchange-batches"
          locale={{ emptyText: '尚未生成批次' }}
          columns={[
            { title: '批次号', dataIndex: 'batch', width: 150, sorter: (a, b) => a.id - b.id },
            { title: '区划', dataIndex: 'regionCode', width: 80, render: (c: string) => regionName(c) },
            { title: '记录数', dataIndex: 'records', width: 70, align: 'right' },
            {
              title: '办理环节',
              key: 'steps',
              width: 110,
              render: (_: unknown, b) => `${b.afterStepId + 1} – ${b.toStepId}`,
            },
            {
              // Time and person on two lines: on a 1366-pixel screen the digest keeps its room.
              title: '生成时间 / 生成人',
              key: 'created',
              width: 150,
              sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
              render: (_: unknown, b) => (
                <Space orientation="vertical" size={0}>
                  <span>{formatDateTime(b.createdAt)}</span>
                  <Typography.Text type="secondary">{b.createdBy ?? '—'}</Typography.Text>
                </Space>
              ),
            },
            {
              title: 'SM3 摘要',
              dataIndex: 'digest',
              render: (v: string) => (
                <Typography.Text code copyable={{ text: v, tooltips: ['复制完整摘要', '已复制'] }} title={v}>
                  {v.slice(0, 16)}…
                </Typography.Text>
              ),
            },
            {
              title: '报送状态',
              key: 'send',
              width: 200,
              filters: Object.entries(SEND_STATUS).map(([value, s]) => ({ value, text: s.label })),
              onFilter: (v, b) => b.sendStatus === v,
              render: (_: unknown, b) => <SendStatus b={b} />,
            },
            {
              title: '文件',
              key: 'file',
              width: 150,
              render: (_: unknown, b) => (
                <Space size={4}>
                  <a href={`/api/exchange/batches/${b.id}/file`} download aria-label={`下载批次 ${b.batch}`}>
                    <DownloadOutlined /> 下载
                  </a>
                  {b.sendStatus !== 'manual' && (
                    // Sending again what the platform already accepted is rare: ask first.
                    <Popconfirm
                      title={`批次 ${b.batch} 已被上级平台接收，确定再次报送？`}
                      okText="再次报送"
                      cancelText="取消"
                      disabled={b.sendStatus !== 'sent'}
                      onConfirm={() => resend.mutate(b.id)}
                    >
                      <Button
                        size="small"
                        type="link"
                        icon={<SendOutlined />}
                        disabled={b.sendStatus === 'pending'}
                        loading={resend.isPending && resend.variables === b.id}
                        onClick={b.sendStatus === 'sent' ? undefined : () => resend.mutate(b.id)}
                        aria-label={`${b.sendStatus === 'unsent' ? '报送' : '重新报送'}批次 ${b.batch}`}
                      >
                        {b.sendStatus === 'unsent' ? '报送' : '重新报送'}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
