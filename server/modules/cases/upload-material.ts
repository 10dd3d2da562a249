// 申请材料: files go into the enterprise's material store, typed by their bytes and scanned; what
// a window has checked against the original (grade A/B) can be reused instead of handed in again.

import type { Db } from '../../db/client.ts';
import { transaction } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import type { FileScanner } from '../../platform/files/files.ts';
import { checkUpload, storeUpload } from '../../platform/files/upload.ts';
import { problems } from '../../platform/http/problem.ts';
import { enterprise as enterpriseOf } from '../enterprises/enterprises.service.ts';
import { insertStoredMaterial, reusableMaterials } from './cases.repo.ts';

/**
 * Stores an uploaded material in the enterprise's store after checking size, type (by its bytes)
 * and the scanner. Enterprise uploads are grade C until a window checks them against the original.
 */
export async function uploadMaterial(
  db: Db,
  actor: Actor,
  principal: Principal,
  scanner: FileScanner,
  input: { bytes: Buffer; fileName: string; sharedKey: string; name: string; enterpriseId?: number },
) {
  const type = await checkUpload(input.bytes, '材料文件', scanner);
  let enterpriseId: number | null;
  if (principal.kind === 'enterprise') enterpriseId = principal.id;
  else {
    if (scopeFor(principal, 'case:intake').kind === 'none') throw problems.forbidden();
    enterpriseId = input.enterpriseId
      ? Number((await enterpriseOf(db, principal, input.enterpriseId)).id)
      : null;
  }
  return transaction(db, async (trx) => {
    const hash = await storeUpload(trx, input.bytes, type);
    const row = await insertStoredMaterial(trx, {
      enterprise_id: enterpriseId,
      shared_key: input.sharedKey,
      name: input.name,
      file_name: input.fileName,
      blob_hash: hash,
      content_type: type.contentType,
      size: input.bytes.length,
      trust_grade: principal.kind === 'enterprise' ? 'C' : 'B',
      source: principal.kind === 'enterprise' ? 'upload' : 'window',
      verified_by: actor.kind === 'staff' ? actor.id : null,
    });
    await writeAudit(trx, actor, {
      action: 'material.upload',
      targetType: 'stored_material',
      targetId: row.id,
      summary: { sharedKey: input.sharedKey, size: input.bytes.length, contentType: type.contentType, hash },
    });
    return Number(row.id);
  });
}

/** The enterprise's reusable materials (A/B grade, e-licences) for the given keys (不重复提交). */
export async function materialOffers(
  db: Db,
  principal: Principal,
  sharedKeys: string[],
  enterpriseId?: number,
) {
  const id =
    principal.kind === 'enterprise'
      ? principal.id
      : enterpriseId
        ? Number((await enterpriseOf(db, principal, enterpriseId)).id)
        : undefined;
  if (!id) return [];
  return reusableMaterials(db, id, sharedKeys);
}

// --- submission ---------------------------------------------------------------------------------
