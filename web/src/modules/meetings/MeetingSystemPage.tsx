import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Skeleton,
  Space,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import { useUnits } from '../org/api.ts';
import {
  type JointSystem,
  type Schedule,
  type SystemCandidate,
  useJointSystem,
  usePlanNextMeeting,
  useSaveJointSystem,
  useSaveSchedule,
  useSchedules,
  useSystemCandidates,
} from './system-api.ts';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
type Cadence = Schedule['cadence'];
type Option = { value: number; label: string; disabled?: boolean };

/** 每周一 09:00 / 每月 15 日 09:00. */
function cadenceText(s: Pick<Schedule, 'cadence' | 'day' | 'startTime'>): string {
  return s.cadence === 'weekly'
    ? `每周${WEEKDAYS[s.day - 1] ?? s.day} ${s.startTime}`
    : `每月 ${s.day} 日 ${s.startTime}`;
}

/** 2026-05-11（周一）. */
const dateWithWeekday = (iso: string) => `${iso}（周${WEEKDAYS[(dayjs(iso).day() + 6) % 7]}）`;

/** The region's units as choices (stopped ones stay visible where already chosen) and their names. */
function useUnitChoices() {
  const units = useUnits({ limit: 500 });
  return useMemo(() => {
    const items = units.data?.items ?? [];
    const options: Option[] = items.map((u) => ({
      value: u.id,
      label: u.enabled ? u.name : `${u.name}（已停用）`,
      disabled: !u.enabled,
    }));
    const names = new Map(items.map((u) => [u.id, u.name]));
    return {
      options,
      loading: units.isPending,
      nameOf: (id: number) => names.get(id) ?? `单位 ${id}`,
    };
  }, [units.data, units.isPending]);
}
type UnitChoices = ReturnType<typeof useUnitChoices>;

/** 会议制度: the standing schedules of regular meetings and the joint-meeting system. */
export default function MeetingSystemPage() {
  const me = useSession();
  const manage = can(me, 'meeting:manage');
  const units = useUnitChoices();
  return (
    <>
      <PageHeader
        title="会议制度"
        crumbs={[{ title: '会议', to: '/meetings' }, { title: '会议制度' }]}
        subtitle="工作例会按制度定期召开，系统在会前自动生成例会草稿；联席会议由召集人召集，成员单位和工作组按制度参会。"
      />
      <SchedulesCard manage={manage} units={units} />
      <JointSystemCard manage={manage} units={units} />
    </>
  );
}

// --- 工作例会制度 -----------------------------------------------------------------------------------

type FieldName<V> = Parameters<FormInstance<V>['setFields']>[0][number]['name'];

/**
 * A failed save of either form: a stale version (412) reloads and says so, field errors go to
 * their fields (a dotted path such as workingGroups.0.leadUserId to the nested field), anything
 * else above the form.
 */
async function showSaveError<V>(
  err: unknown,
  to: {
    form: FormInstance<V>;
    setStale: (text: string) => void;
    setError: (text: string) => void;
    onReload: () => Promise<unknown>;
  },
) {
  if (err instanceof ApiProblem && err.status === 412) {
    to.setStale(errorMessage(err));
    await to.onReload();
    return;
  }
  if (err instanceof ApiProblem && err.errors.length > 0) {
    to.form.setFields(
      [...err.fieldErrors()].map(([name, errors]) => ({
        name: name.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as FieldName<V>,
        errors,
      })),
    );
    return;
  }
  to.setError(errorMessage(err));
}

type ScheduleModalState = { mode: 'create' } | { mode: 'edit'; id: number } | null;

