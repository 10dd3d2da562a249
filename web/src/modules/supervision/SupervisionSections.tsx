// The record of an item: its reports with their evidence, its urgings and its extension requests.
import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Empty, List, Space, Table, Tag, Timeline, Typography } from 'antd';
import { EXTENSION_STATE_LABELS, REPORT_KIND_LABELS } from '../../../../lib/supervision.ts';
import { formatDateTime } from '../../ui/format.ts';
import { evidenceUrl, type SupervisionItem } from './api.ts';
import { SupervisionWarningTag } from './view.tsx';

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;

/** 进展与办结报告, oldest first, each with its evidence files to download. */
export function ReportsCard({ item }: { item: SupervisionItem }) {
  return (
    <Card
      size="small"
      title={`进展与办结报告（${item.reports.length}）`}
      style={{ marginBottom: 16 }}
      data-testid="supervision-reports"
    >
      {item.reports.length ? (
        <Timeline
          items={item.reports.map((r) => ({
            key: r.id,
            color: r.kind === 'done' ? 'green' : 'blue',
            content: (
              <Space orientation="vertical" size={2}>
                <Space size={8} wrap>
                  <Tag color={r.kind === 'done' ? 'success' : 'blue'}>{REPORT_KIND_LABELS[r.kind]}</Tag>
                  <Typography.Text type="secondary">
                    {r.reportedBy} · {formatDateTime(r.createdAt, false)}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                  {r.note}
                </Typography.Paragraph>
                {r.nextWork && (
                  <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
                    <Typography.Text type="secondary">下一步工作：</Typography.Text>
                    {r.nextWork}
                  </Typography.Paragraph>
                )}
                {r.files.length > 0 && (
                  <Space size={12} wrap>
                    {r.files.map((f) => (
                      <a key={f.id} href={evidenceUrl(item.id, f.id)} aria-label={`下载 ${f.fileName}`}>
                        <PaperClipOutlined /> {f.fileName}{' '}
                        <Typography.Text type="secondary">（{sizeText(f.size)}）</Typography.Text>
                      </a>
                    ))}
                  </Space>
                )}
              </Space>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="责任单位尚未报告办理情况" />
      )}
    </Card>
  );
}

type Urging = SupervisionItem['urgings'][number] & { key: number };

/** 催办记录: by hand or by the daily sweep, with the light the item had then. */
export function UrgingsCard({ item }: { item: SupervisionItem }) {
  return (
    <Card size="small" title={`催办记录（${item.urgings.length}）`} style={{ marginBottom: 16 }}>
      <Table<Urging>
        size="small"
        pagination={false}
        dataSource={item.urgings.map((g, i) => ({ ...g, key: i }))}
        locale={{ emptyText: '尚未催办' }}
        data-testid="supervision-urgings"
        columns={[
          {
            title: '时间',
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => formatDateTime(v, false),
          },
          { title: '规则', dataIndex: 'ruleLabel', width: 110 },
          {
            title: '当时预警',
            dataIndex: 'warning',
            width: 110,
            render: (w: Urging['warning']) => <SupervisionWarningTag level={w} />,
          },
          {
            title: '催办人',
            dataIndex: 'urgedBy',
            width: 120,
            render: (u: string | null) => u ?? '系统',
          },
          { title: '说明', dataIndex: 'note', render: (n: string) => n || '—' },
        ]}
      />
    </Card>
  );
}

const EXTENSION_COLORS = { pending: 'processing', granted: 'success', refused: 'error' } as const;

/** 延期申请: each request with its decision; shown once there is one. */
export function ExtensionsCard({ item }: { item: SupervisionItem }) {
  if (!item.extensions.length) return null;
  return (
    <Card
      size="small"
      title={`延期申请（${item.extensions.length}）`}
      style={{ marginBottom: 16 }}
      data-testid="supervision-extensions"
    >
      <List
        size="small"
        dataSource={item.extensions}
        renderItem={(e) => (
          <List.Item
            key={e.requestedAt}
            extra={<Tag color={EXTENSION_COLORS[e.state]}>{EXTENSION_STATE_LABELS[e.state]}</Tag>}
          >
            <Space orientation="vertical" size={0}>
              <Typography.Text>
                申请延期 {e.days} 个工作日：{e.reason}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {e.requestedBy} · {formatDateTime(e.requestedAt, false)}
                {e.decidedAt && ` · ${formatDateTime(e.decidedAt, false)} 审核`}
              </Typography.Text>
              {e.refuseReason && (
                <Typography.Text type="danger">不同意的理由：{e.refuseReason}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
