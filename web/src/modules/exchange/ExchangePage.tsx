import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, body } from '../../api/client.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useRegions } from '../../api/queries.ts';
import type { paths } from '../../api/schema';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';

type Batch = paths['/api/exchange/batches']['get']['responses'][200]['content']['application/json'][number];
const KEY = ['exchange', 'batches'] as const;

/** Incremental GB/T 39046 exports of the region's case records, and their files for (re)sending. */
export default function ExchangePage() {
  const me = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const regions = useRegions();
  const [regionCode, setRegionCode] = useState<string | undefined>(me.regionCode ?? undefined);
  const [error, setError] = useState<string | null>(null);
  const list = useQuery({ queryKey: KEY, queryFn: () => body(api.GET('/api/exchange/batches')) });
  const create = useMutation({
    mutationFn: (code: string) => body(api.POST('/api/exchange/batches', { body: { regionCode: code } })),
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
            { title: '区划', dataIndex: 'regionCode', width: 100, render: (c: string) => regionName(c) },
            { title: '记录数', dataIndex: 'records', width: 90, align: 'right' },
            {
              title: '办理环节',
              key: 'steps',
              width: 150,
              render: (_: unknown, b) => `${b.afterStepId + 1} – ${b.toStepId}`,
            },
            {
              title: '生成时间',
              dataIndex: 'createdAt',
              width: 170,
              render: (v: string) => formatDateTime(v),
            },
            { title: '生成人', dataIndex: 'createdBy', width: 110, render: (v: string | null) => v ?? '—' },
            {
              title: 'SM3 摘要',
              dataIndex: 'digest',
              ellipsis: true,
              render: (v: string) => (
                <Typography.Text code copyable={{ text: v }}>
                  {v.slice(0, 16)}…
                </Typography.Text>
              ),
            },
            {
              title: '文件',
              key: 'file',
              width: 90,
              render: (_: unknown, b) => (
                <a href={`/api/exchange/batches/${b.id}/file`} download aria-label={`下载批次 ${b.batch}`}>
                  <DownloadOutlined /> 下载
                </a>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
