import { Tag } from 'antd';
import { WARNING_LABELS, type WarningLevel } from '../../../../lib/warning.ts';

const STATE_COLORS: Record<string, string> = {
  submitted: 'blue',
  returned: 'orange',
  consulting: 'processing',
  letter_drafting: 'cyan',
  meeting_proposed: 'purple',
  tracking: 'geekblue',
  closed: 'success',
  withdrawn: 'default',
};

export function StateTag({ state, label }: { state: string; label: string }) {
  return <Tag color={STATE_COLORS[state] ?? 'default'}>{label}</Tag>;
}

const WARNING_COLORS: Record<WarningLevel, string> = { red: 'error', yellow: 'warning', green: 'success' };

/** The red/yellow/green light of a time limit; nothing when the limit is closed. */
export function WarningTag({ level }: { level: WarningLevel | null | undefined }) {
  if (!level) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>—</span>;
  return (
    <Tag color={WARNING_COLORS[level]} data-warning={level}>
      {WARNING_LABELS[level]}
    </Tag>
  );
}
