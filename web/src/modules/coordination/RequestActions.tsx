import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  COMPLEXITY_LABELS,
  CONTENT_KEYS,
  CONTENT_LABELS,
  type Complexity,
} from '../../../../lib/coordination.ts';
import { errorMessage } from '../../api/problem.ts';
import { beijingToday } from '../../ui/format.ts';
import { useUnits } from '../org/api.ts';
import { type RequestDetail, uploadFile, useRequestAction, useSuggestions } from './api.ts';

type Kind = 'consult' | 'return' | 'escalate' | 'close' | 'instruct' | 'resubmit';
const TITLES: Record<Kind, string> = {
  consult: '分办并书面征询',
  return: '退回补充',
  escalate: '逐级上报',
  close: '办结',
  instruct: '领导批示',
  resubmit: '补充后重新提交',
};

/** The buttons of a request and the dialog each opens; the server re-checks every rule. */
export function RequestActions({ r, etag }: { r: RequestDetail; etag: string }) {
  const [open, setOpen] = useState<Kind | null>(null);
  const has = (a: string) => r.actions.includes(a);
  return (
    <Space wrap>
      {has('consult') && (
        <Button type="primary" onClick={() => setOpen('consult')}>
          分办并书面征询
        </Button>
      )}
      {has('escalate') && r.nextLevel && (
        <Button onClick={() => setOpen('escalate')}>上报{r.nextLevel.label}</Button>
      )}
      {has('instruct') && (
        <Button type="primary" onClick={() => setOpen('instruct')}>
          批示
        </Button>
      )}
      {has('return') && <Button onClick={() => setOpen('return')}>退回补充</Button>}
      {has('close') && <Button onClick={() => setOpen('close')}>办结</Button>}
      {has('resubmit') && (
        <Button type="primary" onClick={() => setOpen('resubmit')}>
          补充后重新提交
        </Button>
      )}
      {has('withdraw') && <WithdrawButton r={r} etag={etag} />}
      {open && <ActionModal kind={open} r={r} etag={etag} onClose={() => setOpen(null)} />}
    </Space>
  );
}

interface Matter {
  title: string;
  complexity: Complexity;
  departmentIds: number[];
}

