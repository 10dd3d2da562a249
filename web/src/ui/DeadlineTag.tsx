import { ClockCircleOutlined, PauseCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Popover, Tag, Timeline, Typography } from 'antd';
import { type DeadlineInfo, deadlineView, ledgerItems } from './deadline.ts';

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
