// The meeting's part of the shared workflow runner: locked, loaded through the reader's scope,
// judged on its facts (state, time, decisions, invitees), and written with its audit row and, for
// a meeting convened on a coordination request, an entry on that request's timeline.
import type { AuditAction } from '../../../lib/audit-actions.ts';
import type { MeetingEvent, MeetingFacts, MeetingState } from '../../../lib/meeting.ts';
import type { Db } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  type Action,
  type ActionContext,
  type Effect,
  runEvent,
  type Workflow,
} from '../../platform/workflow/runner.ts';
import { record, type TimelineEntry } from '../coordination/coordination.workflow.ts';
import { decideMeetingEvent } from './meetings.policy.ts';
import {
  type DecisionRow,
  decisionsOf,
  findMeeting,
  type InviteeRow,
  inviteesOf,
  lockMeeting,
  type MeetingReader,
  type MeetingRow,
  type ProposalRow,
  proposalsOf,
  type ReceiptRow,
  receiptsOf,
  type TopicRow,
  topicsOf,
  updateMeeting,
} from './meetings.repo.ts';

export const STALE_MEETING = '会议已被他人修改，请刷新后再操作。';

export const readerOf = (principal: Principal): MeetingReader => ({
  scope: scopeFor(principal, 'meeting:read'),
});

/** A meeting the principal may read, or 404 (existence does not leak). */
export async function meetingRow(db: Db, principal: Principal, id: number): Promise<MeetingRow> {
  const row = await findMeeting(db, readerOf(principal), id);
  if (!row) throw problems.notFound('会议不存在或不在您的数据范围内。');
  return row;
}

/** A meeting is scheduled in the future: one in the past cannot be convened. */
export function checkStart(startsAt: string) {
  if (new Date(startsAt).getTime() <= Date.now()) {
    throw problems.validation([{ field: 'body.startsAt', message: '会议时间不能早于现在' }]);
  }
}

export interface Facts extends MeetingFacts {
  invitees: InviteeRow[];
  decisionRows: DecisionRow[];
  /** Receipts of the minutes as last issued. */
  receipts: ReceiptRow[];
  proposals: ProposalRow[];
  topicRows: TopicRow[];
}

export async function meetingFacts(db: Db, row: MeetingRow, now = new Date()): Promise<Facts> {
  const id = Number(row.id);
  const [invitees, decisionRows, receipts, proposals, topicRows] = await Promise.all([
    inviteesOf(db, id),
    decisionsOf(db, id),
    receiptsOf(db, row.minutes_document_id === null ? null : Number(row.minutes_document_id)),
    proposalsOf(db, id),
    topicsOf(db, id),
  ]);
  return {
    kind: row.kind,
    state: row.state as MeetingState,
    started: row.starts_at.getTime() <= now.getTime(),
    decisions: decisionRows.length,
    attended: invitees.filter((i) => i.attendance === 'present' || i.attendance === 'substitute').length,
    incompleteDecisions: decisionRows.filter((d) => !d.owner_unit_id || (d.due_days === null && !d.due_on))
      .length,
    minutesApproved: row.minutes_approved_at !== null,
    agendaApproved: row.agenda_approved_at !== null,
    topics: topicRows.length,
    pendingProposals: proposals.filter((x) => x.state === 'proposed').length,
    correcting: row.correction_reason !== null,
    invitees,
    decisionRows,
    receipts,
    proposals,
    topicRows,
  };
}

export interface MeetingMove {
  event: MeetingEvent;
  to: MeetingState;
}

export interface MeetingChange extends Effect {
  set?: Parameters<typeof updateMeeting>[3];
  tokens?: string[];
  /** An entry on the timeline of the request the meeting was convened on. */
  timeline?: TimelineEntry;
  audit?: Record<string, unknown>;
}

// Units answering (acknowledgements, proposals, receipts) and reminders change the meeting's
// invitees and their rows, not the meeting the organiser edits.
const OUTSIDE_VERSION: ReadonlySet<MeetingEvent> = new Set([
  'acknowledge',
  'remind',
  'propose_topic',
  'receive_minutes',
  'add_material',
  'remove_material',
]);

export const meetingWorkflow: Workflow<MeetingRow, Facts, MeetingMove, MeetingChange> = {
  async lock(trx, id) {
    await lockMeeting(trx, id);
  },
  load: meetingRow,
  version: (row) => row.version,
  stale: STALE_MEETING,
  facts: (trx, _principal, row) => meetingFacts(trx, row),
  async commit(trx, ctx, row, move, change) {
    const id = Number(row.id);
    if (!OUTSIDE_VERSION.has(move.event)) {
      const moved = await updateMeeting(
        trx,
        id,
        row.version,
        { state: move.to, ...change.set },
        change.tokens,
      );
      if (!moved) throw problems.preconditionFailed(STALE_MEETING);
    }
    if (change.timeline && row.request_id !== null) {
      await record(trx, ctx, Number(row.request_id), change.timeline);
    }
    await writeAudit(trx, ctx.actor, {
      action: `meeting.${move.event}` satisfies AuditAction,
      targetType: 'meeting',
      targetId: id,
      summary: { title: row.title, from: row.state, to: move.to, ...change.audit },
    });
  },
};

type MeetingAction = Omit<Action<MeetingRow, Facts, MeetingMove, MeetingChange>, 'decide'>;

/** Runs one event of the meeting machine through the runner. */
export function runMeetingEvent(
  ctx: ActionContext,
  id: number,
  version: number | undefined,
  event: MeetingEvent,
  action: MeetingAction,
) {
  return runEvent(
    ctx,
    meetingWorkflow,
    id,
    version,
    event,
    (row, facts) => decideMeetingEvent(ctx.principal, row, facts, event),
    action,
  );
}
