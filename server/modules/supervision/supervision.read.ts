// Supervision read models: the tracker page and the item page with its reports, urgings and
// extension requests.
import { todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { getBlob } from '../../platform/files/blobs.ts';
import { problems } from '../../platform/http/problem.ts';
import { itemActions } from './supervision.policy.ts';
import { filesOf, type ItemFilter, listItems, reportsOf, urgingsOf } from './supervision.repo.ts';
import { itemFacts, itemRow } from './supervision.workflow.ts';

export function itemList(db: Db, principal: Principal, f: Omit<ItemFilter, 'today'>, p: PageRequest) {
  return listItems(db, scopeFor(principal, 'supervision:read'), { ...f, today: todayIn() }, p);
}

export async function itemDetail(db: Db, principal: Principal, id: number) {
  const row = await itemRow(db, principal, id);
  const [facts, reports, files, urgings] = await Promise.all([
    itemFacts(db, row),
    reportsOf(db, id),
    filesOf(db, id),
    urgingsOf(db, id),
  ]);
  return { row, facts, reports, files, urgings, actions: itemActions(principal, row, facts) };
}
export type ItemDetail = Awaited<ReturnType<typeof itemDetail>>;

/** An evidence file of an item the reader may open. */
export async function itemFile(db: Db, principal: Principal, id: number, fileId: number) {
  await itemRow(db, principal, id);
  const f = (await filesOf(db, id)).find((x) => Number(x.id) === fileId);
  const blob = f ? await getBlob(db, f.blob_hash) : undefined;
  if (!f || !blob) throw problems.notFound('该证明材料不存在。');
  return { name: f.file_name, ...blob };
}
