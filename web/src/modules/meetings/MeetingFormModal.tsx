import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { MEETING_KIND_LABELS, MEETING_KINDS, type MeetingKind } from '../../../../lib/meeting.ts';
import { errorMessage } from '../../api/problem.ts';
import { useUnits } from '../org/api.ts';
import { useCreateMeeting } from './api.ts';

interface Values {
  kind: MeetingKind;
  title: string;
  startsAt: Dayjs;
  place: string;
  chair: string;
  urgent: boolean;
  noticeDays: number;
  topics?: string;
  inviteeUnitIds?: number[];
}

/**
 * 筹备会议. Convened on a request (`request`), the topics and invited units come from the request
 * and are edited on the meeting page afterwards; otherwise they are entered here.
 */
export function MeetingFormModal({
  open,
  onClose,
  request,
}: {
  open: boolean;
  onClose: () => void;
  request?: { id: number; projectName: string };
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateMeeting();
  const units = useUnits({ limit: 500 }, open && !request);
  const submit = (v: Values) =>
    create.mutate(
      {
        kind: request ? 'special' : v.kind,
        title: v.title,
        startsAt: v.startsAt.second(0).millisecond(0).format('YYYY-MM-DDTHH:mm:ssZ'),
        place: v.place,
        // A joint meeting's chair is named by its convener when the agenda is approved.
        ...(v.kind === 'joint' && !request ? {} : { chair: v.chair }),
        urgent: v.urgent,
        noticeDays: v.noticeDays,
        ...(request
          ? { requestId: request.id }
          : {
              topics: (v.topics ?? '')
                .split('\n')
                .map((t) => t.trim())
                .filter(Boolean)
                .map((title) => ({ title, requestId: null })),
              // A joint meeting without a list invites the system's member units.
              ...(v.kind === 'joint' && !v.inviteeUnitIds?.length
                ? {}
                : { inviteeUnitIds: v.inviteeUnitIds ?? [] }),
            }),
      },
      {
        onSuccess: (m) => {
          message.success('会议已创建，请核对议题和参会单位后印发通知');
          onClose();
          navigate(`/meetings/${m.id}`);
        },
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Modal
      open={open}
      title={request ? '召开专题协调会' : '筹备会议'}
      okText="创建会议"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          kind: 'special',
          title: request ? `${request.projectName}专题协调会` : '',
          startsAt: dayjs().add(7, 'day').hour(14).minute(30),
          urgent: false,
          noticeDays: 2,
        }}
        aria-label="会议安排"
      >
        {!request && (
          <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
            <Select options={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label="会议名称"
          rules={[{ required: true, min: 4, max: 100, message: '会议名称 4–100 个字' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="startsAt"
          label="会议时间"
          rules={[
            { required: true, message: '请选择会议时间' },
            {
              validator: (_, v: Dayjs) =>
                v?.isAfter(dayjs()) ? Promise.resolve() : Promise.reject(new Error('会议时间不能早于现在')),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          name="place"
          label="会议地点"
          rules={[{ required: true, min: 2, message: '请填写会议地点' }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) =>
            getFieldValue('kind') === 'joint' && !request ? (
              <Typography.Paragraph type="secondary">
                联席会议的主持人由召集人审定议题时指定（召集人或副召集人）；不选参会单位时邀请全部成员单位。
              </Typography.Paragraph>
            ) : (
              <Form.Item
                name="chair"
                label="主持人"
                rules={[{ required: true, min: 2, message: '请填写主持人' }]}
                extra="单位、职务和姓名，写入会议纪要"
              >
                <Input maxLength={60} placeholder="如：区政府分管副区长 周强" />
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item
          name="noticeDays"
          label="会前印发通知（工作日）"
          extra="非紧急会议须在会前这些工作日内印发通知"
        >
          <InputNumber min={0} max={10} />
        </Form.Item>
        <Form.Item name="urgent" valuePropName="checked">
          <Checkbox>紧急会议（不受通知提前期限制）</Checkbox>
        </Form.Item>
        {!request && (
          <>
            <Form.Item
              name="topics"
              label="议题（每行一个）"
              rules={[{ required: true, message: '请至少列出一个议题' }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item
              name="inviteeUnitIds"
              label="参会单位"
              dependencies={['kind']}
              rules={[
                ({ getFieldValue }) => ({
                  required: getFieldValue('kind') !== 'joint',
                  message: '请至少邀请一个参会单位',
                }),
              ]}
            >
              <Select
                mode="multiple"
                showSearch={{ optionFilterProp: 'label' }}
                options={(units.data?.items ?? [])
                  .filter((u) => u.enabled)
                  .map((u) => ({ value: u.id, label: u.name }))}
                loading={units.isPending}
                aria-label="参会单位"
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