function SchedulesCard({ manage, units }: { manage: boolean; units: UnitChoices }) {
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const list = useSchedules();
  const plan = usePlanNextMeeting();
  const [editing, setEditing] = useState<ScheduleModalState>(null);

  const planNext = (s: Schedule) =>
    modal.confirm({
      title: `立即安排“${s.title}”的下一次例会？`,
      content: `将按制度生成 ${dateWithWeekday(s.nextOn)} 的例会草稿，并填入上期审批数据。`,
      okText: '立即安排',
      cancelText: '取消',
      onOk: () =>
        plan
          .mutateAsync(s.id)
          .then(({ meetingId }) => {
            message.success('已生成例会草稿，请核对后印发通知');
            navigate(`/meetings/${meetingId}`);
          })
          .catch((e: unknown) => {
            message.error(errorMessage(e));
          }),
    });

  const columns: TableColumnsType<Schedule> = [
    { title: '名称', dataIndex: 'title' },
    { title: '周期', key: 'cadence', width: 150, render: (_: unknown, s) => cadenceText(s) },
    { title: '地点', dataIndex: 'place', width: 160 },
    { title: '主持人', dataIndex: 'chair', width: 160 },
    {
      title: '参会单位数',
      key: 'invitees',
      width: 100,
      align: 'right',
      render: (_: unknown, s) => (
        <Tooltip title={s.inviteeUnitIds.map(units.nameOf).join('、')}>
          <span>{s.inviteeUnitIds.length}</span>
        </Tooltip>
      ),
    },
    {
      title: '通知提前 / 提前安排（工作日）',
      key: 'days',
      width: 130,
      render: (_: unknown, s) => `${s.noticeDays} / ${s.leadDays}`,
    },
    {
      title: '状态',
      dataIndex: 'enabled',
      width: 80,
      render: (on: boolean) => (on ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '下次召开',
      dataIndex: 'nextOn',
      width: 150,
      render: (d: string, s) => (s.enabled ? dateWithWeekday(d) : '—'),
    },
  ];
  if (manage)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 200,
      render: (_: unknown, s) => (
        <Space size={0} wrap>
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing({ mode: 'edit', id: s.id })}
            aria-label={`编辑“${s.title}”`}
          >
            编辑
          </Button>
          {s.enabled && (
            <Button
              type="link"
              size="small"
              onClick={() => planNext(s)}
              loading={plan.isPending && plan.variables === s.id}
              data-testid={`plan-next-${s.id}`}
            >
              立即安排下一次
            </Button>
          )}
        </Space>
      ),
    });

  return (
    <Card
      size="small"
      title="工作例会制度"
      style={{ marginBottom: 16 }}
      extra={
        manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            新增例会制度
          </Button>
        )
      }
    >
      {list.isError && !list.data ? (
        <LoadError error={list.error} what="工作例会制度" onRetry={() => void list.refetch()} />
      ) : (
        <Table<Schedule>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '尚未设置工作例会制度' }}
          data-testid="meeting-schedules"
        />
      )}
      <ScheduleFormModal
        state={editing}
        schedule={editing?.mode === 'edit' ? list.data?.items.find((s) => s.id === editing.id) : undefined}
        onReload={() => list.refetch()}
        onClose={() => setEditing(null)}
        units={units}
      />
    </Card>
  );
}

interface ScheduleValues {
  title: string;
  cadence: Cadence;
  day: number;
  startTime: string;
  place: string;
  chair: string;
  inviteeUnitIds: number[];
  noticeDays: number;
  leadDays: number;
  enabled: boolean;
}

const SCHEDULE_DEFAULTS: Partial<ScheduleValues> = {
  cadence: 'weekly',
  day: 1,
  startTime: '09:00',
  inviteeUnitIds: [],
  noticeDays: 2,
  leadDays: 5,
  enabled: true,
};

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
/** 9:00 → 09:00. */
const padTime = (t: string) => {
  const m = TIME.exec(t.trim());
  return m ? `${m[1]?.padStart(2, '0')}:${m[2]}` : t.trim();
};

/**
 * Adds or edits a schedule. An edit sends the version the form was filled from; when someone else
 * saved in between (412) the server's message is shown and the form is filled again from the latest.
 */
