// Meeting read models: the calendar of a range, the meeting page and the meetings of a request.
import { todayIn } from '../../../lib/dates.ts';
import { MEETING_STATE_LABELS } from '../../../lib/meeting.ts';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { getBlob } from '../../platform/files/blobs.ts';
import { problems } from '../../platform/http/problem.ts';
import { regionUsersWith } from '../../platform/notify/notify.ts';
import { subjectDocuments } from '../documents/documents.service.ts';
import { findJointSystem, schedulesOf, usersByIds } from './meeting-system.repo.ts';
import { attendsFor, meetingActions, seesMaterials } from './meetings.policy.ts';
import {
  decisionsOf,
  materialsOf,
  meetingsBetween,
  meetingsOfRequest,
  similarMinutes,
  unitsByIds,
} from './meetings.repo.ts';
import { meetingFacts, meetingRow, readerOf } from './meetings.workflow.ts';
import { nextMeetingOf } from './plan-regular-meeting.ts';

/** Meetings starting within [from, to] (Beijing dates), at most 366 days. */
export function meetingCalendar(db: Db, principal: Principal, from: string, to: string) {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + 86_400_000);
  if (end <= start)
    throw problems.validation([{ field: 'querystring.to', message: '截止日期不能早于起始日期' }]);
  if (end.getTime() - start.getTime() > 367 * 86_400_000) {
    throw problems.validation([{ field: 'querystring.to', message: '一次最多查询一年' }]);
  }
  return meetingsBetween(db, readerOf(principal), start, end);
}

export async function meetingDetail(db: Db, principal: Principal, id: number) {
  const row = await meetingRow(db, principal, id);
  const facts = await meetingFacts(db, row);
  const topics = facts.topicRows;
  const actions = meetingActions(principal, row, facts);
  const toAcknowledge =
    row.state === 'convened'
      ? attendsFor(principal, facts.invitees).filter((i) => i.acknowledged_at === null)
      : [];
  const toReceive = attendsFor(
    principal,
    facts.receipts.filter((r) => r.received_at === null),
  );
  const [materials, documents, chairChoices] = await Promise.all([
    seesMaterials(principal, row, facts.invitees) ? materialsOf(db, id) : [],
    subjectDocuments(db, 'meeting', String(id)),
    actions.includes('approve_agenda') && row.kind === 'joint' ? jointChairs(db, row.region_code) : [],
  ]);
  const minutesVersions = documents
    .filter((d) => d.kind === 'minutes')
    .map((d) => ({ documentId: Number(d.id), number: d.number, version: d.version, issuedOn: d.issued_on }))
    .reverse();
  const myUnits = attendsFor(principal, facts.invitees);
  return {
    row,
    facts,
    topics,
    actions,
    toAcknowledge,
    toReceive,
    myUnits,
    materials,
    minutesVersions,
    chairChoices,
  };
}

/** The convener and the deputy conveners, whom the convener may name to chair a joint meeting. */
async function jointChairs(db: Db, regionCode: string) {
  const system = await findJointSystem(db, regionCode);
  if (!system) return [];
  const ids = [Number(system.convener_user_id), ...system.deputy_user_ids.map(Number)];
  const users = await usersByIds(db, ids);
  return ids.flatMap((userId, i) => {
    const u = users.find((x) => Number(x.id) === userId);
    return u?.enabled ? [{ userId, name: u.display_name, role: i === 0 ? '召集人' : '副召集人' }] : [];
  });
}

/** A material of a meeting the reader may open. */
export async function meetingMaterial(db: Db, principal: Principal, id: number, materialId: number) {
  const row = await meetingRow(db, principal, id);
  const { invitees } = await meetingFacts(db, row);
  const m = seesMaterials(principal, row, invitees)
    ? (await materialsOf(db, id)).find((x) => Number(x.id) === materialId)
    : undefined;
  const blob = m ? await getBlob(db, m.blob_hash) : undefined;
  if (!m || !blob) throw problems.notFound('该会议材料不存在。');
  return { name: m.file_name, ...blob };
}
export type MeetingDetail = Awaited<ReturnType<typeof meetingDetail>>;

