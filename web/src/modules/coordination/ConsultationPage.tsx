import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useParams } from 'react-router';
import { STANCE_LABELS, type Stance } from '../../../../lib/coordination.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { beijingToday } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  documentUrl,
  fileUrl,
  type ReplyBody,
  uploadFile,
  useConsultation,
  useConsultationAction,
  useRequest,
} from './api.ts';
import { WarningTag } from './view.tsx';

interface Values {
  stance: Stance;
  opinion: string;
  legalBasis?: string;
  conditions?: string;
  commitments: { content: string; mode: 'days' | 'date'; dueDays?: number; dueDate?: Dayjs }[];
}

/** One consultation from the department's side: read the request, draft the reply, the lead signs. */
export default function ConsultationPage() {
  const id = Number(useParams().id);
  const me = useSession();
  const { message } = App.useApp();
  const q = useConsultation(id);
  const request = useRequest('staff', q.data?.data.requestId ?? 0);
  const action = useConsultationAction();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  if (q.isError) return <LoadError error={q.error} what="书面征询" onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin />;
  const { data: c, etag } = q.data;
  const r = request.data?.data;
  const canReply = c.actions.includes('reply');
  const canSign = c.actions.includes('sign');

  const save = async (v: Values) => {
    setError(null);
    const body: ReplyBody = {
      stance: v.stance,
      opinion: v.opinion,
      legalBasis: v.legalBasis ?? '',
      conditions: v.conditions ?? '',
      fileIds: files.filter((f) => f.status === 'done').map((f) => (f.response as { id: number }).id),
      commitments: (v.commitments ?? []).map((k) =>
        k.mode === 'date'
          ? { content: k.content, dueDate: k.dueDate?.format('YYYY-MM-DD') }
          : { content: k.content, dueDays: k.dueDays },
      ),
    };
    try {
      await action.mutateAsync({ id, etag, path: 'reply', body });
      setFiles([]); // attached now; listed under 已附
      message.success(can(me, 'consultation:sign') ? '已保存答复，可签发' : '已保存答复，待部门负责人签发');
    } catch (err) {
      if (err instanceof ApiProblem)
        setError([err.detail ?? err.message, ...err.errors.map((e) => e.message)].join(' '));
      else setError(errorMessage(err));
    }
  };
  const sign = async () => {
    try {
      await action.mutateAsync({ id, etag, path: 'sign' });
      message.success('答复已签发');
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <>
      <PageHeader
        title={`书面征询：${c.projectName ?? ''}`}
        crumbs={[{ title: '书面征询', to: '/consultations' }, { title: c.requestNumber ?? String(c.id) }]}
        subtitle={
          <Space size={4}>
            <Tag>{c.departmentName}</Tag>
            <span>答复期限 {c.replyBy}</span>
            <WarningTag level={c.warningLevel} />
            {c.overdue && c.status !== 'answered' && <Tag color="error">已逾期</Tag>}
          </Space>
        }
        extra={
          c.documentId && (
            <a href={documentUrl('staff', c.requestId, c.documentId, 'pdf')}>下载征询意见函（PDF）</a>
          )
        }
      />
      <Card size="small" title="征询事项" style={{ marginBottom: 16 }}>
        <ol style={{ margin: 0 }}>
          {c.questions.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ol>
      </Card>
      {r && (
        <Card size="small" title="协调申请" style={{ marginBottom: 16 }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="申请单位">{r.applicantName}</Descriptions.Item>
            <Descriptions.Item label="项目概况">{r.overview}</Descriptions.Item>
            <Descriptions.Item label="存在问题">{r.problem}</Descriptions.Item>
            <Descriptions.Item label="拟解决方案">{r.proposal}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
      {c.status === 'answered' ? (
        <Card size="small" title="本部门答复（已签发）" data-testid="reply-answered">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="意见">{STANCE_LABELS[c.stance as Stance]}</Descriptions.Item>
            <Descriptions.Item label="答复">{c.opinion}</Descriptions.Item>
            {c.legalBasis && <Descriptions.Item label="依据">{c.legalBasis}</Descriptions.Item>}
            {c.conditions && <Descriptions.Item label="条件">{c.conditions}</Descriptions.Item>}
            <Descriptions.Item label="承诺事项">
              {c.commitments.length
                ? c.commitments.map((k) => (
                    <div key={k.id}>
                      {k.content}（{k.dueDays ? `${k.dueDays} 个工作日` : k.dueDate}）
                    </div>
                  ))
                : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="签发">
              {c.signedBy} {c.late && <Tag color="orange">逾期答复</Tag>}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      ) : (
        <Card
          size="small"
          title={c.status === 'drafted' ? `答复草稿（${c.draftedBy ?? ''} 起草，待负责人签发）` : '起草答复'}
          data-testid="reply-form"
        >
          {!canReply && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message="协调事项已不在征询阶段，或您无权答复。"
            />
          )}
          <Form<Values>
            form={form}
            layout="vertical"
            disabled={!canReply}
            onFinish={(v) => void save(v)}
            initialValues={{
              stance: (c.stance as Stance | null) ?? 'agree',
              opinion: c.opinion ?? '',
              legalBasis: c.legalBasis ?? '',
              conditions: c.conditions ?? '',
              commitments: c.commitments.map((k) => ({
                content: k.content,
                mode: k.dueDays ? 'days' : 'date',
                dueDays: k.dueDays ?? undefined,
                dueDate: k.dueDays ? undefined : k.dueDate ? dayjs(k.dueDate) : undefined,
              })),
            }}
          >
            <Form.Item name="stance" label="意见" rules={[{ required: true }]}>
              <Radio.Group
                options={(Object.keys(STANCE_LABELS) as Stance[]).map((s) => ({
                  value: s,
                  label: STANCE_LABELS[s],
                }))}
                optionType="button"
              />
            </Form.Item>
            <Form.Item
              name="opinion"
              label="答复意见"
              rules={[{ required: true, min: 2, message: '请填写答复意见' }]}
            >
              <Input.TextArea rows={3} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item name="legalBasis" label="依据（法律法规、政策文件）">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.stance !== b.stance}>
              {() =>
                form.getFieldValue('stance') === 'conditional' && (
                  <Form.Item
                    name="conditions"
                    label="附加条件"
                    rules={[{ required: true, min: 2, message: '有条件同意须写明条件' }]}
                  >
                    <Input.TextArea rows={2} maxLength={2000} />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Typography.Text strong>承诺事项（本部门将做什么、何时完成）</Typography.Text>
            <Form.List name="commitments">
              {(fields, { add, remove }) => (
                <div style={{ marginTop: 8 }}>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap>
                      <Form.Item
                        name={[f.name, 'content']}
                        rules={[{ required: true, min: 2, message: '请填写承诺内容' }]}
                        style={{ width: 380 }}
                      >
                        <Input placeholder="承诺内容" aria-label="承诺内容" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'mode']} initialValue="days">
                        <Radio.Group
                          optionType="button"
                          options={[
                            { value: 'days', label: '工作日数' },
                            { value: 'date', label: '日期' },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item noStyle shouldUpdate>
                        {() =>
                          form.getFieldValue(['commitments', f.name, 'mode']) === 'date' ? (
                            <Form.Item
                              name={[f.name, 'dueDate']}
                              rules={[{ required: true, message: '请选择完成日期' }]}
                            >
                              <DatePicker
                                disabledDate={(d) => d.format('YYYY-MM-DD') <= beijingToday()}
                                aria-label="完成日期"
                              />
                            </Form.Item>
                          ) : (
                            <Form.Item
                              name={[f.name, 'dueDays']}
                              rules={[{ required: true, message: '请填写工作日数' }]}
                            >
                              <InputNumber min={1} max={365} addonAfter="个工作日" aria-label="工作日数" />
                            </Form.Item>
                          )
                        }
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label="删除承诺"
                      />
                    </Space>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ content: '', mode: 'days', dueDays: 5 })}
                  >
                    添加承诺事项
                  </Button>
                </div>
              )}
            </Form.List>
            {error && (
              <Alert
                type="error"
                showIcon
                message={error}
                style={{ marginTop: 12 }}
                data-testid="reply-error"
              />
            )}
            <Form.Item
              label="附件（选填）"
              style={{ marginTop: 12 }}
              extra="PDF、OFD、JPEG、PNG 或 Word（docx），每个不超过 10 MB"
            >
              <Upload
                fileList={files}
                onChange={({ fileList }) => setFiles(fileList)}
                customRequest={({ file, onSuccess, onError }) => {
                  uploadFile('staff', file as File)
                    .then((r) => onSuccess?.(r))
                    .catch((err: unknown) => {
                      message.error(`${(file as File).name}：${errorMessage(err)}`);
                      onError?.(err as Error);
                    });
                }}
              >
                <Button icon={<UploadOutlined />}>上传附件</Button>
              </Upload>
            </Form.Item>
            {c.files.some((f) => f.consultationId === c.id) && (
              <Typography.Paragraph>
                已附：
                {c.files
                  .filter((f) => f.consultationId === c.id)
                  .map((f) => (
                    <a key={f.id} href={fileUrl('staff', c.requestId, f.id)} style={{ marginRight: 8 }}>
                      {f.fileName}
                    </a>
                  ))}
              </Typography.Paragraph>
            )}
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" htmlType="submit" loading={action.isPending}>
                保存答复
              </Button>
            </Space>
          </Form>
          {canSign && (
            <Popconfirm
              title="签发后答复即计入结果，不能再修改。确定签发？"
              onConfirm={() => void sign()}
              okText="签发"
            >
              <Button type="primary" danger style={{ marginTop: 12 }}>
                负责人签发
              </Button>
            </Popconfirm>
          )}
        </Card>
      )}
    </>
  );
}