function ScheduleFormModal({
  state,
  schedule,
  onReload,
  onClose,
  units,
}: {
  state: ScheduleModalState;
  schedule: Schedule | undefined;
  onReload: () => Promise<unknown>;
  onClose: () => void;
  units: UnitChoices;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ScheduleValues>();
  const save = useSaveSchedule();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const open = state !== null;
  const editing = state?.mode === 'edit';

  // Fill the form from the schedule (again after a 412 reload, when its version changed).
  useEffect(() => {
    if (!open || !schedule) return;
    form.setFieldsValue({
      title: schedule.title,
      cadence: schedule.cadence,
      day: schedule.day,
      startTime: schedule.startTime,
      place: schedule.place,
      chair: schedule.chair,
      inviteeUnitIds: schedule.inviteeUnitIds,
      noticeDays: schedule.noticeDays,
      leadDays: schedule.leadDays,
      enabled: schedule.enabled,
    });
  }, [open, schedule, form]);

  useEffect(() => {
    if (!open) {
      setError(null);
      setStale(null);
    }
  }, [open]);

  const submit = (v: ScheduleValues) => {
    setError(null);
    if (editing && !schedule) return;
    save.mutate(
      {
        id: editing && schedule ? schedule.id : null,
        version: schedule?.version ?? 0,
        body: {
          title: v.title.trim(),
          cadence: v.cadence,
          day: v.day,
          startTime: padTime(v.startTime),
          place: v.place.trim(),
          chair: v.chair.trim(),
          inviteeUnitIds: v.inviteeUnitIds,
          noticeDays: v.noticeDays,
          leadDays: v.leadDays,
          enabled: v.enabled,
        },
      },
      {
        onSuccess: (s) => {
          message.success(editing ? `已保存“${s.title}”` : `已新增例会制度“${s.title}”`);
          onClose();
        },
        onError: (err) => showSaveError(err, { form, setStale, setError, onReload }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={editing ? '编辑例会制度' : '新增例会制度'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={640}
      okButtonProps={{ htmlType: 'submit', disabled: editing && !schedule }}
      modalRender={(dom) => (
        <Form<ScheduleValues>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          initialValues={SCHEDULE_DEFAULTS}
          onValuesChange={(changed: Partial<ScheduleValues>, all) => {
            // A monthly day after the 7th is no weekday: choose again.
            if (changed.cadence === 'weekly' && all.day > 7) form.setFieldValue('day', undefined);
          }}
          aria-label="例会制度"
        >
          {dom}
        </Form>
      )}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={stale}
          description="已为您加载最新的例会制度，您的修改未保存，请核对后重新填写并保存。"
          style={{ marginBottom: 16 }}
          data-testid="stale-warning"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form.Item
        name="title"
        label="名称"
        rules={[{ required: true, whitespace: true, min: 4, max: 80, message: '例会名称 4–80 个字' }]}
      >
        <Input maxLength={80} autoFocus />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name="cadence" label="周期" rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'weekly', label: '每周' },
                { value: 'monthly', label: '每月' },
              ]}
              aria-label="周期"
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item noStyle dependencies={['cadence']}>
            {({ getFieldValue }) =>
              getFieldValue('cadence') === 'monthly' ? (
                <Form.Item
                  name="day"
                  label="召开日"
                  rules={[{ required: true, message: '请填写每月几日' }]}
                  extra="遇节假日顺延至下一个工作日"
                >
                  <InputNumber min={1} max={28} precision={0} suffix="日" style={{ width: '100%' }} />
                </Form.Item>
              ) : (
                <Form.Item
                  name="day"
                  label="召开日"
                  rules={[{ required: true, message: '请选择星期几' }]}
                  extra="遇节假日顺延至下一个工作日"
                >
                  <Select options={WEEKDAYS.map((w, i) => ({ value: i + 1, label: `星期${w}` }))} />
                </Form.Item>
              )
            }
          </Form.Item>
        </Col>
        <Col xs={12} sm={8}>
          <Form.Item
            name="startTime"
            label="开始时间"
            rules={[
              { required: true, message: '请填写开始时间' },
              { pattern: TIME, message: '开始时间应为 HH:MM，如 09:00' },
            ]}
          >
            <Input maxLength={5} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="place"
            label="地点"
            rules={[{ required: true, whitespace: true, min: 2, max: 100, message: '请填写会议地点' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="chair"
            label="主持人"
            rules={[{ required: true, whitespace: true, min: 2, max: 60, message: '请填写主持人' }]}
          >
            <Input maxLength={60} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="inviteeUnitIds"
        label="参会单位"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少邀请一个参会单位' }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={units.options}
          loading={units.loading}
          aria-label="参会单位"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="noticeDays"
            label="通知提前工作日"
            rules={[{ required: true, message: '请填写通知提前的工作日数' }]}
            extra="会前这些工作日内印发通知"
          >
            <InputNumber min={0} max={10} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item
            name="leadDays"
            label="提前安排工作日"
            rules={[{ required: true, message: '请填写提前安排的工作日数' }]}
            extra="系统在会前该工作日数自动生成例会草稿并填入上期审批数据"
          >
            <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="enabled" label="启用" valuePropName="checked">
        <Switch checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </Modal>
  );
}

// --- 联席会议制度 -----------------------------------------------------------------------------------

function JointSystemCard({ manage, units }: { manage: boolean; units: UnitChoices }) {
  const joint = useJointSystem();
  const [editing, setEditing] = useState(false);
  const system = joint.data?.data.system ?? null;

  let content: ReactNode;
  if (joint.isError && !joint.data)
    content = <LoadError error={joint.error} what="联席会议制度" onRetry={() => void joint.refetch()} />;
  else if (joint.isPending) content = <Skeleton active />;
  else if (!system)
    content = (
      <Empty description="尚未设置联席会议制度">
        {manage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(true)}>
            设置联席会议制度
          </Button>
        )}
      </Empty>
    );
  else content = <JointSystemView system={system} units={units} />;

  return (
    <Card
      size="small"
      title="联席会议制度"
      extra={
        manage &&
        system && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            编辑
          </Button>
        )
      }
      data-testid="joint-system"
    >
      {content}
      {manage && joint.data && (
        <JointSystemFormModal
          open={editing}
          system={system}
          etag={joint.data.etag || `W/"${system?.version ?? 0}"`}
          onReload={() => joint.refetch()}
          onClose={() => setEditing(false)}
          units={units}
        />
      )}
    </Card>
  );
}

function JointSystemView({ system, units }: { system: JointSystem; units: UnitChoices }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { width: 120 } }}
      items={[
        { key: 'name', label: '名称', children: system.name },
        { key: 'convener', label: '召集人', children: system.convener.name },
        {
          key: 'deputies',
          label: '副召集人',
          children: system.deputies.length ? system.deputies.map((d) => d.name).join('、') : '—',
        },
        { key: 'office', label: '办公室', children: system.officeName },
        {
          key: 'members',
          label: '成员单位',
          children: (
            <Space size={[0, 4]} wrap>
              {system.memberUnitIds.map((id) => (
                <Tag key={id}>{units.nameOf(id)}</Tag>
              ))}
            </Space>
          ),
        },
        {
          key: 'groups',
          label: '工作组',
          children: system.workingGroups.length ? (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {system.workingGroups.map((g) => (
                <li key={g.name}>
                  {g.name} · 组长 {g.leadName} · {g.unitIds.map(units.nameOf).join('、')}
                </li>
              ))}
            </ul>
          ) : (
            '—'
          ),
        },
      ]}
    />
  );
}

