import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Popover, Spin, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { WARNING_LABELS } from '../../../lib/warning.ts';
import { errorMessage } from '../api/problem.ts';
import { useDeadline } from '../modules/deadlines/api.ts';
import {
  type DeadlineInfo,
  type DeadlineRowLike,
  deadlineView,
  ledgerInfo,
  ledgerItems,
  rowSummary,
} from './deadline.ts';
import { beijingToday } from './format.ts';

/** The ledger (台账) that explains a due date: start, suspensions, days used and left, calendar. */
export function DeadlineLedger({ deadline }: { deadline: DeadlineInfo }) {
  const view = deadlineView(deadline);
  const items = ledgerItems(deadline);
  return (
    <div style={{ maxWidth: 440 }} data-testid="deadline-ledger">
      <Typography.Paragraph style={{ marginBottom: 12 }}>
        <Tag color={view.color}>{view.levelLabel}</Tag>
        {view.dueText}，{view.summary}
        {view.provisional && '（暂定）'}
      </Typography.Paragraph>
      {items.length > 0 ? (
        <Timeline
          items={items.map((i) => ({
            key: i.key,
            color: i.tone,
            content: (
              <span>
                <Typography.Text strong>{i.label}</Typography.Text>　{i.text}
              </span>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">暂无计时台账。</Typography.Text>
      )}
    </div>
  );
}

/** A coloured tag with the remaining time; hover, focus or click shows the ledger. */
export function DeadlineTag({ deadline, showDue = true }: { deadline: DeadlineInfo; showDue?: boolean }) {
  const view = deadlineView(deadline);
  const icon =
    view.level === 'red' ? (
      <WarningOutlined />
    ) : deadline.paused ? (
      <PauseCircleOutlined />
    ) : (
      <ClockCircleOutlined />
    );
  return (
    <Popover
      title="时限说明"
      content={<DeadlineLedger deadline={deadline} />}
      trigger={['hover', 'focus', 'click']}
    >
      <Tag
        color={view.color}
        icon={icon}
        tabIndex={0}
        role="button"
        aria-label={`${view.levelLabel}：${view.summary}，${view.dueText}。按回车查看时限说明`}
        style={{ cursor: 'pointer' }}
        data-level={view.level}
      >
        {view.summary}
        {showDue && deadline.dueDate && `（${deadline.dueDate}）`}
        {view.provisional && ' 暂定'}
      </Tag>
    </Popover>
  );
}

const ROW_COLORS = { green: 'success', yellow: 'warning', red: 'error' } as const;

/** Loads the ledger of a list row when its popover opens. */
function LazyLedger({ id }: { id: number }) {
  const q = useDeadline(id);
  if (q.isPending) return <Spin size="small" style={{ display: 'block', margin: 16 }} />;
  if (q.isError) return <Typography.Text type="danger">{errorMessage(q.error)}</Typography.Text>;
  return <DeadlineLedger deadline={ledgerInfo(q.data)} />;
}

/**
 * The tag of a list row (GET /api/deadlines has dates and the level, not the day counts): the level
 * and state; hover, focus or click loads the ledger.
 */
export function DeadlineRowTag({
  deadline,
  showDue = true,
}: {
  deadline: DeadlineRowLike;
  showDue?: boolean;
}) {
  const [open, setOpen] = useState(false);
  const closed = deadline.status !== 'open';
  const summary = rowSummary(deadline, beijingToday());
  const label = WARNING_LABELS[deadline.level];
  const icon =
    deadline.level === 'red' ? (
      <WarningOutlined />
    ) : deadline.dueDate === null ? (
      <PauseCircleOutlined />
    ) : (
      <ClockCircleOutlined />
    );
  return (
    <Popover
      title="时限说明"
      open={open}
      onOpenChange={setOpen}
      content={open ? <LazyLedger id={deadline.id} /> : null}
      trigger={['hover', 'focus', 'click']}
    >
      <Tag
        color={closed ? 'default' : ROW_COLORS[deadline.level]}
        icon={closed ? undefined : icon}
        tabIndex={0}
        role="button"
        aria-label={`${closed || summary === label ? summary : `${label}：${summary}`}${
          deadline.dueDate ? `，截止 ${deadline.dueDate}` : ''
        }。按回车查看时限说明`}
        style={{ cursor: 'pointer' }}
        data-level={deadline.level}
      >
        {summary}
        {showDue && deadline.dueDate && `（${deadline.dueDate}）`}
        {deadline.provisional && ' 暂定'}
      </Tag>
    </Popover>
  );
}
