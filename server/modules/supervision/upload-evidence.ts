// 督办证明材料: a file uploaded by the owner (typed by its bytes, scanned, stored by SM3), attached
// to the progress or done report that names it.
import { transaction } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { FileScanner } from '../../platform/files/files.ts';
import { checkUpload, storeUpload } from '../../platform/files/upload.ts';
import type { ActionContext } from '../../platform/workflow/runner.ts';
import { insertFile } from './supervision.repo.ts';

export async function uploadEvidence(
  ctx: ActionContext,
  scanner: FileScanner,
  bytes: Buffer,
  fileName: string,
) {
  const type = await checkUpload(bytes, '证明材料', scanner);
  return transaction(ctx.db, async (trx) => {
    const hash = await storeUpload(trx, bytes, type);
    const row = await insertFile(trx, {
      file_name: fileName,
      blob_hash: hash,
      content_type: type.contentType,
      size: bytes.length,
      uploaded_by: ctx.principal.id,
    });
    await writeAudit(trx, ctx.actor, {
      action: 'supervision.file.upload',
      targetType: 'supervision_file',
      targetId: row.id,
      summary: { fileName, sm3: hash, size: bytes.length },
    });
    return { id: Number(row.id), fileName: row.file_name, contentType: row.content_type, size: row.size };
  });
}
