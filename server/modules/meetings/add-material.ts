// 会议材料: the organiser attaches the meeting's materials (typed by their bytes, scanned, stored
// by SM3) while it is prepared; they go out with the notice, and one added after the notice is
// sent to every invited unit at once. Until the notice, a material can be taken off again.

import type { FileScanner } from '../../platform/files/files.ts';
import { checkUpload, storeUpload } from '../../platform/files/upload.ts';
import { problems } from '../../platform/http/problem.ts';
import { type NewNotification, unitUsersWith } from '../../platform/notify/notify.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { deleteMaterial, insertMaterial, materialsOf } from './meetings.repo.ts';
import { runMeetingEvent } from './meetings.workflow.ts';

const MAX_MATERIALS = 20;

export async function addMaterial(
  ctx: ActionContext,
  scanner: FileScanner,
  id: number,
  bytes: Buffer,
  fileName: string,
) {
  const type = await checkUpload(bytes, '会议材料', scanner);
  return runMeetingEvent(ctx, id, undefined, 'add_material', {
    async check(trx) {
      if ((await materialsOf(trx, id)).length >= MAX_MATERIALS) {
        throw problems.conflict(`每次会议最多 ${MAX_MATERIALS} 份材料。`);
      }
    },
    async effect(trx, row, facts) {
      const hash = await storeUpload(trx, bytes, type);
      const materialId = await insertMaterial(trx, {
        meeting_id: id,
        file_name: fileName,
        blob_hash: hash,
        content_type: type.contentType,
        size: bytes.length,
        uploaded_by: ctx.principal.id,
      });
      const notices: NewNotification[] = [];
      if (row.state === 'convened') {
        for (const i of facts.invitees) {
          notices.push({
            userIds: await unitUsersWith(trx, Number(i.unit_id), 'meeting:attend'),
            kind: 'meeting.material',
            title: `会议材料：${row.title}`.slice(0, 200),
            body: `新增会议材料《${fileName}》，请会前阅看。`,
            link: `/meetings/${id}`,
          });
        }
      }
      return {
        timeline: { kind: 'meeting.material', title: `上传会议材料《${fileName}》`.slice(0, 200) },
        audit: { materialId, fileName, sm3: hash, size: bytes.length },
        notices,
      };
    },
  });
}

export function removeMaterial(ctx: ActionContext, id: number, materialId: number) {
  return runMeetingEvent(ctx, id, undefined, 'remove_material', {
    async effect(trx) {
      if (!(await deleteMaterial(trx, id, materialId))) throw problems.notFound('该会议材料不存在。');
      return { audit: { materialId } };
    },
  });
}