interface GroupValues {
  name: string;
  leadUserId: number;
  unitIds: number[];
}
interface JointValues {
  name: string;
  convenerUserId: number;
  deputyUserIds: number[];
  officeUnitId: number;
  memberUnitIds: number[];
  workingGroups: GroupValues[];
}

/** A field of the joint form by its path (`workingGroups.0.unitIds` → ['workingGroups', 0, 'unitIds']). */

const personLabel = (c: SystemCandidate) => (c.unitName ? `${c.name}（${c.unitName}）` : c.name);

/**
 * Sets the joint-meeting system at the version read (If-Match from the GET's ETag, W/"0" for the
 * first time); a 412 shows the server's message and fills the form again from the latest.
 */
function JointSystemFormModal({
  open,
  system,
  etag,
  onReload,
  onClose,
  units,
}: {
  open: boolean;
  system: JointSystem | null;
  etag: string;
  onReload: () => Promise<unknown>;
  onClose: () => void;
  units: UnitChoices;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<JointValues>();
  const save = useSaveJointSystem();
  const candidates = useSystemCandidates(open);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState<string | null>(null);
  const convener = Form.useWatch('convenerUserId', form);
  const members = Form.useWatch('memberUnitIds', form);

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(
      system
        ? {
            name: system.name,
            convenerUserId: system.convener.userId,
            deputyUserIds: system.deputies.map((d) => d.userId),
            officeUnitId: system.officeUnitId,
            memberUnitIds: system.memberUnitIds,
            workingGroups: system.workingGroups.map((g) => ({
              name: g.name,
              leadUserId: g.leadUserId,
              unitIds: g.unitIds,
            })),
          }
        : { deputyUserIds: [], memberUnitIds: [], workingGroups: [] },
    );
  }, [open, system, form]);

  useEffect(() => {
    if (!open) {
      setError(null);
      setStale(null);
    }
  }, [open]);

  // The people to choose from; those already named stay choosable by name even if no longer listed.
  const people = useMemo(() => {
    const items = candidates.data?.items ?? [];
    const listed = new Set(items.map((c) => c.userId));
    const named = system
      ? [
          { ...system.convener, chair: true },
          ...system.deputies.map((d) => ({ ...d, chair: true })),
          ...system.workingGroups.map((g) => ({ userId: g.leadUserId, name: g.leadName, chair: false })),
        ].filter((p) => !listed.has(p.userId))
      : [];
    const chairs: Option[] = items
      .filter((c) => c.canChair)
      .map((c) => ({ value: c.userId, label: personLabel(c) }));
    const all: Option[] = items.map((c) => ({ value: c.userId, label: personLabel(c) }));
    for (const p of named) {
      if (p.chair && !chairs.some((o) => o.value === p.userId))
        chairs.push({ value: p.userId, label: p.name });
      if (!all.some((o) => o.value === p.userId)) all.push({ value: p.userId, label: p.name });
    }
    return { chairs, all };
  }, [candidates.data, system]);

  const memberOptions = units.options.filter((o) => (members ?? []).includes(o.value));

  const submit = (v: JointValues) => {
    setError(null);
    save.mutate(
      {
        etag,
        body: {
          name: v.name.trim(),
          convenerUserId: v.convenerUserId,
          deputyUserIds: (v.deputyUserIds ?? []).filter((id) => id !== v.convenerUserId),
          officeUnitId: v.officeUnitId,
          memberUnitIds: v.memberUnitIds,
          workingGroups: (v.workingGroups ?? []).map((g) => ({
            name: g.name.trim(),
            leadUserId: g.leadUserId,
            unitIds: g.unitIds,
          })),
        },
      },
      {
        onSuccess: () => {
          message.success('联席会议制度已保存');
          onClose();
        },
        onError: (err) => showSaveError(err, { form, setStale, setError, onReload }),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={system ? '编辑联席会议制度' : '设置联席会议制度'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={760}
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <Form<JointValues>
          form={form}
          layout="vertical"
          clearOnDestroy
          onFinish={submit}
          onValuesChange={(changed: Partial<JointValues>, all) => {
            // The convener is no deputy; a working group's units stay among the member units.
            if (changed.convenerUserId !== undefined && all.deputyUserIds?.includes(changed.convenerUserId))
              form.setFieldValue(
                'deputyUserIds',
                all.deputyUserIds.filter((id) => id !== changed.convenerUserId),
              );
            if (changed.memberUnitIds && all.workingGroups?.length) {
              const keep = new Set(changed.memberUnitIds);
              form.setFieldValue(
                'workingGroups',
                all.workingGroups.map((g) =>
                  g ? { ...g, unitIds: (g.unitIds ?? []).filter((id) => keep.has(id)) } : g,
                ),
              );
            }
          }}
          aria-label="联席会议制度"
        >
          {dom}
        </Form>
      )}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          title={stale}
          description="已为您加载最新的联席会议制度，您的修改未保存，请核对后重新填写并保存。"
          style={{ marginBottom: 16 }}
          data-testid="stale-warning"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {candidates.isError && (
        <Alert
          type="error"
          showIcon
          title={`人员候选加载失败：${errorMessage(candidates.error)}`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="name"
        label="名称"
        rules={[{ required: true, whitespace: true, min: 4, max: 100, message: '联席会议名称 4–100 个字' }]}
      >
        <Input maxLength={100} autoFocus />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={10}>
          <Form.Item
            name="convenerUserId"
            label="召集人"
            rules={[{ required: true, message: '请选择召集人' }]}
            extra="须为可签发会议纪要的领导"
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={people.chairs}
              loading={candidates.isPending}
              aria-label="召集人"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14}>
          <Form.Item name="deputyUserIds" label="副召集人">
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={people.chairs.filter((o) => o.value !== convener)}
              loading={candidates.isPending}
              maxCount={10}
              aria-label="副召集人"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="officeUnitId"
        label="办公室"
        rules={[{ required: true, message: '请选择联席会议办公室所在单位' }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={units.options}
          loading={units.loading}
          aria-label="办公室"
        />
      </Form.Item>
      <Form.Item
        name="memberUnitIds"
        label="成员单位"
        rules={[{ required: true, type: 'array', min: 1, message: '请至少列出一个成员单位' }]}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={units.options}
          loading={units.loading}
          maxCount={60}
          aria-label="成员单位"
        />
      </Form.Item>
      <Typography.Text strong>工作组</Typography.Text>
      <Form.List name="workingGroups">
        {(fields, { add, remove }) => (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }} data-testid="working-groups">
            {fields.length === 0 && <Typography.Text type="secondary">尚未设置工作组。</Typography.Text>}
            {fields.map(({ key, name }) => (
              <Card
                key={key}
                size="small"
                title={`工作组 ${name + 1}`}
                extra={
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    onClick={() => remove(name)}
                    aria-label={`删除工作组 ${name + 1}`}
                  >
                    删除
                  </Button>
                }
              >
                <Row gutter={12}>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={[name, 'name']}
                      label="工作组名称"
                      rules={[
                        {
                          required: true,
                          whitespace: true,
                          min: 2,
                          max: 40,
                          message: '工作组名称 2–40 个字',
                        },
                      ]}
                    >
                      <Input maxLength={40} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12}>
                    <Form.Item
                      name={[name, 'leadUserId']}
                      label="组长"
                      rules={[{ required: true, message: '请选择组长' }]}
                    >
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        options={people.all}
                        loading={candidates.isPending}
                        aria-label={`工作组 ${name + 1} 组长`}
                      />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item
                  name={[name, 'unitIds']}
                  label="单位"
                  extra="从成员单位中选择"
                  rules={[{ required: true, type: 'array', min: 1, message: '工作组至少有一个成员单位' }]}
                  style={{ marginBottom: 0 }}
                >
                  <Select
                    mode="multiple"
                    showSearch={{ optionFilterProp: 'label' }}
                    options={memberOptions}
                    maxCount={30}
                    notFoundContent="请先选择成员单位"
                    aria-label={`工作组 ${name + 1} 单位`}
                  />
                </Form.Item>
              </Card>
            ))}
            {fields.length < 10 && (
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ unitIds: [] })}>
                添加工作组
              </Button>
            )}
          </Space>
        )}
      </Form.List>
    </Modal>
  );
}
