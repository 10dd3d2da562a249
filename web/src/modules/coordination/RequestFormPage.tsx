import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  Row,
  Select,
  Space,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import {
  CONTENT_LABELS,
  type ContentKey,
  type CoordinationSource,
  SOURCE_LABELS,
  startLevel,
} from '../../../../lib/coordination.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useUnits } from '../org/api.ts';
import { type SubmitBody, uploadFile, useLadder, useSubmitRequest } from './api.ts';

interface Values {
  source: CoordinationSource;
  applicantName?: string;
  caseId?: number;
  sourceUnitId?: number;
  projectName: string;
  projectCode?: string;
  urgent: boolean;
  overview: string;
  problem: string;
  positions: { department: string; position: string }[];
  proposal: string;
  contactName: string;
  contactPhone: string;
}

// Form field of each content the ladder may require (contact is two fields, attachments the upload).
const FIELD_OF: Partial<Record<ContentKey, keyof Values>> = {
  overview: 'overview',
  problem: 'problem',
  positions: 'positions',
  proposal: 'proposal',
  contact: 'contactPhone',
};

/**
 * A coordination request, filed by an enterprise on the portal or registered by staff (window, a
 * case, a stage lead department, a park or town). What is required follows the region's ladder at
 * the level where the request starts; the server checks the same and lists what is missing.
 */
