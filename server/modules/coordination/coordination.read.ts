// Read models of coordination: the request detail (each reader sees its part, with the buttons the
// policy allows and what the next level would require), lists, the board, a consultation, the
// department's queue, the commitment tracker, and files. Nothing here writes.
import {
  availableEvents,
  CONTENT_LABELS,
  COORDINATION_STATE_LABELS,
  type Complexity,
  LADDER_LABELS,
  type LadderLevel,
  missingContents,
  nextLevel,
  OPEN_STATES,
  proposeOutcome,
} from '../../../lib/coordination.ts';
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { getBlob } from '../../platform/files/blobs.ts';
import { problems } from '../../platform/http/problem.ts';
import { searchTokens } from '../../platform/search/tokens.ts';
import { subjectDocumentFile } from '../documents/documents.service.ts';
import { type CommitmentFilter, commitmentsOf, listCommitments } from './commitments.repo.ts';
import { consultationsOf, departmentConsultations } from './consultations.repo.ts';
import { consultationFor } from './consultations.ts';
import { centerUnit, covers, deptUnit, partiesOf } from './coordination.policy.ts';
import {
  boardCounts,
  eventsOf,
  filesOf,
  listRequests,
  mattersOf,
  type RequestFilter,
} from './coordination.repo.ts';
import { ladderStepsOf } from './ladder.repo.ts';

export type { CommitmentRow } from './commitments.repo.ts';
export type { ConsultationRow } from './consultations.repo.ts';
export type { RequestRow } from './coordination.repo.ts';

import { factsFrom, overdue, readerOf, requestRow } from './coordination.workflow.ts';
import { replyFacts } from './decide-outcome.ts';
import { ladderOf, present, stepOf } from './ladder.ts';

const WARNING = ['green', 'yellow', 'red'] as const;
export const warningOf = (rank: number | string) => WARNING[Number(rank)] ?? 'green';

export function warningFromDates(today: IsoDate, due: string | null, yellow: string | null, open: boolean) {
  if (!open) return null;
  if (due && today > due) return 'red' as const;
  if (yellow && today >= yellow) return 'yellow' as const;
  return 'green' as const;
}

export async function requestDetail(db: Db, principal: Principal, id: number) {
  const row = await requestRow(db, principal, id);
  const today = todayIn();
  const center = centerUnit(row);
  const fullView = principal.kind === 'staff' && covers(principal, 'coordination:read', center);
  const readScope = scopeFor(principal, 'coordination:read');
  const mine = (unit: { department_id: number; department_region: string }) =>
    fullView || scopeCoversUnit(readScope, deptUnit(unit));
  const [allCons, allKs, files, matters, steps, events, ladder] = await Promise.all([
    consultationsOf(db, id),
    commitmentsOf(db, id),
    filesOf(db, id),
    mattersOf(db, id),
    ladderStepsOf(db, id),
    eventsOf(db, id, !fullView),
    ladderOf(db, row.region_code),
  ]);
  const cons = principal.kind === 'enterprise' ? [] : allCons.filter(mine);
  // The applicant sees its own attachments; staff-added ones (escalation notes) are internal.
  const visibleFiles =
    principal.kind === 'enterprise' ? files.filter((f) => f.uploaded_by_enterprise !== null) : files;
  const ks =
    principal.kind === 'enterprise' ? allKs.filter((k) => k.status !== 'proposed') : allKs.filter(mine);
  const facts = factsFrom(row, allCons, allKs, today);
  const parties = partiesOf(principal, row);
  // Minutes are issued from the meeting's page; the request offers to convene that meeting.
  const actions: string[] = availableEvents(facts, parties).map((e) =>
    e === 'issue_minutes' ? 'convene_meeting' : e,
  );
  if (parties.includes('coordinator') && row.state === 'letter_drafting') actions.push('edit_letter');
  const to = nextLevel(row.level as LadderLevel);
  let next = null;
  if (to) {
    const step = stepOf(ladder, to);
    const consulted = allCons.some((c) => c.status === 'answered' || overdue(c, today));
    const has = present(
      {
        overview: row.overview,
        problem: row.problem,
        positions: row.positions,
        proposal: row.proposal,
        contactName: row.contact_name,
        contactPhone: row.contact_phone,
      },
      files.filter((f) => f.consultation_id === null).length,
      consulted,
    );
    next = {
      level: to,
      label: LADDER_LABELS[to],
      limitDays: step.limitDays,
      missing: missingContents(step, has).map((k) => CONTENT_LABELS[k]),
    };
  }
  const analysis =
    fullView && allCons.length && ['consulting', 'letter_drafting', 'meeting_proposed'].includes(row.state)
      ? proposeOutcome((row.complexity ?? 'simple') as Complexity, replyFacts(allCons, today))
      : null;
  return {
    row,
    today,
    fullView,
    cons,
    ks,
    files: visibleFiles.filter(
      (f) => f.consultation_id === null || cons.some((c) => Number(c.id) === Number(f.consultation_id)),
    ),
    matters,
    steps,
    // Staff read the full entry; its applicant-facing twin (kind *.public) is for the portal.
    events: fullView ? events.filter((e) => !e.kind.endsWith('.public')) : events,
    actions,
    next,
    analysis,
    principal,
  };
}

