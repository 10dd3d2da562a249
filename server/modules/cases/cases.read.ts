// Read models of cases: the detail (with the buttons the policy allows), lists, the board and a
// bundle application's progress. Nothing here writes.
import { todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { problems } from '../../platform/http/problem.ts';
import { subjectDocuments } from '../documents/documents.service.ts';
import { allowedEvents } from './cases.policy.ts';
import {
  bundleCaseRow,
  type CaseFilter,
  caseCounts,
  listCases,
  specialProceduresOf,
  stepsOf,
} from './cases.repo.ts';
import { caseFacts, caseRow, readerOf } from './cases.workflow.ts';

export async function caseDetail(db: Db, principal: Principal, id: number) {
  const row = await caseRow(db, principal, id);
  const [facts, steps, specialProcedures, documents] = await Promise.all([
    caseFacts(db, principal, row),
    stepsOf(db, id),
    specialProceduresOf(db, id),
    subjectDocuments(db, 'case', String(id)),
  ]);
  return {
    row,
    materials: facts.materials,
    steps,
    specialProcedures,
    documents,
    actions: allowedEvents(principal, row, facts.machine),
  };
}

export function cases(db: Db, principal: Principal, f: CaseFilter, page: PageRequest) {
  return listCases(db, readerOf(principal), f, todayIn(), page);
}

export function caseBoard(db: Db, principal: Principal) {
  return caseCounts(db, scopeFor(principal, 'case:read'), todayIn());
}

// Progress order: the bundle shows the state of its slowest case.
const PROGRESS = [
  'correction_requested',
  'submitted',
  'accepted',
  'tolerantly_accepted',
  'in_review',
  'approved',
  'denied',
  'delivered',
  'archived',
] as const;

export async function bundleCase(db: Db, principal: Principal, id: number) {
  const bc = await bundleCaseRow(db, id);
  if (!bc) throw problems.notFound('一件事申请不存在或不在您的数据范围内。');
  const list = (await listCases(db, readerOf(principal), { bundleCaseId: id }, todayIn(), { limit: 100 }))
    .rows;
  if (list.length === 0) throw problems.notFound('一件事申请不存在或不在您的数据范围内。');
  const rank = (s: string) => PROGRESS.indexOf(s as (typeof PROGRESS)[number]);
  const live = list.filter((c) => !['rejected', 'withdrawn'].includes(c.state));
  const slowest = [...(live.length ? live : list)].sort((a, b) => rank(a.state) - rank(b.state))[0]!;
  return { bundleCase: bc, cases: list, slowest };
}
