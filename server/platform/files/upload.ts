import type { Db } from '../../db/client.ts';
import { problems } from '../http/problem.ts';
import { sm3Hex } from '../seals/seals.ts';
import { putBlob } from './blobs.ts';
import {
  ACCEPTED_LABELS,
  type FileScanner,
  MAX_MATERIAL_BYTES,
  type SniffedType,
  sniffMaterial,
} from './files.ts';

/**
 * The one upload pipeline: not empty, at most 10 MB, an accepted type by its bytes, and clean by
 * the scanner when one is given. `what` names the file in the messages (材料文件, 附件 …).
 */
export async function checkUpload(bytes: Buffer, what: string, scanner?: FileScanner): Promise<SniffedType> {
  if (bytes.length === 0) throw problems.badRequest('上传的文件是空的。');
  if (bytes.length > MAX_MATERIAL_BYTES) {
    throw problems.tooLarge(`${what}不能超过 ${MAX_MATERIAL_BYTES / 1024 / 1024} MB。`);
  }
  const type = sniffMaterial(bytes);
  if (!type) throw problems.unsupportedType(`不支持该文件类型，请上传 ${ACCEPTED_LABELS} 文件。`);
  const scan = await scanner?.scan(bytes);
  if (scan && !scan.clean) throw problems.unprocessable(`文件未通过病毒扫描（${scan.finding}），已拒收。`);
  return type;
}

/** Stores checked bytes content-addressed (SM3) in the caller's transaction; returns the digest. */
export async function storeUpload(trx: Db, bytes: Buffer, type: SniffedType): Promise<string> {
  const hash = sm3Hex(bytes);
  await putBlob(trx, hash, type.contentType, bytes);
  return hash;
}
