import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { uploadBytes } from '../../api/client.ts';
import { errorMessage } from '../../api/problem.ts';
import type { Seal, SealCreateBody } from '../../api/types.ts';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useUnits } from '../org/api.ts';
import { useCreateSeal, useRotateSeal, useSeals, useSetSealInUse } from './api.ts';

export const SEAL_KINDS: { value: SealCreateBody['kind']; label: string }[] = [
  { value: 'official', label: '法定名称章' },
  { value: 'internal', label: '内设机构章' },
  { value: 'business', label: '业务专用章' },
  { value: 'personal', label: '个人名章' },
];

const STATUS: Record<string, { label: string; color: string }> = {
  active: { label: '启用', color: 'success' },
  suspended: { label: '停用', color: 'warning' },
  revoked: { label: '已注销', color: 'default' },
};

const PROVIDERS: Record<string, string> = { builtin: '平台校验签名（非法定电子印章）' };

interface Values {
  unitId: number;
  kind: SealCreateBody['kind'];
  name: string;
  valid: [Dayjs, Dayjs];
}

function CreateSealModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const units = useUnits({ limit: 500 }, open);
  const create = useCreateSeal();
  const [error, setError] = useState<string | null>(null);

  const submit = (v: Values) => {
    setError(null);
    create.mutate(
      {
        unitId: v.unitId,
        kind: v.kind,
        name: v.name.trim(),
        validFrom: v.valid[0].format('YYYY-MM-DD'),
        validTo: v.valid[1].format('YYYY-MM-DD'),
      },
      {
        onSuccess: () => {
          message.success(`已制作印章“${v.name.trim()}”`);
          form.resetFields();
          onClose();
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };

  return (
    <Modal
      title="制作印章"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="制作"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="平台印章用于证明文书出自本平台且未被篡改，不是《电子签名法》意义上的法定电子印章。"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} aria-label="制作印章">
        <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={units.isPending}
            placeholder="选择单位"
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={SEAL_KINDS} placeholder="选择印章类型" />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, message: '请填写印章名称' }]}
        >
          <Input maxLength={50} placeholder="如：协调专用章" />
        </Form.Item>
        <Form.Item name="valid" label="有效期" rules={[{ required: true, message: '请选择有效期起止' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['起始日期', '截止日期']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function SealsTab() {
  const { message } = App.useApp();
  const seals = useSeals();
  const rotate = useRotateSeal();
  const setInUse = useSetSealInUse();
  const [creating, setCreating] = useState(false);

  // An uploaded PNG replaces the generated round seal in documents sealed from now on.
  const upload = (s: Seal, file: File) => {
    uploadBytes('/api/seals/{id}/image', file, {
      path: { id: s.id },
      method: 'PUT',
      contentType: 'image/png',
    })
      .then(() => message.success(`已为“${s.name}”上传印模，此后用印将使用该图片`))
      .catch((err: unknown) => message.error(errorMessage(err)));
    return false; // sent here, not by antd's uploader
  };

  const doRotate = (s: Seal) =>
    rotate.mutate(s.id, {
      onSuccess: () => message.success(`已为“${s.name}”更换密钥，旧印章已注销`),
      onError: (err) => message.error(errorMessage(err)),
    });

  const toggle = (s: Seal) =>
    setInUse.mutate(
      { id: s.id, inUse: s.status !== 'active' },
      {
        onSuccess: () =>
          message.success(
            s.status === 'active' ? `已停用“${s.name}”，停用期间不能用印` : `已启用“${s.name}”`,
          ),
        onError: (err) => message.error(errorMessage(err)),
      },
    );

  if (seals.isError)
    return <LoadError error={seals.error} what="印章" onRetry={() => void seals.refetch()} />;

  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="平台印章是完整性证明，不是法定电子印章"
        description="平台以 SM2 签名证明文书出自本平台、内容未被篡改，任何人可在“公文核验”中查验；它不替代公安机关备案的法定电子印章。更换密钥后旧印章注销，但其签过的文书仍可核验。"
      />
      <div style={{ marginBottom: 12, textAlign: 'right' }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          制作印章
        </Button>
      </div>
      <Table<Seal>
        size="small"
        rowKey="id"
        dataSource={seals.data ?? []}
        loading={seals.isPending}
        pagination={false}
        data-testid="seals-table"
        locale={{ emptyText: '管理范围内还没有印章' }}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '类型', dataIndex: 'kindLabel', width: 120 },
          { title: '名称', dataIndex: 'name' },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (st: string) => (
              <Tag color={STATUS[st]?.color ?? 'default'}>{STATUS[st]?.label ?? st}</Tag>
            ),
          },
          {
            title: '有效期',
            key: 'valid',
            width: 210,
            render: (_: unknown, s) => `${s.validFrom} 至 ${s.validTo}`,
          },
          {
            title: '提供方',
            dataIndex: 'provider',
            render: (p: string) => PROVIDERS[p] ?? p,
          },
          {
            title: '操作',
            key: 'actions',
            width: 250,
            render: (_: unknown, s) =>
              s.status === 'revoked' ? null : (
                <>
                  <Upload accept="image/png" showUploadList={false} beforeUpload={(file) => upload(s, file)}>
                    <Button type="link" size="small" aria-label={`上传印模 ${s.unitName} ${s.name}`}>
                      上传印模
                    </Button>
                  </Upload>
                  <Popconfirm
                    title={`为“${s.unitName} ${s.name}”更换密钥？`}
                    description="将生成新密钥的新印章，旧印章随即注销；旧印章签过的文书仍可核验。"
                    okText="更换"
                    cancelText="取消"
                    onConfirm={() => doRotate(s)}
                  >
                    <Button type="link" size="small" aria-label={`更换密钥 ${s.unitName} ${s.name}`}>
                      更换密钥
                    </Button>
                  </Popconfirm>
                  <Popconfirm
                    title={
                      s.status === 'active'
                        ? `停用“${s.unitName} ${s.name}”？`
                        : `启用“${s.unitName} ${s.name}”？`
                    }
                    description={
                      s.status === 'active' ? '停用期间不能用印，已用印的文书仍可核验。' : '启用后恢复用印。'
                    }
                    okText={s.status === 'active' ? '停用' : '启用'}
                    cancelText="取消"
                    onConfirm={() => toggle(s)}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger={s.status === 'active'}
                      aria-label={`${s.status === 'active' ? '停用' : '启用'} ${s.unitName} ${s.name}`}
                    >
                      {s.status === 'active' ? '停用' : '启用'}
                    </Button>
                  </Popconfirm>
                </>
              ),
          },
        ]}
      />
      <CreateSealModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