function ActionModal({
  kind,
  r,
  etag,
  onClose,
}: {
  kind: Kind;
  r: RequestDetail;
  etag: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const action = useRequestAction();
  const [error, setError] = useState<string | null>(null);
  const needsUnits = kind === 'consult' || kind === 'escalate' || kind === 'instruct';
  const units = useUnits({ regionCode: r.regionCode, kind: 'department', limit: 200 }, needsUnits);
  const suggestions = useSuggestions(r.id, kind === 'consult');
  const departmentOptions = (units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const [fileId, setFileId] = useState<number | null>(null);

  const submit = async () => {
    setError(null);
    const v = await form.validateFields();
    const body = (() => {
      switch (kind) {
        case 'consult':
          return {
            matters: v.matters as Matter[],
            ...(v.urgent && v.replyBy ? { replyBy: (v.replyBy as Dayjs).format('YYYY-MM-DD') } : {}),
            ...(v.note ? { note: v.note } : {}),
          };
        case 'escalate':
          return {
            reason: v.reason,
            ...(v.stageLeadUnitId ? { stageLeadUnitId: v.stageLeadUnitId } : {}),
            supplement: {
              ...(v.proposal ? { proposal: v.proposal } : {}),
              ...(v.department && v.position
                ? { positions: [{ department: v.department, position: v.position }] }
                : {}),
              ...(fileId ? { fileIds: [fileId] } : {}),
            },
          };
        case 'resubmit':
          return { ...v, positions: r.positions, fileIds: fileId ? [fileId] : [] };
        default:
          return v;
      }
    })();
    try {
      await action.mutateAsync({ id: r.id, etag, path: kind, body });
      message.success(`${TITLES[kind]}：已完成`);
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const addSuggested = (id: number) => {
    const matters = (form.getFieldValue('matters') as Matter[]) ?? [];
    const first = matters[0] ?? { title: '', complexity: 'simple', departmentIds: [] };
    if (!first.departmentIds.includes(id)) first.departmentIds = [...first.departmentIds, id];
    form.setFieldValue('matters', [first, ...matters.slice(1)]);
  };

  return (
    <Modal
      open
      title={TITLES[kind]}
      width={kind === 'consult' ? 860 : 560}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定"
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          matters: [{ title: '', complexity: r.urgent ? 'major' : 'simple', departmentIds: [] }],
          dueDays: 5,
          missing: [],
          overview: r.overview,
          problem: r.problem,
          proposal: r.proposal,
          contactName: r.contactName,
          contactPhone: r.contactPhone,
        }}
      >
        {kind === 'consult' && (
          <>
            {suggestions.data && (
              <div data-testid="suggestions" style={{ marginBottom: 12 }}>
                <Typography.Text strong>建议征询的部门（点击加入第一个事项）：</Typography.Text>
                <div style={{ margin: '6px 0' }}>
                  {suggestions.data.departments.length === 0 && (
                    <Typography.Text type="secondary">无</Typography.Text>
                  )}
                  {suggestions.data.departments
                    .filter((d) => departmentOptions.some((o) => o.value === d.id))
                    .map((d) => (
                      <Tag.CheckableTag key={d.id} checked={false} onChange={() => addSuggested(d.id)}>
                        <PlusOutlined /> {d.name}（{d.reasons[0]}）
                      </Tag.CheckableTag>
                    ))}
                </div>
                {suggestions.data.minutes.length > 0 && (
                  <List
                    size="small"
                    data-testid="minutes-precedents"
                    header={<Typography.Text strong>类似问题的会议纪要（可参照）</Typography.Text>}
                    dataSource={suggestions.data.minutes}
                    renderItem={(m) => (
                      <List.Item>
                        <Space direction="vertical" size={0}>
                          <Link to={`/meetings/${m.meetingId}`} target="_blank">
                            {m.minutesNumber} {m.title}
                          </Link>
                          <Typography.Text type="secondary">
                            {m.date} 议定：{m.decisions.join('；')}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
                {suggestions.data.precedents.length > 0 && (
                  <List
                    size="small"
                    header={<Typography.Text strong>类似的已解决事项（可参照）</Typography.Text>}
                    dataSource={suggestions.data.precedents}
                    renderItem={(p) => (
                      <List.Item>
                        <Space direction="vertical" size={0}>
                          <Link to={`/coordination/${p.id}`} target="_blank">
                            {p.number} {p.projectName}
                          </Link>
                          <Typography.Text type="secondary">
                            {p.outcome === 'letter' ? `告知函 ${p.letterNumber ?? ''}` : '专题协调会'}；征询：
                            {p.departments.join('、')}
                            {p.resolution ? `；结果：${p.resolution}` : ''}
                          </Typography.Text>
                        </Space>
                      </List.Item>
                    )}
                  />
                )}
              </div>
            )}
            <Form.List name="matters">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f, i) => (
                    <Space key={f.key} align="start" style={{ display: 'flex' }} wrap>
                      <Form.Item
                        name={[f.name, 'title']}
                        label={i === 0 ? '协调事项' : undefined}
                        rules={[{ required: true, min: 2, message: '请写明协调事项' }]}
                        style={{ width: 300 }}
                      >
                        <Input
                          placeholder="如 规划许可与施工图审查的办理时序"
                          aria-label={`协调事项${i + 1}`}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'complexity']}
                        label={i === 0 ? '程度' : undefined}
                        style={{ width: 100 }}
                      >
                        <Select
                          options={(Object.keys(COMPLEXITY_LABELS) as Complexity[]).map((c) => ({
                            value: c,
                            label: COMPLEXITY_LABELS[c],
                          }))}
                        />
                      </Form.Item>
                      <Form.Item
                        name={[f.name, 'departmentIds']}
                        label={i === 0 ? '涉及部门' : undefined}
                        rules={[{ required: true, type: 'array', min: 1, message: '请选择部门' }]}
                        style={{ width: 330 }}
                      >
                        <Select
                          mode="multiple"
                          options={departmentOptions}
                          optionFilterProp="label"
                          aria-label={`涉及部门${i + 1}`}
                        />
                      </Form.Item>
                      {fields.length > 1 && (
                        <Button onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 30 : 0 }}>
                          删除
                        </Button>
                      )}
                    </Space>
                  ))}
                  <Button
                    icon={<PlusOutlined />}
                    onClick={() => add({ title: '', complexity: 'simple', departmentIds: [] })}
                  >
                    添加协调事项
                  </Button>
                </>
              )}
            </Form.List>
            <Space style={{ marginTop: 12 }} align="start">
              <Form.Item name="urgent" valuePropName="checked">
                <Checkbox>急件（提前答复期限）</Checkbox>
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() =>
                  form.getFieldValue('urgent') && (
                    <Form.Item name="replyBy" rules={[{ required: true, message: '请选择答复期限' }]}>
                      <DatePicker
                        placeholder="答复期限"
                        disabledDate={(d) => d.format('YYYY-MM-DD') <= beijingToday()}
                      />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </Space>
            <Form.Item name="note" label="补充说明（写入每份征询函）">
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              每个部门生成一份编号、盖章的书面征询意见函，默认 5
              个工作日内答复；逾期未答复记为逾期，不视为同意。
            </Typography.Paragraph>
          </>
        )}
        {kind === 'return' && (
          <>
            <Form.Item name="missing" label="须补充的内容">
              <Checkbox.Group
                options={CONTENT_KEYS.filter((k) => k !== 'consultations').map((k) => ({
                  value: k,
                  label: CONTENT_LABELS[k],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="note"
              label="退回说明"
              rules={[{ required: true, min: 4, message: '请写明退回说明（至少 4 个字）' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {kind === 'escalate' && r.nextLevel && (
          <>
            <Alert
              type={r.nextLevel.missing.length ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 12 }}
              message={`上报至${r.nextLevel.label}，${r.nextLevel.limitDays} 个工作日内办理`}
              description={
                r.nextLevel.missing.length
                  ? `上一级还要求：${r.nextLevel.missing.join('、')}，请在下面补充。`
                  : '所需内容已齐备。'
              }
            />
            {r.nextLevel.level === 'stage_lead' && (
              <Form.Item
                name="stageLeadUnitId"
                label="阶段牵头部门"
                rules={[{ required: true, message: '请选择阶段牵头部门' }]}
              >
                <Select options={departmentOptions} showSearch optionFilterProp="label" />
              </Form.Item>
            )}
            {r.nextLevel.missing.includes(CONTENT_LABELS.positions) && (
              <Space align="start">
                <Form.Item name="department" label="部门" rules={[{ required: true, message: '请填写部门' }]}>
                  <Input />
                </Form.Item>
                <Form.Item
                  name="position"
                  label="该部门意见"
                  rules={[{ required: true, message: '请填写意见' }]}
                  style={{ width: 300 }}
                >
                  <Input />
                </Form.Item>
              </Space>
            )}
            {r.nextLevel.missing.includes(CONTENT_LABELS.proposal) && (
              <Form.Item
                name="proposal"
                label="拟解决方案"
                rules={[{ required: true, message: '请填写拟解决方案' }]}
              >
                <Input.TextArea rows={2} />
              </Form.Item>
            )}
            {r.nextLevel.missing.includes(CONTENT_LABELS.attachments) && (
              <Form.Item label="附件" required>
                <input
                  type="file"
                  aria-label="上报附件"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f)
                      uploadFile('staff', f).then(
                        (x) => setFileId(x.id),
                        (err: unknown) => setError(errorMessage(err)),
                      );
                  }}
                />
              </Form.Item>
            )}
            <Form.Item
              name="reason"
              label="上报理由"
              rules={[{ required: true, min: 4, message: '请写明上报理由（至少 4 个字）' }]}
            >
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          </>
        )}
        {kind === 'resubmit' && (
          <>
            {r.returnNote && (
              <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={r.returnNote} />
            )}
            <Form.Item name="overview" label="项目概况">
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Form.Item name="problem" label="存在问题">
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
            <Form.Item name="proposal" label="拟解决方案">
              <Input.TextArea rows={2} maxLength={4000} />
            </Form.Item>
            <Space>
              <Form.Item name="contactName" label="联系人">
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="contactPhone" label="联系电话">
                <Input maxLength={20} />
              </Form.Item>
            </Space>
            <Form.Item label="补充附件">
              <input
                type="file"
                aria-label="补充附件"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f)
                    uploadFile('staff', f).then(
                      (x) => setFileId(x.id),
                      (err: unknown) => setError(errorMessage(err)),
                    );
                }}
              />
            </Form.Item>
          </>
        )}
        {kind === 'close' && (
          <Form.Item
            name="resolution"
            label="办结说明"
            rules={[{ required: true, min: 4, message: '请写明办结说明（至少 4 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        )}
        {kind === 'instruct' && (
          <>
            <Form.Item
              name="instruction"
              label="批示内容"
              rules={[{ required: true, min: 4, message: '请填写批示内容' }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Space>
              <Form.Item name="ownerUnitId" label="落实单位（默认中心）">
                <Select
                  options={departmentOptions}
                  allowClear
                  showSearch
                  optionFilterProp="label"
                  style={{ width: 260 }}
                />
              </Form.Item>
              <Form.Item name="dueDays" label="落实时限（工作日）">
                <InputNumber min={1} max={60} />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="action-error" />}
    </Modal>
  );
}

function WithdrawButton({ r, etag }: { r: RequestDetail; etag: string }) {
  const { message, modal } = App.useApp();
  const action = useRequestAction();
  return (
    <Button
      danger
      onClick={() =>
        modal.confirm({
          title: '撤回协调事项',
          content: `撤回 ${r.number} 后不再办理，确定撤回？`,
          okText: '撤回',
          onOk: () =>
            action.mutateAsync({ id: r.id, etag, path: 'withdraw' }).then(
              () => message.success('已撤回'),
              (err: unknown) => message.error(errorMessage(err)),
            ),
        })
      }
    >
      撤回
    </Button>
  );
}