export function requests(
  db: Db,
  principal: Principal,
  f: Omit<RequestFilter, 'today' | 'tokens'>,
  page: PageRequest,
) {
  const tokens = f.q ? searchTokens(f.q).filter((w) => /^[\p{L}\p{N}]+$/u.test(w)) : undefined;
  return listRequests(db, readerOf(principal), { ...f, tokens, today: todayIn() }, page);
}

/** Open requests per board column with their red and yellow counts. */
export async function board(db: Db, principal: Principal) {
  const rows = await boardCounts(db, readerOf(principal), todayIn());
  return OPEN_STATES.map((state) => {
    const mine = rows.filter((r) => r.state === state);
    return {
      state,
      label: COORDINATION_STATE_LABELS[state],
      total: mine.length,
      red: mine.filter((r) => Number(r.rank) === 2).length,
      yellow: mine.filter((r) => Number(r.rank) === 1).length,
    };
  });
}

export async function consultation(db: Db, principal: Principal, id: number) {
  const c = await consultationFor(db, principal, id);
  const [ks, files] = await Promise.all([
    commitmentsOf(db, Number(c.request_id)),
    filesOf(db, Number(c.request_id)),
  ]);
  return {
    c,
    ks: ks.filter((k) => Number(k.consultation_id) === id),
    files: files.filter((f) => f.consultation_id === null || Number(f.consultation_id) === id),
  };
}

export function consultationQueue(db: Db, principal: Principal, status: 'open' | 'all', limit: number) {
  return departmentConsultations(db, scopeFor(principal, 'coordination:read'), status, limit);
}

export function commitments(
  db: Db,
  principal: Principal,
  f: Omit<CommitmentFilter, 'today'>,
  page: PageRequest,
) {
  return listCommitments(db, scopeFor(principal, 'coordination:read'), { ...f, today: todayIn() }, page);
}

/** A file of a request the reader may see (a reply's files only for that reply's readers). */
export async function requestFile(db: Db, principal: Principal, id: number, fileId: number) {
  const d = await requestDetail(db, principal, id);
  const f = d.files.find((x) => Number(x.id) === fileId);
  if (!f) throw problems.notFound('附件不存在。');
  const blob = await getBlob(db, f.blob_hash);
  if (!blob) throw problems.notFound('附件内容不存在。');
  return { name: f.file_name, contentType: f.content_type, content: blob.content };
}

/** The request's letter, or a consultation letter the reader may see. */
export async function requestDocumentFile(
  db: Db,
  principal: Principal,
  id: number,
  documentId: number,
  format: 'pdf' | 'docx',
) {
  const d = await requestDetail(db, principal, id);
  if (Number(d.row.letter_document_id) === documentId) {
    return subjectDocumentFile(db, 'coordination', String(id), documentId, format);
  }
  const c = d.cons.find((x) => Number(x.document_id) === documentId);
  if (!c) throw problems.notFound('文书不存在。');
  return subjectDocumentFile(db, 'consultation', String(c.id), documentId, format);
}
