// 纳入督办: something someone promised or was told to do becomes a tracked item — its owner unit,
// content and due date in the deadline ledger — and the owner and the supervision office are told.
// Called by the use cases that create the obligation (minutes, instructions …) in their transaction.
import { randomUUID } from 'node:crypto';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { SUPERVISION_SOURCE_LABELS, type SupervisionSource } from '../../../lib/supervision.ts';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { countWorkingDays } from '../../platform/calendar/engine.ts';
import { loadCalendar } from '../../platform/calendar/store.ts';
import { createDeadline } from '../../platform/deadlines/deadlines.ts';
import { notify, regionUsersWith, unitUsersWith } from '../../platform/notify/notify.ts';
import { insertItem, updateItem } from './supervision.repo.ts';

export interface NewItem {
  source: SupervisionSource;
  /** The source row; a new id when the item is its own source (an instruction). */
  sourceId?: string;
  sourceTitle: string;
  sourceLink?: string | null;
  regionCode: string;
  ownerUnitId: number;
  ownerName: string;
  coOwnerUnitIds?: number[];
  responsiblePerson?: string | null;
  content: string;
  /** A date, or working days from the start. */
  due: { on: IsoDate } | { days: number };
  /** When the obligation began (default today): an older one is tracked from its own start. */
  startDate?: IsoDate;
  createdBy: number | null;
}

export async function trackItem(trx: Db, actor: Actor, input: NewItem) {
  const start = input.startDate ?? todayIn();
  const { calendar } = await loadCalendar(trx, input.regionCode);
  const limitDays =
    'days' in input.due ? input.due.days : Math.max(1, countWorkingDays(calendar, start, input.due.on));
  const id = await insertItem(trx, {
    region_code: input.regionCode,
    source: input.source,
    source_id: input.sourceId ?? randomUUID(),
    source_title: input.sourceTitle.slice(0, 200),
    source_link: input.sourceLink ?? null,
    owner_unit_id: input.ownerUnitId,
    co_owner_unit_ids: input.coOwnerUnitIds ?? [],
    responsible_person: input.responsiblePerson ?? null,
    content: input.content,
    created_by: input.createdBy,
  });
  const deadline = await createDeadline(trx, {
    subjectType: 'supervision_item',
    subjectId: String(id),
    kind: 'commitment',
    title: `督办：${input.ownerName} ${input.content}`.slice(0, 200),
    regionCode: input.regionCode,
    unitId: input.ownerUnitId,
    startDate: start,
    limitDays,
  });
  await updateItem(trx, id, null, { deadline_id: deadline.id });
  await writeAudit(trx, actor, {
    action: 'supervision.create',
    targetType: 'supervision_item',
    targetId: id,
    summary: { source: input.source, owner: input.ownerUnitId, dueDate: deadline.due_date },
  });
  const label = SUPERVISION_SOURCE_LABELS[input.source];
  await notify(trx, {
    userIds: await unitUsersWith(trx, input.ownerUnitId, 'supervision:report'),
    kind: 'supervision.tracked',
    title: `【督办】${input.content}`.slice(0, 200),
    body: `${label}（${input.sourceTitle}）已纳入督办，请于 ${deadline.due_date} 前办结，并在平台报告进展和办结证明。`,
    link: `/supervision/${id}`,
  });
  await notify(trx, {
    userIds: await regionUsersWith(trx, input.regionCode, 'supervision:manage'),
    kind: 'supervision.tracked',
    title: `纳入督办：${input.ownerName} ${input.content}`.slice(0, 200),
    body: `${label}（${input.sourceTitle}），${deadline.due_date} 到期。`,
    link: `/supervision/${id}`,
  });
  return { id, dueDate: deadline.due_date as IsoDate };
}
