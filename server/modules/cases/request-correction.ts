// 一次性告知补正 (行政许可法 Art. 32): everything missing or to be corrected is listed at once in the
// numbered, sealed 一次性告知书; the applicant resubmits.
import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { oneTimeNotice } from '../../platform/documents/templates.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { issueCaseDocument } from './cases.documents.ts';
import { missingOf, runCaseEvent } from './cases.workflow.ts';

export function requestCorrection(
  ctx: ActionContext,
  id: number,
  version: number,
  input: { extra: string[]; correctBy?: IsoDate },
) {
  const on = todayIn();
  return runCaseEvent(ctx, id, version, 'request_correction', 'window', {
    check(_trx, _row, facts) {
      if (missingOf(facts.materials).length + input.extra.length === 0) {
        throw problems.unprocessable('没有缺少的材料或需补正的内容，请直接受理。');
      }
      if (input.correctBy && input.correctBy <= on) {
        throw problems.validation([{ field: 'body.correctBy', message: '补正期限应晚于今天' }]);
      }
    },
    async effect(trx, row, facts) {
      const missing = missingOf(facts.materials);
      await issueCaseDocument(
        trx,
        ctx,
        row,
        'one_time_notice',
        (base) =>
          oneTimeNotice({
            ...base,
            missing: [
              ...missing.map((m) => ({ name: m.name, requirement: m.requirement ?? undefined })),
              ...input.extra.map((name) => ({ name })),
            ],
            correctBy: input.correctBy,
          }),
        on,
      );
      return {
        opinion: [...missing.map((m) => m.name), ...input.extra].join('；'),
        stepName: '一次性告知补正',
      };
    },
  });
}
