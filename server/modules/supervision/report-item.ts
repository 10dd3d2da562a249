// 报告进展 / 报告办结: the owner unit reports what it did and what comes next, with evidence files;
// a done report (at least one file) waits for the supervising side's confirmation.
import type { z } from 'zod';
import { problems } from '../../platform/http/problem.ts';
import { regionUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { attachFiles, insertReport } from './supervision.repo.ts';
import type { ReportInput } from './supervision.schemas.ts';
import { runItemEvent } from './supervision.workflow.ts';

export function reportItem(
  ctx: ActionContext,
  id: number,
  version: number,
  input: z.infer<typeof ReportInput>,
) {
  const done = input.kind === 'done';
  const files = [...new Set(input.fileIds)];
  return runItemEvent(
    ctx,
    id,
    done ? version : undefined,
    done ? 'report_done' : 'report_progress',
    {
      async effect(trx, row) {
        const reportId = await insertReport(trx, {
          item_id: id,
          kind: input.kind,
          note: input.note,
          next_work: input.nextWork,
          reported_by: ctx.principal.id,
        });
        if ((await attachFiles(trx, ctx.principal.id, files, reportId)) !== files.length) {
          throw problems.unprocessable('证明材料不存在、不是您上传的或已被使用，请重新上传。');
        }
        return {
          ...(done ? { set: { reported_at: new Date(), return_reason: null } } : {}),
          audit: { kind: input.kind, files: files.length },
          notices: done
            ? [
                {
                  userIds: await regionUsersWith(trx, row.region_code, 'supervision:manage'),
                  kind: 'supervision.reported',
                  title: `【待确认】${row.owner_name}报告办结：${row.content}`.slice(0, 200),
                  body: `${input.note.slice(0, 100)}（附 ${files.length} 份证明材料）`,
                  link: `/supervision/${id}`,
                },
              ]
            : [],
        };
      },
    },
    files.length,
  );
}
