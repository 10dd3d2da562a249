import { Tag } from 'antd';
import type { MeetingState } from '../../../../lib/meeting.ts';

const COLORS: Record<MeetingState, string> = {
  draft: 'default',
  convened: 'processing',
  held: 'warning',
  minutes_issued: 'success',
  cancelled: 'default',
};

export function MeetingStateTag({ m }: { m: { state: MeetingState; stateLabel: string } }) {
  return <Tag color={COLORS[m.state]}>{m.stateLabel}</Tag>;
}
