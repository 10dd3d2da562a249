import { Alert, App, Button, Card, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { errorMessage } from '../../api/problem.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import {
  type CaseDetail,
  uploadMaterial,
  useCase,
  useCaseAction,
  useFulfilCommitment,
} from '../cases/api.ts';
import { CaseView, StateTag } from '../cases/CaseView.tsx';
import { type MaterialRow, MaterialsInput, type Supply } from '../cases/MaterialsInput.tsx';
import { LoadError, NotFoundPage } from '../errors/ErrorPages.tsx';

/** Answers a one-time notice: upload what was missing, then resubmit (补正). */
function Correction({ c, etag }: { c: CaseDetail; etag: string }) {
  const { message } = App.useApp();
  const action = useCaseAction('portal');
  const [supplies, setSupplies] = useState<Record<string, Supply>>({});
  const missing = c.materials.filter((m) => m.status === 'missing');
  const rows: MaterialRow[] = missing.map((m) => ({
    key: m.sharedKey,
    name: m.name,
    required: m.required,
    tolerable: m.tolerable,
    requirement: m.requirement,
  }));
  const chosen = missing.flatMap((m) => {
    const s = supplies[m.sharedKey];
    return s?.storedMaterialId ? [{ materialId: m.materialId, storedMaterialId: s.storedMaterialId }] : [];
  });
  return (
    <Card size="small" title="补正材料" style={{ marginBottom: 16 }} data-testid="correction">
      <Typography.Paragraph>
        窗口已一次性告知需要补正的全部内容（见右侧《补正材料一次性告知书》），请上传后提交。
      </Typography.Paragraph>
      <MaterialsInput rows={rows} value={supplies} onChange={setSupplies} offers={[]} channel="portal" />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        disabled={chosen.length === 0}
        loading={action.isPending}
        onClick={() =>
          action.mutate(
            { id: c.id, etag, path: 'resubmit', body: { materials: chosen } },
            {
              onSuccess: () => message.success('已提交补正材料，等待窗口受理'),
              onError: (err) => message.error(errorMessage(err)),
            },
          )
        }
      >
        提交补正
      </Button>
    </Card>
  );
}

/** Hands in a tolerated material before its committed date (容缺补齐). */
function Commitments({ c }: { c: CaseDetail }) {
  const { message } = App.useApp();
  const fulfil = useFulfilCommitment('portal');
  const open = c.materials.filter((m) => m.status === 'tolerated' && !m.fulfilledAt);
  if (open.length === 0) return null;
  return (
    <Card size="small" title="容缺承诺" style={{ marginBottom: 16 }}>
      {open.map((m) => (
        <Space key={m.id} style={{ marginBottom: 8 }} wrap>
          <span>
            {m.name}：承诺 {m.committedDate} 前补齐
          </span>
          <input
            type="file"
            aria-label={`补齐 ${m.name}`}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              try {
                const stored = await uploadMaterial('portal', file, { sharedKey: m.sharedKey, name: m.name });
                await fulfil.mutateAsync({ id: c.id, materialId: m.id, storedMaterialId: stored.id });
                message.success(`${m.name} 已补齐`);
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          />
        </Space>
      ))}
    </Card>
  );
}

/** The applicant's view of one case: progress, documents, and what they can do now. */
export default function MyCasePage() {
  const { message } = App.useApp();
  const { id: raw } = useParams();
  const id = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
  const q = useCase('portal', id);
  const action = useCaseAction('portal');
  if (id === null) return <NotFoundPage what="办件" />;
  if (q.isError) return <LoadError error={q.error} what="办件" onRetry={() => void q.refetch()} />;
  const c = q.data?.data;
  return (
    <>
      <PageHeader
        title="办件进度"
        subtitle={
          c && (
            <>
              {c.number} · {c.itemName} · <StateTag state={c.state} label={c.stateLabel} />
            </>
          )
        }
        crumbs={[{ title: '我的办件', to: '/my-cases' }, { title: c?.number ?? '办件进度' }]}
        extra={
          c?.actions.includes('withdraw') && (
            <Popconfirm
              title="撤回后需重新申请，确定撤回？"
              okText="撤回"
              cancelText="取消"
              onConfirm={() =>
                action.mutate(
                  { id: c.id, etag: q.data!.etag, path: 'withdraw' },
                  {
                    onSuccess: () => message.success('已撤回申请'),
                    onError: (err) => message.error(errorMessage(err)),
                  },
                )
              }
            >
              <Button danger>撤回申请</Button>
            </Popconfirm>
          )
        }
      />
      {!c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          {c.state === 'correction_requested' && <Correction c={c} etag={q.data!.etag} />}
          {c.state === 'rejected' && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={`不予受理：${c.decisionReason ?? ''}`}
            />
          )}
          <Commitments c={c} />
          <CaseView c={c} channel="portal" />
        </>
      )}
    </>
  );
}
