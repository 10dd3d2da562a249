import { UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/problem.ts';
import { type Agent, type CaseDetail, useAgents, useCaseAction } from './api.ts';

/** The options of an agent picker: name and the unit the agent works in. */
export function agentOptions(agents: Agent[] | undefined, current?: { id: number; name: string } | null) {
  const options = (agents ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.unitName}）` }));
  // The case's agent may since have been disabled: still show who it is.
  if (current && !options.some((o) => o.value === current.id)) {
    options.unshift({ value: current.id, label: `${current.name}（已停用或不再是本区划代办员）` });
  }
  return options;
}

/**
 * The window names, changes or clears the agent (代办员) of a case. The agent is told, follows the
 * case and is reminded of its tolerant-acceptance commitments together with the center.
 */
export function AgentAssign({ c, etag }: { c: CaseDetail; etag: string }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [agentId, setAgentId] = useState<number | null>(c.agent?.id ?? null);
  const [error, setError] = useState<string | null>(null);
  const agents = useAgents(open ? c.regionCode : null);
  const action = useCaseAction('staff');
  const save = () => {
    setError(null);
    action.mutate(
      { id: c.id, etag, path: 'agent', body: { agentId } },
      {
        onSuccess: ({ data: d }) => {
          message.success(d.agent ? `已指定代办员 ${d.agent.name}` : '已取消代办员');
          setOpen(false);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  };
  return (
    <>
      <Button
        icon={<UserSwitchOutlined />}
        onClick={() => {
          setAgentId(c.agent?.id ?? null);
          setError(null);
          setOpen(true);
        }}
      >
        {c.agent ? '更换代办员' : '指定代办员'}
      </Button>
      <Modal
        title="指定代办员"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText="保存"
        cancelText="取消"
        okButtonProps={{ disabled: agentId === (c.agent?.id ?? null), loading: action.isPending }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          代办员可查看本办件的办理进度；容缺材料的承诺补齐日期临近或逾期时，会和窗口一同收到提醒。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item
            label="代办员"
            help={agents.data?.length === 0 ? '本区划还没有启用的代办员账号' : undefined}
          >
            <Select<number>
              allowClear
              autoFocus
              value={agentId ?? undefined}
              onChange={(v) => setAgentId(v ?? null)}
              loading={agents.isPending}
              options={agentOptions(agents.data, c.agent)}
              placeholder="不指定代办员"
              aria-label="代办员"
            />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} />}
      </Modal>
    </>
  );
}
