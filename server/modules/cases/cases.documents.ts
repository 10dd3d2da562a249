// The documents a case's center issues to the applicant (受理通知书, 一次性告知书, 不予受理决定书,
// 准予 / 不予行政许可决定书): numbered in the center's series and sealed, in the case's transaction.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import type { Db } from '../../db/client.ts';
import type { OfficialDocument } from '../../platform/documents/model.ts';
import type { ApplicationRef, Issuer } from '../../platform/documents/templates.ts';
import type { Wording } from '../../platform/documents/wording.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueDocument } from '../documents/documents.service.ts';
import { type CaseRow, centerOf } from './cases.repo.ts';

/** The center of the case's region, which issues its documents. */
export async function issuerOf(trx: Db, regionCode: string) {
  const center = await centerOf(trx, regionCode);
  if (!center) throw problems.unprocessable('本区划没有启用中的政务服务中心，不能出具文书。');
  return center;
}

/** 复议机关 and court of the region where the center sits (e.g. 嘉兴市南湖区). */
export function rightsOf(center: { region_name: string; parent_region_name: string | null }) {
  const place = `${center.parent_region_name ?? ''}${center.region_name}`;
  return { reviewOrgan: `${place}人民政府`, court: `${place}人民法院` };
}

type Center = Awaited<ReturnType<typeof issuerOf>>;

/** What every case document starts from: the issuing center, the date, and the application. */
export interface CaseDocumentBase extends Issuer, ApplicationRef {
  number: string;
  wording: Wording;
  date: IsoDate;
}

/**
 * Issues one numbered, sealed document of the case from its center; `build` gets the common
 * fields (issuer, number, wording, date, applicant, item, case number) and the center.
 */
export async function issueCaseDocument(
  trx: Db,
  ctx: ActionContext,
  row: CaseRow,
  kind: string,
  build: (base: CaseDocumentBase, center: Center) => OfficialDocument,
  on: IsoDate = todayIn(),
) {
  const center = await issuerOf(trx, row.region_code);
  return issueDocument(trx, ctx.secrets, ctx.actor, {
    subjectType: 'case',
    subjectId: String(row.id),
    kind,
    issuerUnitId: Number(center.id),
    numbered: true,
    sealed: true,
    issuedOn: on,
    build: (number, wording) =>
      build(
        {
          issuerMark: center.name,
          signatureName: center.name,
          number: number!,
          wording,
          date: on,
          applicant: row.applicant_name,
          matterName: row.item_name,
          caseNumber: row.number,
          applicationDate: todayIn('Asia/Shanghai', row.submitted_at),
        },
        center,
      ),
  });
}
