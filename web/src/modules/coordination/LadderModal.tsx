import { useQuery } from '@tanstack/react-query';
import { Alert, App, Checkbox, InputNumber, Modal, Spin, Table } from 'antd';
import { useEffect, useState } from 'react';
import {
  CONTENT_KEYS,
  CONTENT_LABELS,
  type ContentKey,
  LADDER_LABELS,
  type LadderLevel,
} from '../../../../lib/coordination.ts';
import { api, withEtag } from '../../api/client.ts';
import { errorMessage } from '../../api/problem.ts';
import { coordinationKeys, type LadderStep, useSaveLadder } from './api.ts';

async function load(region: string) {
  const { data, etag } = await withEtag(
    api.GET('/api/coordination-ladder/{region}', { params: { path: { region } } }),
  );
  return { steps: data, etag };
}

/** The region's escalation ladder: time limit and required contents per level (an administrator's edit). */
export function LadderModal({ region, onClose }: { region: string; onClose: () => void }) {
  const { message } = App.useApp();
  const saveLadder = useSaveLadder(region);
  const q = useQuery({ queryKey: [...coordinationKeys.ladder(region), 'edit'], queryFn: () => load(region) });
  const [steps, setSteps] = useState<LadderStep[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (q.data) setSteps(q.data.steps);
  }, [q.data]);
  const set = (level: string, patch: Partial<LadderStep>) =>
    setSteps(steps.map((s) => (s.level === level ? { ...s, ...patch } : s)));
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await saveLadder.mutateAsync({
        etag: q.data?.etag ?? null,
        steps: steps.map((s) => ({ level: s.level, limitDays: s.limitDays, required: s.required })),
      });
      message.success('逐级协调配置已保存');
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title="逐级协调配置"
      width={900}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
    >
      {!q.data ? (
        <Spin />
      ) : (
        <Table<LadderStep>
          rowKey="level"
          size="small"
          pagination={false}
          dataSource={steps}
          columns={[
            {
              title: '层级',
              dataIndex: 'level',
              width: 120,
              render: (l: string) => LADDER_LABELS[l as LadderLevel],
            },
            {
              title: '办理时限（工作日）',
              dataIndex: 'limitDays',
              width: 150,
              render: (v: number, s) => (
                <InputNumber
                  min={1}
                  max={60}
                  value={v}
                  onChange={(n) => set(s.level, { limitDays: n ?? 1 })}
                  aria-label={`${LADDER_LABELS[s.level as LadderLevel]}时限`}
                />
              ),
            },
            {
              title: '须具备的申请内容',
              dataIndex: 'required',
              render: (req: string[], s) => (
                <Checkbox.Group
                  value={req}
                  onChange={(v) => set(s.level, { required: v as ContentKey[] })}
                  options={CONTENT_KEYS.filter((k) => k !== 'consultations' || s.level === 'leader').map(
                    (k) => ({
                      value: k,
                      label: CONTENT_LABELS[k],
                    }),
                  )}
                />
              ),
            },
          ]}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
