// 协调附件: a file uploaded for a request or a reply (typed by its bytes, scanned, stored by SM3),
// attached when the form that names it is submitted.

import type { Db } from '../../db/client.ts';
import { transaction } from '../../db/client.ts';
import type { Principal } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { FileScanner } from '../../platform/files/files.ts';
import { checkUpload, storeUpload } from '../../platform/files/upload.ts';
import { problems } from '../../platform/http/problem.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { attachOwnFiles, insertFile } from './coordination.repo.ts';

export async function uploadFile(ctx: ActionContext, scanner: FileScanner, bytes: Buffer, fileName: string) {
  const type = await checkUpload(bytes, '附件', scanner);
  return transaction(ctx.db, async (trx) => {
    const hash = await storeUpload(trx, bytes, type);
    const row = await insertFile(trx, {
      file_name: fileName,
      blob_hash: hash,
      content_type: type.contentType,
      size: bytes.length,
      uploaded_by: ctx.principal.kind === 'staff' ? ctx.principal.id : null,
      uploaded_by_enterprise: ctx.principal.kind === 'enterprise' ? ctx.principal.id : null,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'coordination.file.upload',
      targetType: 'coordination_file',
      targetId: row.id,
      summary: { fileName, contentType: type.contentType, size: bytes.length, sm3: hash },
    });
    return {
      id: Number(row.id),
      consultationId: null,
      fileName: row.file_name,
      contentType: row.content_type,
      size: row.size,
    };
  });
}

/** Attaches the uploader's own unattached files; anything else is refused. */
export async function attachFiles(
  trx: Db,
  principal: Principal,
  fileIds: number[],
  requestId: number,
  consultationId: number | null,
) {
  if (!fileIds.length) return;
  const attached = await attachOwnFiles(trx, principal, fileIds, requestId, consultationId);
  if (attached !== new Set(fileIds).size) {
    throw problems.unprocessable('附件不存在、不是您上传的或已被使用，请重新上传。');
  }
}
