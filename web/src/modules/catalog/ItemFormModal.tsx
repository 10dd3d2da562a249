import { DeleteOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { uploadBytes } from '../../api/client.ts';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { useUnits } from '../org/api.ts';
import { type ChangeRequest, catalogKeys, type ItemVersion, useDraftChange } from './api.ts';
import {
  DEFINITION_FIELDS,
  definitionFromForm,
  definitionOf,
  formValuesOf,
  type ItemFormValues,
  NEW_MATERIAL,
  newItemValues,
  splitFieldErrors,
} from './catalog.ts';
import {
  EXERCISE_LEVEL_LABELS,
  HANDLING_FORM_LABELS,
  ITEM_TYPE_CODES,
  itemTypeLabel,
  KIND_LABELS,
  MEDIUM_LABELS,
  optionsOf,
  SERVICE_OBJECT_LABELS,
  SUBJECT_NATURE_LABELS,
  SUSPENSION_KIND_LABELS,
} from './labels.ts';

export type ItemFormState = { mode: 'add'; region: string } | { mode: 'modify'; base: ItemVersion } | null;

/** Top-level form names a server field error can be shown next to. */
const FORM_FIELDS = new Set<string>([
  ...DEFINITION_FIELDS.map((f) => f.key),
  'materials',
  'reason',
  'departmentId',
]);

const CODE_RULE = { pattern: /^[0-9A-Za-z-]+$/, message: '只能包含字母、数字和连字符' };
const UNIT_OPTIONS = [
  { value: 'working', label: '工作日' },
  { value: 'natural', label: '自然日' },
];

/** Date pickers keep the form value as YYYY-MM-DD. */
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

/** Uploads a blank form (空白表格) and keeps its digest; a link downloads it once published. */
function FormTemplateInput({
  value,
  onChange,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Space>
      <Upload
        showUploadList={false}
        accept=".pdf,.ofd,.docx"
        beforeUpload={(file) => {
          setBusy(true);
          void uploadBytes('/api/catalog/form-templates', file)
            .then((r) => {
              onChange?.(r.hash);
              message.success(`已上传空白表格：${file.name}`);
            })
            .catch((err: unknown) => message.error(errorMessage(err)))
            .finally(() => setBusy(false));
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy}>
          {value ? '更换' : '上传'}
        </Button>
      </Upload>
      {value && (
        <>
          <Tag color="blue">已上传</Tag>
          <Button size="small" type="link" onClick={() => onChange?.(null)}>
            移除
          </Button>
        </>
      )}
    </Space>
  );
}

function Section({ title }: { title: string }) {
  return (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      {title}
    </Divider>
  );
}

function Materials() {
  return (
    <Form.List name="materials">
      {(fields, { add, remove }) => (
        <Space orientation="vertical" style={{ width: '100%' }} data-testid="item-form-materials">
          {fields.length === 0 && <Typography.Text type="secondary">尚未添加材料。</Typography.Text>}
          {fields.map(({ key, name }) => (
            <Card
              key={key}
              size="small"
              title={`材料 ${name + 1}`}
              extra={
                <Button
                  type="text"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  onClick={() => remove(name)}
                  aria-label={`删除材料 ${name + 1}`}
                >
                  删除
                </Button>
              }
            >
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[name, 'name']}
                    label="材料名称"
                    rules={[
                      { required: true, whitespace: true, message: '请填写材料名称' },
                      { min: 2, message: '材料名称至少 2 个字' },
                    ]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[name, 'sharedKey']}
                    label="共享标识"
                    tooltip="跨事项识别同一份材料（一件事据此去重）；不填则按材料名称"
                  >
                    <Input maxLength={200} placeholder="缺省为材料名称" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item
                    name={[name, 'medium']}
                    label="材料形式"
                    rules={[{ required: true, message: '请选择' }]}
                  >
                    <Select options={optionsOf(MEDIUM_LABELS)} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[name, 'licenceType']} label="可替代的电子证照">
                    <Input maxLength={100} placeholder="如：营业执照" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={12}>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'required']} label="必备" valuePropName="checked">
                    <Switch checkedChildren="必备" unCheckedChildren="非必备" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'tolerable']} label="可容缺" valuePropName="checked">
                    <Switch checkedChildren="容缺" unCheckedChildren="否" />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'originals']} label="原件（份）">
                    <InputNumber min={0} max={99} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[name, 'copies']} label="复印件（份）">
                    <InputNumber min={0} max={99} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[name, 'requirement']} label="材料要求">
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={[name, 'formTemplateHash']} label="空白表格 / 示例样表">
                    <FormTemplateInput />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                noStyle
                dependencies={[
                  ['materials', name, 'required'],
                  ['materials', name, 'tolerable'],
                ]}
              >
                {({ getFieldValue }) =>
                  getFieldValue(['materials', name, 'required']) &&
                  getFieldValue(['materials', name, 'tolerable']) ? (
                    <Form.Item
                      name={[name, 'tolerableBasis']}
                      label="容缺依据"
                      extra="必备材料设为可容缺时，须写明容缺的法律或政策依据。"
                      rules={[
                        { required: true, whitespace: true, message: '请填写容缺依据' },
                        { min: 2, message: '容缺依据至少 2 个字' },
                      ]}
                    >
                      <Input.TextArea rows={2} maxLength={500} />
                    </Form.Item>
                  ) : null
                }
              </Form.Item>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ ...NEW_MATERIAL })}
            data-testid="item-form-add-material"
          >
            添加材料
          </Button>
        </Space>
      )}
    </Form.List>
  );
}

