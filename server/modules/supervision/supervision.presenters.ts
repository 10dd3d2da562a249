import type { z } from 'zod';
import { todayIn } from '../../../lib/dates.ts';
import {
  SUPERVISION_SOURCE_LABELS,
  SUPERVISION_STATUS_LABELS,
  URGE_RULE_LABELS,
} from '../../../lib/supervision.ts';
import { warningLevelFromDates } from '../../../lib/warning.ts';
import type { ItemDetail } from './supervision.read.ts';
import type { ItemRow } from './supervision.repo.ts';
import type { ItemDetailSchema, ItemSummarySchema } from './supervision.schemas.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toSummary(s: ItemRow, today = todayIn()): z.infer<typeof ItemSummarySchema> {
  const open = s.status === 'open' || s.status === 'reported';
  return {
    id: Number(s.id),
    source: s.source,
    sourceLabel: SUPERVISION_SOURCE_LABELS[s.source],
    sourceTitle: s.source_title,
    sourceLink: s.source_link,
    ownerUnitId: Number(s.owner_unit_id),
    ownerName: s.owner_name,
    responsiblePerson: s.responsible_person,
    content: s.content,
    status: s.status,
    statusLabel: SUPERVISION_STATUS_LABELS[s.status],
    dueDate: s.due_date,
    warning: open && s.due_date ? warningLevelFromDates(today, s.due_date, s.yellow_from) : null,
    urgedCount: s.urged_count,
    createdAt: s.created_at.toISOString(),
  };
}

export function toDetail(d: ItemDetail): z.infer<typeof ItemDetailSchema> {
  const { row } = d;
  return {
    ...toSummary(row),
    version: row.version,
    deadlineId: row.deadline_id === null ? null : Number(row.deadline_id),
    lastUrgedAt: iso(row.last_urged_at),
    reportedAt: iso(row.reported_at),
    confirmedAt: iso(row.confirmed_at),
    cancelReason: row.cancel_reason,
    returnReason: row.return_reason,
    reports: d.reports.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      note: r.note,
      nextWork: r.next_work,
      reportedBy: r.reported_by_name,
      createdAt: r.created_at.toISOString(),
      files: d.files
        .filter((f) => Number(f.report_id) === Number(r.id))
        .map((f) => ({ id: Number(f.id), fileName: f.file_name, contentType: f.content_type, size: f.size })),
    })),
    urgings: d.urgings.map((g) => ({
      rule: g.rule,
      ruleLabel: URGE_RULE_LABELS[g.rule],
      warning: g.warning,
      note: g.note,
      urgedBy: g.urged_by_name,
      createdAt: g.created_at.toISOString(),
    })),
    extensions: d.facts.extensions.map((e) => ({
      days: e.days,
      reason: e.reason,
      state: e.state,
      requestedBy: e.requested_by_name,
      requestedAt: e.requested_at.toISOString(),
      decidedAt: iso(e.decided_at),
      refuseReason: e.refuse_reason,
    })),
    actions: d.actions,
  };
}
