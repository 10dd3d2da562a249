import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { can, useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { LoadError } from '../errors/ErrorPages.tsx';
import {
  type SupervisionActionCall,
  type SupervisionItem,
  supervisionKeys,
  useSupervisionAction,
  useSupervisionItem,
} from './api.ts';
import { ReportForm } from './ReportForm.tsx';
import { DecideExtensionModal, ExtensionModal, type RunAction, TextModal } from './SupervisionModals.tsx';
import { ExtensionsCard, ReportsCard, UrgingsCard } from './SupervisionSections.tsx';
import { SupervisionStatusTag, SupervisionWarningTag } from './view.tsx';

type Dialog = 'return' | 'urge' | 'cancel' | 'extension' | 'decide';

const TITLE_MAX = 40;
const titleOf = (content: string) =>
  content.length > TITLE_MAX ? `${content.slice(0, TITLE_MAX)}…` : content;

/** Where the item came from; a link to the source (the meeting, the request …) when it has one. */
function Source({ item }: { item: SupervisionItem }) {
  const text = `${item.sourceLabel}：${item.sourceTitle}`;
  if (!item.sourceLink) return <>{text}</>;
  return item.sourceLink.startsWith('/') ? (
    <Link to={item.sourceLink}>{text}</Link>
  ) : (
    <a href={item.sourceLink} target="_blank" rel="noreferrer">
      {text}
    </a>
  );
}

/** 督办事项: what, whose, by when; the owner's reports, the office's decisions and the urgings. */
export default function SupervisionItemPage() {
  const id = Number(useParams().id);
  const me = useSession();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const q = useSupervisionItem(id);
  const act = useSupervisionAction();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (q.isError) return <LoadError error={q.error} what="督办事项" onRetry={() => void q.refetch()} />;
  if (!q.data) return <Card loading />;
  const { data: item, etag } = q.data;
  const has = (a: SupervisionItem['actions'][number]) => item.actions.includes(a);

  /**
   * Runs an action; on 412 (someone acted first) or 409 (the item moved on) shows the server's
   * message and fetches the item as it now is.
   */
  const run: RunAction = (call: SupervisionActionCall, done: string) =>
    act.mutateAsync({ id: item.id, etag, ...call }).then(
      () => {
        message.success(done);
        return true;
      },
      (err: unknown) => {
        message.error(errorMessage(err));
        if (err instanceof ApiProblem && (err.status === 412 || err.status === 409)) {
          void qc.invalidateQueries({ queryKey: supervisionKeys.one(item.id) });
          setDialog(null);
        }
        return false;
      },
    );
  const close = () => setDialog(null);
  const pending = item.extensions.find((e) => e.state === 'pending');

  return (
    <>
      <PageHeader
        title={titleOf(item.content)}
        crumbs={[{ title: '督办台账', to: '/supervision' }, { title: titleOf(item.content) }]}
        subtitle={
          <Space size={4} wrap>
            <SupervisionStatusTag status={item.status} label={item.statusLabel} />
            <SupervisionWarningTag level={item.warning} />
          </Space>
        }
        extra={
          <Space wrap>
            {has('confirm') && (
              <Button
                type="primary"
                loading={act.isPending}
                onClick={() =>
                  modal.confirm({
                    title: '确认办结？',
                    content: '请核对办结报告和证明材料；确认后事项办结，时限随之办结。',
                    okText: '确定',
                    cancelText: '取消',
                    onOk: () => run({ path: 'confirm' }, '已确认办结'),
                  })
                }
              >
                确认办结
              </Button>
            )}
            {has('return') && <Button onClick={() => setDialog('return')}>退回</Button>}
            {has('urge') && <Button onClick={() => setDialog('urge')}>催办</Button>}
            {has('decide_extension') && (
              <Button type="primary" ghost onClick={() => setDialog('decide')}>
                审核延期
              </Button>
            )}
            {has('request_extension') && <Button onClick={() => setDialog('extension')}>申请延期</Button>}
            {has('cancel') && (
              <Button danger onClick={() => setDialog('cancel')}>
                撤销督办
              </Button>
            )}
          </Space>
        }
      />
      {item.returnReason && (
        <Alert
          type="warning"
          showIcon
          title={`办结报告已退回：${item.returnReason}`}
          description="请补充办理情况和证明材料后重新报告办结。"
          style={{ marginBottom: 16 }}
        />
      )}
      {item.status === 'cancelled' && (
        <Alert
          type="info"
          showIcon
          title={`督办已撤销：${item.cancelReason ?? ''}`}
          style={{ marginBottom: 16 }}
        />
      )}
      {item.status === 'reported' && (
        <Alert
          type="info"
          showIcon
          title="责任单位已报告办结，待督查室核对证明材料后确认办结。"
          style={{ marginBottom: 16 }}
        />
      )}
      {pending && !has('decide_extension') && (
        <Alert
          type="info"
          showIcon
          title={`延期申请（${pending.days} 个工作日）待督查室审核。`}
          style={{ marginBottom: 16 }}
        />
      )}
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label="督办内容" span={2}>
            {item.content}
          </Descriptions.Item>
          <Descriptions.Item label="来源">
            <Source item={item} />
          </Descriptions.Item>
          <Descriptions.Item label="责任单位">{item.ownerName}</Descriptions.Item>
          <Descriptions.Item label="责任人">{item.responsiblePerson ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="到期日">
            {item.dueDate === null ? (
              '—'
            ) : item.deadlineId !== null && can(me, 'deadline:read') ? (
              <Link to={`/deadlines/${item.deadlineId}`}>{item.dueDate}</Link>
            ) : (
              item.dueDate
            )}
          </Descriptions.Item>
          <Descriptions.Item label="催办次数">
            {item.urgedCount} 次{item.lastUrgedAt && `（最近 ${formatDateTime(item.lastUrgedAt, false)}）`}
          </Descriptions.Item>
          <Descriptions.Item label="纳入督办">{formatDateTime(item.createdAt, false)}</Descriptions.Item>
          {item.reportedAt && (
            <Descriptions.Item label="报告办结">{formatDateTime(item.reportedAt, false)}</Descriptions.Item>
          )}
          {item.confirmedAt && (
            <Descriptions.Item label="确认办结">{formatDateTime(item.confirmedAt, false)}</Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {(has('report_progress') || has('report_done')) && (
        // A new form after each version, so a report just made does not linger.
        <ReportForm key={item.version} item={item} run={run} busy={act.isPending} />
      )}
      <ReportsCard item={item} />
      <UrgingsCard item={item} />
      <ExtensionsCard item={item} />
      {dialog === 'return' && (
        <TextModal
          title="退回办结报告"
          label="退回理由"
          okText="退回"
          required
          maxLength={200}
          placeholder="如：缺少整改情况的证明材料"
          danger
          busy={act.isPending}
          onCancel={close}
          onSubmit={(reason) =>
            void run({ path: 'return', body: { reason } }, '已退回，事项恢复督办').then((ok) => ok && close())
          }
        />
      )}
      {dialog === 'urge' && (
        <TextModal
          title="催办"
          label="催办说明"
          okText="催办"
          required={false}
          maxLength={500}
          placeholder="选填，将随催办通知发给责任单位"
          busy={act.isPending}
          onCancel={close}
          onSubmit={(note) =>
            void run({ path: 'urge', body: { note } }, '已催办').then((ok) => ok && close())
          }
        />
      )}
      {dialog === 'cancel' && (
        <TextModal
          title="撤销督办"
          label="撤销理由"
          okText="撤销督办"
          required
          maxLength={200}
          danger
          busy={act.isPending}
          onCancel={close}
          onSubmit={(reason) =>
            void run({ path: 'cancel', body: { reason } }, '督办已撤销').then((ok) => ok && close())
          }
        />
      )}
      {dialog === 'extension' && (
        <ExtensionModal item={item} busy={act.isPending} run={run} onClose={close} />
      )}
      {dialog === 'decide' && (
        <DecideExtensionModal item={item} busy={act.isPending} run={run} onClose={close} />
      )}
    </>
  );
}