/**
 * Drafts a change request: a new item (kind add) or a change of the current version (kind modify,
 * prefilled from it). Server field errors (`body.definition.x`) are shown next to field x.
 */
export function ItemFormModal({ state, onClose }: { state: ItemFormState; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ItemFormValues>();
  const qc = useQueryClient();
  const draft = useDraftChange();
  const [error, setError] = useState<string[]>([]);
  const region = state?.mode === 'add' ? state.region : state?.base.regionCode;
  const departments = useUnits(
    { kind: 'department', regionCode: region ?? '', limit: 500 },
    state !== null && Boolean(region),
  );
  const charged = Form.useWatch('charged', form);
  const online = Form.useWatch('online', form);

  const initialValues: ItemFormValues | undefined =
    state === null
      ? undefined
      : state.mode === 'add'
        ? newItemValues()
        : formValuesOf(definitionOf(state.base));

  const onProblem = (err: unknown) => {
    if (err instanceof ApiProblem && err.errors.length > 0) {
      const { fields, rest } = splitFieldErrors(err.errors, FORM_FIELDS);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as never, errors: f.errors })));
      setError(rest.length ? rest : ['请按字段旁的提示修改后重新提交。']);
      return;
    }
    if (err instanceof ApiProblem && err.status === 409) {
      // E.g. the item got a new version since this form was opened: the draft must start again.
      if (state?.mode === 'modify')
        void qc.invalidateQueries({ queryKey: catalogKeys.item(state.base.itemId) });
      setError([errorMessage(err), '请关闭本窗口，重新打开事项后基于当前版本起草。']);
      return;
    }
    setError([errorMessage(err)]);
  };

  const submit = (v: ItemFormValues) => {
    if (!state) return;
    setError([]);
    const definition = definitionFromForm(v);
    const reason = (v.reason ?? '').trim();
    const input =
      state.mode === 'add'
        ? { kind: 'add' as const, departmentId: v.departmentId ?? 0, reason, definition }
        : {
            kind: 'modify' as const,
            itemId: state.base.itemId,
            baseVersionId: state.base.id,
            reason,
            definition,
          };
    draft.mutate(input, {
      onSuccess: (cr: ChangeRequest) => {
        message.success(`已提交变更申请（编号 ${cr.id}），待中心审核后发布`);
        onClose();
      },
      onError: onProblem,
    });
  };

  const deptOptions = (departments.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Modal
      open={state !== null}
      title={
        state?.mode === 'modify'
          ? `起草变更：${state.base.name}（依据 V${state.base.versionNo}）`
          : '新增事项'
      }
      width={900}
      okText="提交审核"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={draft.isPending}
      destroyOnHidden
      okButtonProps={{ htmlType: 'submit', ...{ 'data-testid': 'item-form-submit' } }}
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingRight: 8 } }}
      modalRender={(dom) => (
        <Form<ItemFormValues>
          form={form}
          layout="vertical"
          clearOnDestroy
          scrollToFirstError
          onFinish={submit}
          initialValues={initialValues}
          aria-label="事项变更"
          data-testid="item-form"
        >
          {dom}
        </Form>
      )}
    >
      {error.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title="提交未成功"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {error.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}

      <Section title="基本信息" />
      <Row gutter={12}>
        <Col xs={24} md={16}>
          <Form.Item
            name="name"
            label="事项名称"
            rules={[
              { required: true, whitespace: true, message: '请填写事项名称' },
              { min: 2, message: '事项名称至少 2 个字' },
            ]}
          >
            <Input maxLength={200} autoFocus />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="itemType"
            label="事项类型（附录 A.1）"
            rules={[{ required: true, message: '请选择事项类型' }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={ITEM_TYPE_CODES.map((c) => ({ value: c, label: `${c} ${itemTypeLabel(c)}` }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={6}>
          <Form.Item
            name="basicCode"
            label="基本编码"
            rules={[{ required: true, whitespace: true, message: '请填写基本编码' }, CODE_RULE]}
          >
            <Input maxLength={12} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="implementationCode"
            label="实施编码"
            rules={[{ required: true, whitespace: true, message: '请填写实施编码' }, CODE_RULE]}
          >
            <Input maxLength={36} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="handleItemCode" label="业务办理项编码" rules={[CODE_RULE]}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="localCode" label="地方编码">
            <Input maxLength={50} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={12} md={8}>
          <Form.Item
            name="exerciseLevel"
            label="行使层级（附录 A.2）"
            rules={[{ required: true, message: '请选择' }]}
          >
            <Select options={optionsOf(EXERCISE_LEVEL_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            name="subjectNature"
            label="实施主体性质（附录 A.3）"
            rules={[{ required: true, message: '请选择' }]}
          >
            <Select options={optionsOf(SUBJECT_NATURE_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="resultName" label="审批结果名称">
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="serviceObjects"
            label="服务对象（附录 A.4）"
            rules={[{ required: true, type: 'array', min: 1, message: '至少选择一类服务对象' }]}
          >
            <Select mode="multiple" options={optionsOf(SERVICE_OBJECT_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="handlingForms"
            label="办理形式（附录 A.5）"
            rules={[{ required: true, type: 'array', min: 1, message: '至少选择一种办理形式' }]}
          >
            <Select mode="multiple" options={optionsOf(HANDLING_FORM_LABELS)} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        {state?.mode === 'add' && (
          <Col xs={24} md={8}>
            <Form.Item
              name="departmentId"
              label="实施部门"
              rules={[{ required: true, message: '请选择实施部门' }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                loading={departments.isPending}
                options={deptOptions}
                placeholder="本区划的审批部门"
                data-testid="item-form-department"
              />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={8}>
          <Form.Item name="supervisingDepartmentId" label="监管部门">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={departments.isPending}
              options={deptOptions}
              placeholder="无"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="effectiveFrom" label="生效日期" extra="不填则审核通过当日生效" {...dateProps}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>

      <Section title="时限" />
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="kind" label="办件类型" rules={[{ required: true, message: '请选择' }]}>
            <Radio.Group optionType="button" options={optionsOf(KIND_LABELS)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="approvalLevels"
            label="审批层级"
            rules={[{ required: true, message: '请选择审批层级' }]}
            tooltip="部门内部审批的层级数，最多 3 级"
          >
            <Radio.Group
              optionType="button"
              options={[
                { value: 1, label: '1 级' },
                { value: 2, label: '2 级' },
                { value: 3, label: '3 级' },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="yellowOverride" label="黄灯预警（剩余工作日）" tooltip="不填则按系统默认规则预警">
            <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} placeholder="默认" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label="法定办结时限" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="legalDays" noStyle rules={[{ required: true, message: '请填写法定办结时限' }]}>
                <InputNumber
                  min={0}
                  max={1000}
                  precision={0}
                  style={{ width: '55%' }}
                  aria-label="法定办结时限"
                />
              </Form.Item>
              <Form.Item name="legalUnit" noStyle>
                <Select options={UNIT_OPTIONS} style={{ width: '45%' }} aria-label="法定时限单位" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="legalExplain" label="法定时限说明">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label="承诺办结时限" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item
                name="promisedDays"
                noStyle
                dependencies={['legalDays', 'legalUnit', 'promisedUnit', 'kind']}
                rules={[
                  { required: true, message: '请填写承诺办结时限' },
                  ({ getFieldValue }) => ({
                    validator: (_r, value: number | null) => {
                      if (value === null || value === undefined) return Promise.resolve();
                      const legal = getFieldValue('legalDays') as number | null;
                      if (
                        getFieldValue('legalUnit') === getFieldValue('promisedUnit') &&
                        legal !== null &&
                        value > legal
                      )
                        return Promise.reject(new Error(`承诺时限（${value}）不能超过法定时限（${legal}）`));
                      if (getFieldValue('kind') === 'promised' && value < 1)
                        return Promise.reject(new Error('承诺件的承诺时限至少 1 个工作日'));
                      return Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber
                  min={0}
                  max={1000}
                  precision={0}
                  style={{ width: '55%' }}
                  aria-label="承诺办结时限"
                />
              </Form.Item>
              <Form.Item name="promisedUnit" noStyle>
                <Select options={UNIT_OPTIONS} style={{ width: '45%' }} aria-label="承诺时限单位" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name="promisedExplain" label="承诺时限说明">
            <Input maxLength={500} />
          </Form.Item>
        </Col>
      </Row>

      <Section title="依据与程序" />
      <Form.Item
        name="legalBasis"
        label="设定依据"
        rules={[
          { required: true, whitespace: true, message: '请填写设定依据' },
          { min: 2, message: '设定依据至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={2} maxLength={4000} />
      </Form.Item>
      <Form.Item name="acceptanceConditions" label="受理条件">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item
            name="specialProcedure"
            label="特别程序"
            extra="如“现场勘验 2个工作日、专家论证 3个工作日”；无则填“无”"
            rules={[{ required: true, whitespace: true, message: '请填写特别程序（无则填“无”）' }]}
          >
            <Input maxLength={2000} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="suspensionKinds" label="可中止计时的程序">
            <Select mode="multiple" allowClear options={optionsOf(SUSPENSION_KIND_LABELS)} placeholder="无" />
          </Form.Item>
        </Col>
      </Row>

      <Section title="收费与网办" />
      <Row gutter={12}>
        <Col xs={8} md={4}>
          <Form.Item name="charged" label="是否收费" valuePropName="checked">
            <Switch checkedChildren="收费" unCheckedChildren="不收费" />
          </Form.Item>
        </Col>
        <Col xs={16} md={20}>
          {charged && (
            <Form.Item
              name="feeBasis"
              label="收费依据"
              rules={[{ required: true, whitespace: true, message: '收费事项须写明收费依据' }]}
            >
              <Input maxLength={1000} />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={8} md={4}>
          <Form.Item name="online" label="网上办理" valuePropName="checked">
            <Switch checkedChildren="支持" unCheckedChildren="不支持" />
          </Form.Item>
        </Col>
        <Col xs={16} md={14}>
          {online && (
            <Form.Item
              name="onlineUrl"
              label="网办地址"
              rules={[
                { required: true, whitespace: true, message: '支持网办的事项须填写网办地址' },
                { type: 'url', message: '网办地址应为网址' },
              ]}
            >
              <Input maxLength={500} placeholder="https://" />
            </Form.Item>
          )}
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="requiresProjectCode" label="须项目代码" valuePropName="checked">
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
        </Col>
      </Row>

      <Section title="材料" />
      <Materials />

      <Section title="变更理由" />
      <Form.Item
        name="reason"
        label="变更理由"
        rules={[{ required: true, whitespace: true, message: '请填写变更理由' }]}
        extra="审核人据此判断变更是否必要；请写明依据的文件或情况。"
      >
        <Input.TextArea rows={3} maxLength={1000} showCount />
      </Form.Item>
    </Modal>
  );
}