export default function RequestFormPage() {
  const me = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const channel = me.kind === 'enterprise' ? 'portal' : 'staff';
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmitRequest(channel);
  const ladder = useLadder(me.regionCode);
  const caseId = params.get('caseId');
  const source: CoordinationSource =
    Form.useWatch('source', form) ?? (channel === 'portal' ? 'enterprise' : caseId ? 'case' : 'window');
  const sourceUnits = useUnits(
    { regionCode: me.regionCode, kind: source === 'town' ? 'town' : 'park', limit: 200 },
    channel === 'staff' && (source === 'park' || source === 'town'),
  );
  const required = new Set(ladder.data?.find((s) => s.level === startLevel(source))?.required ?? []);
  const need = (k: ContentKey) => required.has(k);

  const onFinish = async (v: Values) => {
    setError(null);
    const uploading = files.some((f) => f.status === 'uploading');
    if (uploading) {
      setError('附件仍在上传，请稍候。');
      return;
    }
    const body: SubmitBody = {
      ...v,
      source: channel === 'portal' ? 'enterprise' : v.source,
      positions: (v.positions ?? []).filter((p) => p?.department || p?.position),
      fileIds: files.filter((f) => f.status === 'done').map((f) => (f.response as { id: number }).id),
      ...(v.caseId ? { caseId: Number(v.caseId) } : {}),
      ...(v.projectCode ? { projectCode: v.projectCode } : { projectCode: undefined }),
    };
    try {
      const r = await submit.mutateAsync(body);
      message.success(`已提交，编号 ${r.number}`);
      navigate(channel === 'portal' ? `/my-coordination/${r.id}` : `/coordination/${r.id}`);
    } catch (err) {
      if (err instanceof ApiProblem && err.errors.length) {
        const byField = err.fieldErrors();
        form.setFields(
          [...byField].flatMap(([k, msgs]) => {
            const name = FIELD_OF[k as ContentKey] ?? k;
            return ['attachments', 'fileIds'].includes(k) ? [] : [{ name: name as never, errors: msgs }];
          }),
        );
      }
      setError(errorMessage(err));
    }
  };

  const requiredRule = (k: ContentKey) =>
    need(k) ? [{ required: true, whitespace: true, message: `请填写${CONTENT_LABELS[k]}` }] : [];

  return (
    <>
      <PageHeader
        title={channel === 'portal' ? '提交协调申请' : '登记协调事项'}
        subtitle="项目审批中遇到部门之间的问题，请写明项目概况、存在问题、各部门目前的意见和拟解决方案，并附上有关材料。中心将书面征询各部门，并在答复后告知结果。"
        crumbs={
          channel === 'portal'
            ? [{ title: '我的协调申请', to: '/my-coordination' }, { title: '提交' }]
            : [{ title: '协调事项', to: '/coordination' }, { title: '登记' }]
        }
      />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          initialValues={{
            source: channel === 'portal' ? 'enterprise' : caseId ? 'case' : 'window',
            caseId: caseId ? Number(caseId) : undefined,
            urgent: false,
            positions: [{ department: '', position: '' }],
            contactName: channel === 'portal' ? '' : undefined,
          }}
          data-testid="coordination-form"
        >
          {channel === 'staff' && (
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item name="source" label="来源" rules={[{ required: true }]}>
                  <Select
                    options={(['window', 'case', 'stage_lead', 'park', 'town'] as CoordinationSource[]).map(
                      (s) => ({
                        value: s,
                        label: SOURCE_LABELS[s],
                      }),
                    )}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="applicantName"
                  label="申请单位"
                  rules={[{ required: source !== 'case', message: '请填写申请单位' }]}
                >
                  <Input maxLength={100} placeholder="项目单位名称" />
                </Form.Item>
              </Col>
              {(source === 'park' || source === 'town') && (
                <Col xs={24} md={8}>
                  <Form.Item
                    name="sourceUnitId"
                    label={source === 'park' ? '园区' : '镇（街道）'}
                    rules={[{ required: true, message: '请选择提出协调的单位' }]}
                    extra={
                      sourceUnits.data?.items.length === 0
                        ? '本区尚未设置该类单位，请先在“组织机构”中添加。'
                        : undefined
                    }
                  >
                    <Select
                      options={(sourceUnits.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                      showSearch
                      optionFilterProp="label"
                    />
                  </Form.Item>
                </Col>
              )}
              {source === 'case' && (
                <Col xs={24} md={8}>
                  <Form.Item
                    name="caseId"
                    label="办件编号（内部号）"
                    rules={[{ required: true, message: '请指明办件' }]}
                  >
                    <Input inputMode="numeric" />
                  </Form.Item>
                </Col>
              )}
            </Row>
          )}
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={`受理层级：${{ window: '综合窗口', stage_lead: '阶段牵头部门', center: '政务服务中心', leader: '分管领导' }[startLevel(source)]}`}
            description={`本级要求具备：${[...required].map((k) => CONTENT_LABELS[k as ContentKey]).join('、') || '（加载中）'}`}
          />
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="projectName"
                label="项目名称"
                rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="projectCode"
                label="投资项目代码"
                rules={[
                  {
                    pattern: /^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$/,
                    message: '格式应为 YYMM-行政区划-NN-NN-NNNNNN',
                  },
                ]}
              >
                <Input placeholder="如 2611-330402-04-01-123456" />
              </Form.Item>
            </Col>
            <Col xs={24} md={4}>
              <Form.Item name="urgent" label="急件" valuePropName="checked">
                <Checkbox>紧急</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="overview" label="项目概况" rules={requiredRule('overview')}>
            <Input.TextArea
              rows={3}
              maxLength={4000}
              showCount
              placeholder="投资规模、用地、建设内容、计划开工时间等"
            />
          </Form.Item>
          <Form.Item name="problem" label="存在问题" rules={requiredRule('problem')}>
            <Input.TextArea
              rows={4}
              maxLength={4000}
              showCount
              placeholder="卡在哪个审批环节、涉及哪些部门、原因是什么"
            />
          </Form.Item>
          <Form.Item
            label={`相关部门意见${need('positions') ? '' : '（选填）'}`}
            required={need('positions')}
          >
            <Form.List
              name="positions"
              rules={
                need('positions')
                  ? [
                      {
                        validator: async (_, v: Values['positions']) => {
                          if (!v?.some((p) => p?.department && p?.position))
                            throw new Error('请至少填写一个部门的意见');
                        },
                      },
                    ]
                  : []
              }
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'department']} style={{ width: 220 }}>
                        <Input placeholder="部门，如 自然资源和规划局" aria-label="部门" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'position']} style={{ width: 520 }}>
                        <Input placeholder="该部门目前的意见" aria-label="部门意见" />
                      </Form.Item>
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => remove(f.name)}
                        aria-label="删除该部门意见"
                      />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ department: '', position: '' })}>
                    添加部门意见
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="proposal" label="拟解决方案" rules={requiredRule('proposal')}>
            <Input.TextArea rows={3} maxLength={4000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="contactName" label="联系人" rules={requiredRule('contact')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="contactPhone"
                label="联系电话"
                rules={[
                  ...requiredRule('contact'),
                  { pattern: /^[0-9+-]{7,20}$/, message: '联系电话应为 7–20 位数字' },
                ]}
              >
                <Input maxLength={20} inputMode="tel" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label={`附件${need('attachments') ? '' : '（选填）'}`}
            required={need('attachments')}
            extra="PDF、OFD、JPEG、PNG 或 Word（docx），每个不超过 10 MB"
          >
            <Upload
              fileList={files}
              onChange={({ fileList }) => setFiles(fileList)}
              customRequest={({ file, onSuccess, onError }) => {
                uploadFile(channel, file as File)
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
          {error && (
            <Alert
              type="error"
              showIcon
              message={error}
              style={{ marginBottom: 16 }}
              data-testid="form-error"
            />
          )}
          <Button type="primary" htmlType="submit" loading={submit.isPending}>
            提交
          </Button>
        </Form>
      </Card>
    </>
  );
}
