import { Alert, App, Button, Card, Popconfirm, Skeleton, Space } from 'antd';
import { useParams } from 'react-router';
import { type CaseState, CLOSED_STATES, NOT_WAITING_STATES } from '../../../../lib/case-machine.ts';
import { errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { LinkButton } from '../../ui/LinkButton.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError, NotFoundPage } from '../errors/ErrorPages.tsx';
import { AgentAssign } from './AgentAssign.tsx';
import { type CaseDetail, useCase, useFulfilCommitment } from './api.ts';
import { CaseActions } from './CaseActions.tsx';
import { CaseView, StateTag } from './CaseView.tsx';

const outstanding = (c: CaseDetail) =>
  c.materials.filter((m) => m.status === 'tolerated' && !m.fulfilledAt).length;

/** The window records a tolerated material handed in on paper (原件核验后登记补齐). */
function OpenCommitments({ c }: { c: CaseDetail }) {
  const { message } = App.useApp();
  const fulfil = useFulfilCommitment('staff');
  const open = c.materials.filter((m) => m.status === 'tolerated' && !m.fulfilledAt);
  if (open.length === 0 || NOT_WAITING_STATES.includes(c.state as CaseState)) return null;
  return (
    <Card size="small" title="容缺承诺待补齐" style={{ marginBottom: 16 }} data-testid="open-commitments">
      <Space wrap>
        {open.map((m) => (
          <Popconfirm
            key={m.id}
            title={`确认已收到并核验“${m.name}”原件？`}
            okText="登记补齐"
            cancelText="取消"
            onConfirm={() =>
              fulfil.mutate(
                { id: c.id, materialId: m.id },
                {
                  onSuccess: () => message.success(`${m.name} 已补齐`),
                  onError: (err) => message.error(errorMessage(err)),
                },
              )
            }
          >
            <Button>
              {m.name}（承诺 {m.committedDate} 前）登记补齐
            </Button>
          </Popconfirm>
        ))}
      </Space>
    </Card>
  );
}

/** One case for the window and the department: its facts and the actions this user may take. */
export default function CaseDetailPage() {
  const { id: raw } = useParams();
  const id = raw && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
  const q = useCase('staff', id);
  const me = useSession();
  if (id === null) return <NotFoundPage what="办件" />;
  if (q.isError) return <LoadError error={q.error} what="办件" onRetry={() => void q.refetch()} />;
  const c = q.data?.data;
  return (
    <>
      <PageHeader
        title="办件详情"
        subtitle={
          c && (
            <>
              {c.number} · {c.itemName} · <StateTag state={c.state} label={c.stateLabel} />
            </>
          )
        }
        crumbs={[{ title: '办件', to: '/cases' }, { title: c?.number ?? '办件详情' }]}
      />
      {!c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 16 }} title="办理">
            <Space wrap>
              {c.actions.length ? (
                <CaseActions c={c} etag={q.data!.etag} channel="staff" />
              ) : (
                <span style={{ color: 'rgba(0,0,0,0.55)' }}>当前状态下您无需办理此件。</span>
              )}
              {can(me, 'case:intake') && !CLOSED_STATES.includes(c.state as CaseState) && (
                <AgentAssign c={c} etag={q.data!.etag} />
              )}
              {can(me, 'coordination:submit') && (
                <LinkButton to={`/coordination/new?caseId=${c.id}`}>发起协调</LinkButton>
              )}
            </Space>
          </Card>
          {/* The department's reason why there is no approve button yet. */}
          {c.state === 'in_review' && outstanding(c) > 0 && can(me, 'case:review') && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="tolerance-warning"
              title={`尚有 ${outstanding(c)} 项容缺材料未补齐，补齐前不能准予许可（可不予许可或等待补齐）。`}
            />
          )}
          {can(me, 'case:intake') && <OpenCommitments c={c} />}
          <CaseView c={c} channel="staff" />
        </>
      )}
    </>
  );
}
