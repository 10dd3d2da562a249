import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ATTENDANCE_LABELS, ATTENDANCES, type Attendance } from '../../../../lib/meeting.ts';
import { errorMessage } from '../../api/problem.ts';
import { useUnits } from '../org/api.ts';
import { type Meeting, useMeetingAction } from './api.ts';

interface DecisionValue {
  content: string;
  ownerUnitId: number;
  coOwnerUnitIds?: number[];
  due: 'days' | 'date';
  dueDays?: number;
  dueOn?: Dayjs;
  topicSeq?: number;
}
interface Values {
  attendance: { unitId: number; attendance?: Attendance; attendee?: string; absenceReason?: string }[];
  discussions: { seq: number; discussion: string }[];
  decisions: DecisionValue[];
}

/** 会议记录: attendance, the discussion of each topic and the decisions, each with owner and due date. */
export function RecordForm({ m, etag }: { m: Meeting; etag: string }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const act = useMeetingAction();
  const units = useUnits({ limit: 500 });
  const owners = (units.data?.items ?? [])
    .filter((u) => u.enabled)
    .map((u) => ({ value: u.id, label: u.name }));
  const save = (v: Values) =>
    act.mutate(
      {
        id: m.id,
        etag,
        path: 'record',
        body: {
          // The form holds only the edited fields; units and topics are matched by position.
          attendance: v.attendance
            .map((a, i) => ({ ...a, unitId: m.invitees[i]!.unitId }))
            .filter((a) => a.attendance)
            .map((a) => ({
              unitId: a.unitId,
              attendance: a.attendance!,
              ...(a.attendee ? { attendee: a.attendee } : {}),
              ...(a.absenceReason ? { absenceReason: a.absenceReason } : {}),
            })),
          discussions: v.discussions.map((d, i) => ({
            seq: m.topics[i]!.seq,
            discussion: d.discussion ?? '',
          })),
          decisions: (v.decisions ?? []).map((d) => ({
            content: d.content,
            ownerUnitId: d.ownerUnitId,
            coOwnerUnitIds: (d.coOwnerUnitIds ?? []).filter((u) => u !== d.ownerUnitId),
            ...(d.due === 'date' && d.dueOn
              ? { dueOn: d.dueOn.format('YYYY-MM-DD') }
              : { dueDays: d.dueDays }),
            ...(d.topicSeq ? { topicSeq: d.topicSeq } : {}),
          })),
        },
      },
      {
        onSuccess: () => message.success('会议记录已保存；纪要须由主持人签发'),
        onError: (e) => message.error(errorMessage(e)),
      },
    );
  return (
    <Card size="small" title="会议记录" style={{ marginBottom: 16 }} data-testid="meeting-record">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{
          attendance: m.invitees.map((i) => ({
            unitId: i.unitId,
            attendance:
              i.attendance ?? (i.acknowledgedAt ? (i.substitute ? 'substitute' : 'present') : undefined),
            attendee: i.attendee ?? undefined,
            absenceReason: i.absenceReason ?? undefined,
          })),
          discussions: m.topics.map((t) => ({ seq: t.seq, discussion: t.discussion })),
          decisions: m.decisions.map((d) => ({
            content: d.content,
            ownerUnitId: d.ownerUnitId,
            coOwnerUnitIds: d.coOwnerUnitIds,
            due: d.dueOn ? 'date' : 'days',
            dueDays: d.dueDays ?? undefined,
            dueOn: d.dueOn ? dayjs(d.dueOn) : undefined,
            topicSeq: d.topicSeq ?? undefined,
          })),
        }}
      >
        <Typography.Title level={5}>出席情况</Typography.Title>
        <Form.List name="attendance">
          {(fields) => (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={fields}
              columns={[
                {
                  title: '单位',
                  key: 'unit',
                  width: 220,
                  // Units that never acknowledged the notice are flagged when the meeting starts.
                  render: (_, f) => (
                    <Space size={4} wrap>
                      {m.invitees[f.name]?.unitName}
                      {!m.invitees[f.name]?.acknowledgedAt && <Tag color="warning">未回执</Tag>}
                    </Space>
                  ),
                },
                {
                  title: '出席',
                  key: 'attendance',
                  width: 140,
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'attendance']} noStyle>
                      <Select
                        placeholder="未记录"
                        aria-label={`${m.invitees[f.name]?.unitName}出席情况`}
                        options={ATTENDANCES.map((a) => ({ value: a, label: ATTENDANCE_LABELS[a] }))}
                        style={{ width: 120 }}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: '出席人员 / 缺席原因',
                  key: 'who',
                  render: (_, f) => (
                    <Space>
                      <Form.Item name={[f.name, 'attendee']} noStyle>
                        <Input
                          placeholder="出席人员"
                          maxLength={60}
                          aria-label={`${m.invitees[f.name]?.unitName}出席人员`}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'absenceReason']} noStyle>
                        <Input placeholder="缺席原因" maxLength={200} />
                      </Form.Item>
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          议题讨论情况
        </Typography.Title>
        <Form.List name="discussions">
          {(fields) =>
            fields.map((f) => (
              <Form.Item
                key={f.key}
                name={[f.name, 'discussion']}
                label={`${f.name + 1}. ${m.topics[f.name]?.title ?? ''}`}
              >
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
            ))
          }
        </Form.List>
        <Typography.Title level={5}>议定事项</Typography.Title>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                  <Form.Item
                    name={[f.name, 'content']}
                    label={`议定事项 ${f.name + 1}`}
                    rules={[{ required: true, min: 2, message: '请写明议定事项' }]}
                  >
                    <Input.TextArea rows={2} maxLength={500} />
                  </Form.Item>
                  <Space wrap align="start">
                    <Form.Item
                      name={[f.name, 'ownerUnitId']}
                      label="责任单位"
                      rules={[{ required: true, message: '请选择责任单位' }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={owners}
                        style={{ width: 240 }}
                        aria-label={`议定事项 ${f.name + 1} 责任单位`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'coOwnerUnitIds']} label="配合单位">
                      <Select
                        mode="multiple"
                        allowClear
                        maxCount={10}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={owners}
                        style={{ width: 260 }}
                        aria-label={`议定事项 ${f.name + 1} 配合单位`}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'due']} label="完成时限" initialValue="days">
                      <Select
                        style={{ width: 110 }}
                        options={[
                          { value: 'days', label: '工作日数' },
                          { value: 'date', label: '指定日期' },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['decisions', f.name, 'due']) === 'date' ? (
                          <Form.Item
                            name={[f.name, 'dueOn']}
                            label="完成日期"
                            rules={[{ required: true, message: '请选择完成日期' }]}
                          >
                            <DatePicker />
                          </Form.Item>
                        ) : (
                          <Form.Item
                            name={[f.name, 'dueDays']}
                            label="工作日"
                            rules={[{ required: true, message: '请填写工作日数' }]}
                          >
                            <InputNumber min={1} max={365} aria-label={`议定事项 ${f.name + 1} 工作日`} />
                          </Form.Item>
                        )
                      }
                    </Form.Item>
                    <Form.Item name={[f.name, 'topicSeq']} label="所属议题">
                      <Select
                        allowClear
                        style={{ width: 200 }}
                        options={m.topics.map((t) => ({ value: t.seq, label: `${t.seq}. ${t.title}` }))}
                      />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      onClick={() => remove(f.name)}
                      aria-label={`删除议定事项 ${f.name + 1}`}
                      style={{ marginTop: 30 }}
                    />
                  </Space>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ due: 'days' })}>
                添加议定事项
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={act.isPending}>
            保存会议记录
          </Button>
        </div>
      </Form>
    </Card>
  );
}
