// The tags of the supervision tracker: an item's status and its red/yellow/green light.
import { Tag } from 'antd';
import type { SupervisionStatus } from '../../../../lib/supervision.ts';
import { WARNING_LABELS, type WarningLevel } from '../../../../lib/warning.ts';

const STATUS_COLORS: Record<SupervisionStatus, string> = {
  open: 'processing',
  reported: 'orange',
  done: 'success',
  cancelled: 'default',
};

export function SupervisionStatusTag({ status, label }: { status: SupervisionStatus; label: string }) {
  return (
    <Tag color={STATUS_COLORS[status]} data-status={status}>
      {label}
    </Tag>
  );
}

const WARNING_COLORS: Record<WarningLevel, string> = { red: 'red', yellow: 'gold', green: 'green' };

/** The light of an open item's time limit; a dash once it is closed. */
export function SupervisionWarningTag({ level }: { level: WarningLevel | null | undefined }) {
  if (!level) return <span style={{ color: 'rgba(0,0,0,0.45)' }}>—</span>;
  return (
    <Tag color={WARNING_COLORS[level]} data-warning={level}>
      {WARNING_LABELS[level]}
    </Tag>
  );
}
