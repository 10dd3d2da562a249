import { FilePdfOutlined, FileWordOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { CONTENT_LABELS, type ContentKey } from '../../../../lib/coordination.ts';
import { errorMessage } from '../../api/problem.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import {
  type Commitment,
  documentUrl,
  type RequestDetail,
  uploadFile,
  useRequest,
  useRequestAction,
} from '../coordination/api.ts';
import { StateTag } from '../coordination/view.tsx';
import { LoadError, NotFoundPage } from '../errors/ErrorPages.tsx';

interface Contents {
  overview: string;
  problem: string;
  proposal: string;
  contactName: string;
  contactPhone: string;
  positions: { department: string; position: string }[];
}

const contentLabel = (k: string) => CONTENT_LABELS[k as ContentKey] ?? k;
const long = (label: string) => [{ max: 4000, message: `${label}不超过 4000 个字` }];

/** The whole contents again, prefilled, with any new attachments (补充后重新提交). */
function ResubmitModal({
  r,
  etag,
  open,
  onClose,
}: {
  r: RequestDetail;
  etag: string;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Contents>();
  const action = useRequestAction('portal');
  const [files, setFiles] = useState<{ id: number; fileName: string }[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (v: Contents) => {
    setError(null);
    action.mutate(
      {
        id: r.id,
        etag,
        path: 'resubmit',
        body: { ...v, positions: v.positions ?? [], fileIds: files.map((f) => f.id) },
      },
      {
        onSuccess: () => {
          message.success('已重新提交，等待中心受理');
          setFiles([]);
          onClose();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  const upload = async (list: FileList | null) => {
    if (!list) return;
    setUploading(true);
    try {
      for (const file of Array.from(list)) {
        const stored = await uploadFile('portal', file);
        setFiles((fs) => [...fs, { id: stored.id, fileName: file.name }]);
      }
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };

  return (
    <Modal
      title="补充后重新提交"
      open={open}
      onCancel={() => {
        setError(null);
        setFiles([]);
        onClose();
      }}
      onOk={() => form.submit()}
      okText="重新提交"
      cancelText="取消"
      okButtonProps={{ disabled: uploading }}
      confirmLoading={action.isPending}
      width={720}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Contents>
        form={form}
        layout="vertical"
        onFinish={submit}
        aria-label="补充协调申请"
        initialValues={{
          overview: r.overview,
          problem: r.problem,
          proposal: r.proposal,
          contactName: r.contactName,
          contactPhone: r.contactPhone,
          positions: r.positions,
        }}
      >
        <Form.Item name="overview" label="项目概况" rules={long('项目概况')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="problem" label="存在问题" rules={long('存在问题')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="proposal" label="拟解决方案" rules={long('拟解决方案')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item label="相关部门意见">
          <Form.List name="positions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 8 }}>
                    <Form.Item
                      name={[f.name, 'department']}
                      rules={[{ required: true, whitespace: true, message: '请填写部门名称' }]}
                      noStyle
                    >
                      <Input placeholder="部门名称" style={{ width: 180 }} maxLength={60} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'position']}
                      rules={[{ required: true, whitespace: true, message: '请填写部门意见' }]}
                      noStyle
                    >
                      <Input.TextArea
                        placeholder="部门意见"
                        autoSize
                        style={{ width: 420 }}
                        maxLength={1000}
                      />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除此条意见" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ department: '', position: '' })}
                >
                  添加部门意见
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="contactName" label="联系人" rules={[{ max: 50, message: '联系人不超过 50 个字' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item
            name="contactPhone"
            label="联系电话"
            rules={[{ pattern: /^[0-9+-]{7,20}$/, message: '联系电话应为 7–20 位数字' }]}
          >
            <Input maxLength={20} />
          </Form.Item>
        </Space>
        <Form.Item label="补充附件" extra="已提交的附件会保留，这里只需上传新增的材料。">
          <input type="file" multiple aria-label="补充附件" onChange={(e) => void upload(e.target.files)} />
          {files.map((f) => (
            <Tag key={f.id} closable onClose={() => setFiles((fs) => fs.filter((x) => x.id !== f.id))}>
              {f.fileName}
            </Tag>
          ))}
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RequestView({ id }: { id: number }) {
  const { message } = App.useApp();
  const q = useRequest('portal', id);
  const action = useRequestAction('portal');
  const [resubmitting, setResubmitting] = useState(false);
  if (q.isError) return <LoadError error={q.error} what="协调申请" onRetry={() => void q.refetch()} />;
  const r = q.data?.data;
  const etag = q.data?.etag ?? '';

  return (
    <>
      <PageHeader
        title="协调申请进度"
        subtitle={r && `${r.number} · ${r.projectName}`}
        crumbs={[{ title: '我的协调申请', to: '/my-coordination' }, { title: r?.number ?? '协调申请' }]}
        extra={
          r?.actions.includes('withdraw') && (
            <Popconfirm
              title="撤回后如需协调须重新提交，确定撤回？"
              okText="撤回"
              cancelText="取消"
              onConfirm={() =>
                action.mutate(
                  { id: r.id, etag, path: 'withdraw' },
                  {
                    onSuccess: () => message.success('已撤回申请'),
                    onError: (err) => message.error(errorMessage(err)),
                  },
                )
              }
            >
              <Button danger loading={action.isPending}>
                撤回申请
              </Button>
            </Popconfirm>
          )
        }
      />
      {!r ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {r.state === 'returned' && (
            <Alert
              type="warning"
              showIcon
              data-testid="returned-alert"
              title="中心已退回，请补充后重新提交"
              description={
                <>
                  {r.returnNote && <div>退回说明：{r.returnNote}</div>}
                  {r.returnedMissing.length > 0 && (
                    <div>需补充：{r.returnedMissing.map(contentLabel).join('、')}</div>
                  )}
                </>
              }
              action={
                <Button type="primary" onClick={() => setResubmitting(true)}>
                  补充后重新提交
                </Button>
              }
            />
          )}
          <Card size="small">
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, md: 2 }}
              data-testid="coordination-facts"
              items={[
                { key: 'state', label: '状态', children: <StateTag state={r.state} label={r.stateLabel} /> },
                { key: 'level', label: '当前层级', children: r.levelLabel },
                {
                  key: 'project',
                  label: '项目',
                  span: 2,
                  children: r.projectCode ? `${r.projectName}（项目代码 ${r.projectCode}）` : r.projectName,
                },
                { key: 'problem', label: '存在问题', span: 2, children: r.problem || '—' },
                { key: 'proposal', label: '拟解决方案', span: 2, children: r.proposal || '—' },
                ...(r.resolution
                  ? [{ key: 'resolution', label: '办结说明', span: 2, children: r.resolution }]
                  : []),
              ]}
            />
          </Card>
          {r.letterDocumentId !== null && (
            <Card size="small" title="告知函" data-testid="coordination-letter">
              <Space size={16}>
                <a href={documentUrl('portal', r.id, r.letterDocumentId, 'pdf')} aria-label="下载告知函 PDF">
                  <FilePdfOutlined /> PDF
                </a>
                <a
                  href={documentUrl('portal', r.id, r.letterDocumentId, 'docx')}
                  aria-label="下载告知函 DOCX"
                >
                  <FileWordOutlined /> DOCX
                </a>
              </Space>
            </Card>
          )}
          <Card size="small" title="承诺事项落实情况">
            <Table<Commitment>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={r.commitments}
              data-testid="my-coordination-commitments"
              locale={{ emptyText: '暂无承诺事项' }}
              columns={[
                { title: '承诺部门', dataIndex: 'departmentName', width: 180 },
                { title: '承诺内容', dataIndex: 'content' },
                {
                  title: '完成期限',
                  dataIndex: 'dueDate',
                  width: 120,
                  render: (d: string | null) => d ?? '—',
                },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 100,
                  render: (s: string) =>
                    s === 'done' ? <Tag color="success">已办结</Tag> : <Tag color="processing">在办</Tag>,
                },
              ]}
            />
          </Card>
          <Card size="small" title="办理进展">
            {r.timeline.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无进展" />
            ) : (
              <Timeline
                data-testid="coordination-timeline"
                items={r.timeline.map((e) => ({
                  key: e.id,
                  content: (
                    <Space orientation="vertical" size={0}>
                      <Typography.Text strong>{e.title}</Typography.Text>
                      <Typography.Text type="secondary">
                        {formatDateTime(e.at, false)} {e.unitName ?? ''}
                      </Typography.Text>
                      {e.detail && <span>{e.detail}</span>}
                      {e.documentNumber && <span>文号：{e.documentNumber}</span>}
                    </Space>
                  ),
                }))}
              />
            )}
          </Card>
          <ResubmitModal r={r} etag={etag} open={resubmitting} onClose={() => setResubmitting(false)} />
        </Space>
      )}
    </>
  );
}

/** The enterprise's view of one coordination request: progress, letter, commitments, and resubmission. */
export default function MyCoordinationPage() {
  const { id: raw } = useParams();
  if (!raw || !/^\d{1,12}$/.test(raw)) return <NotFoundPage what="协调申请" />;
  return <RequestView id={Number(raw)} />;
}