/** The meetings convened on a request, for its page (only those the reader may open). */
export async function requestMeetings(db: Db, principal: Principal, requestId: number) {
  const rows = await meetingsOfRequest(db, requestId);
  const visible = principal.kind === 'staff' ? rows : [];
  return visible.map((m) => ({
    id: Number(m.id),
    title: m.title,
    state: m.state,
    stateLabel: MEETING_STATE_LABELS[m.state],
    startsAt: m.starts_at.toISOString(),
  }));
}

/** Issued minutes similar to a request's words, with their decisions: precedents in triage. */
export async function minutesPrecedents(
  db: Db,
  principal: Principal,
  words: string[],
  exceptRequestId: number,
  limit = 3,
) {
  if (!words.length || principal.kind !== 'staff') return [];
  const rows = await similarMinutes(db, readerOf(principal), words.slice(0, 60), exceptRequestId, limit);
  return Promise.all(
    rows.map(async (m) => ({
      meetingId: Number(m.id),
      title: m.title,
      minutesNumber: m.minutes_number ?? '',
      date: todayIn('Asia/Shanghai', m.starts_at),
      decisions: (await decisionsOf(db, Number(m.id))).map((d) => `${d.content}（${d.owner_name}）`),
    })),
  );
}

// --- the meeting system: standing schedules and the joint-meeting system ----------------------------

/** The region's standing schedules of regular meetings, each with its next date. */
export async function scheduleList(db: Db, principal: Principal) {
  if (principal.kind !== 'staff') return [];
  const rows = await schedulesOf(db, principal.regionCode);
  return Promise.all(rows.map(async (s) => ({ row: s, next: await nextMeetingOf(db, s) })));
}

/** The region's joint-meeting system with the names of its people and units, or null. */
export async function jointSystemOf(db: Db, principal: Principal) {
  if (principal.kind !== 'staff') return null;
  const system = await findJointSystem(db, principal.regionCode);
  if (!system) return null;
  const groups = system.working_groups as { name: string; leadUserId: number; unitIds: number[] }[];
  const users = await usersByIds(db, [
    Number(system.convener_user_id),
    ...system.deputy_user_ids.map(Number),
    ...groups.map((g) => g.leadUserId),
  ]);
  const [office] = await unitsByIds(db, [Number(system.office_unit_id)]);
  const name = (id: number) => users.find((u) => Number(u.id) === Number(id))?.display_name ?? String(id);
  return {
    regionCode: system.region_code,
    name: system.name,
    convener: { userId: Number(system.convener_user_id), name: name(system.convener_user_id) },
    deputies: system.deputy_user_ids.map((u) => ({ userId: Number(u), name: name(u) })),
    officeUnitId: Number(system.office_unit_id),
    officeName: office?.name ?? '',
    memberUnitIds: system.member_unit_ids.map(Number),
    workingGroups: groups.map((g) => ({ ...g, leadName: name(g.leadUserId) })),
    version: system.version,
  };
}

/** The region's people who may convene, chair or lead: with whether they may sign minutes. */
export async function systemCandidates(db: Db, principal: Principal) {
  if (principal.kind !== 'staff') return [];
  const [signers, staff] = await Promise.all([
    regionUsersWith(db, principal.regionCode, 'meeting:approve'),
    regionUsersWith(db, principal.regionCode, 'meeting:attend'),
  ]);
  const users = await usersByIds(db, [...new Set([...signers, ...staff])]);
  return users
    .map((u) => ({
      userId: Number(u.id),
      name: u.display_name,
      unitName: u.unit_name,
      canChair: signers.includes(Number(u.id)),
    }))
    .sort((a, b) => Number(b.canChair) - Number(a.canChair) || a.userId - b.userId);
}
