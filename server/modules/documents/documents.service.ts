import { type IsoDate, todayIn } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { SealKind } from '../../db/types.ts';
import { type Principal, scopeCoversRegion, scopeCoversUnit, scopeFor } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import type { SecretBox } from '../../platform/crypto/secrets.ts';
import { defaultFonts } from '../../platform/documents/fonts.ts';
import { assertValidDocument, type OfficialDocument } from '../../platform/documents/model.ts';
import { renderPdf } from '../../platform/documents/pdf.ts';
import { renderDocument } from '../../platform/documents/render.ts';
import { SAMPLE_DOCUMENTS } from '../../platform/documents/samples.ts';
import { TEMPLATE_WORDING } from '../../platform/documents/templates.ts';
import { type Wording, wordingProblems } from '../../platform/documents/wording.ts';
import { getBlob, putBlob } from '../../platform/files/blobs.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  assertUsable,
  BuiltinSealProvider,
  INTEGRITY_LABEL,
  SEAL_KIND_LABELS,
  SealUnusableError,
  sm3Hex,
} from '../../platform/seals/seals.ts';
import {
  activeSeal,
  findDocument,
  findForVerification,
  findSeal,
  insertDocument,
  insertSeal,
  listDocuments,
  listSeals,
  listSubjectDocuments,
  nextNumber,
  nextVersion,
  saveTemplateSettings,
  setSealImage,
  setSealStatus,
  supersedingVersion,
  templateSettings,
  templateSettingsOf,
} from './documents.repo.ts';
import { unitForIssue } from './issuer.repo.ts';

export const DOCUMENT_KIND_LABELS: Record<string, string> = {
  notification_letter: '告知函',
  consultation_letter: '书面征询意见函',
  meeting_notice: '会议通知',
  minutes: '会议纪要',
  supervision_order: '督办通知',
  supervision_notice: '督办通报',
  acceptance_notice: '受理通知书',
  rejection_decision: '不予受理决定书',
  one_time_notice: '一次性告知书',
  licence_decision: '准予行政许可决定书',
  denial_decision: '不予行政许可决定书',
  agency_agreement: '委托代办协议',
  agency_termination: '代办终止告知书',
};

/** The character after the issuer's short name in a document number, per document kind. */
export const NUMBER_SERIES: Record<string, string> = {
  notification_letter: '协',
  consultation_letter: '征',
  meeting_notice: '会',
  minutes: '纪',
  supervision_order: '督',
  supervision_notice: '督通',
  acceptance_notice: '受',
  rejection_decision: '不受',
  one_time_notice: '告',
  licence_decision: '许',
  denial_decision: '不许',
  agency_agreement: '代',
  agency_termination: '代终',
};

export interface IssueInput {
  subjectType: string;
  subjectId: string;
  /** Template kind (NUMBER_SERIES key). */
  kind: string;
  issuerUnitId: number;
  /** Whether the document takes a 发文字号 from the issuer's series. */
  numbered: boolean;
  /** Whether the issuer's active seal is applied. */
  sealed: boolean;
  issuedOn?: IsoDate;
  /** Builds the document once its number is known, in the region's wording. */
  build: (number: string | null, wording: Wording) => OfficialDocument;
}

/**
 * Issues a document in one transaction: takes the next number of the issuer's series (gap-free),
 * renders PDF and DOCX, seals the PDF bytes (SM2 over SM3), stores both files content-addressed
 * and immutable, and records a new version on its subject. Nothing is kept if any step fails.
 */
export async function issueDocument(db: Db, secrets: SecretBox, actor: Actor, input: IssueInput) {
  const issuedOn = input.issuedOn ?? todayIn();
  const year = Number(issuedOn.slice(0, 4));
  const provider = new BuiltinSealProvider(secrets);
  const fonts = defaultFonts();
  return transaction(db, async (trx) => {
    const unit = await unitForIssue(trx, input.issuerUnitId);
    if (!unit) throw problems.unprocessable('发文单位不存在。');
    // The region's administrator may set the letterhead, signature, series, wording and a closing paragraph.
    const settings = await templateSettings(trx, unit.region_code, input.kind);
    let number: string | null = null;
    let seq: number | null = null;
    if (input.numbered) {
      if (!unit.short_name) throw problems.unprocessable(`${unit.name} 尚未设置发文机关代字，不能编号发文。`);
      const series = settings?.number_series ?? NUMBER_SERIES[input.kind];
      if (!series) throw problems.unprocessable(`未知的文书类别：${input.kind}`);
      seq = await nextNumber(trx, input.issuerUnitId, input.kind, year);
      number = `${unit.short_name}${series}〔${year}〕${seq}号`;
    }
    const seal = input.sealed ? await activeSeal(trx, input.issuerUnitId) : undefined;
    if (input.sealed) {
      if (!seal) throw problems.unprocessable(`${unit.name} 没有可用的印章，请先由管理员制作印章。`);
      try {
        assertUsable(seal, issuedOn);
      } catch (err) {
        if (err instanceof SealUnusableError) throw problems.unprocessable(err.message);
        throw err;
      }
    }
    const sealImage = seal?.image_hash ? (await getBlob(trx, seal.image_hash))?.content : undefined;
    const built = withRegionSettings(input.build(number, settings?.wording ?? {}), settings);
    const doc: OfficialDocument = {
      ...built,
      ...(seal
        ? {
            seal: {
              name: seal.name,
              unitName: unit.name,
              kind: SEAL_KIND_LABELS[seal.kind],
              image: sealImage,
            },
            footerLabel: INTEGRITY_LABEL,
          }
        : {}),
    };
    try {
      assertValidDocument(doc);
    } catch (err) {
      throw problems.unprocessable((err as Error).message);
    }
    const { pdf, docx } = await renderDocument(doc, fonts);
    const pdfHash = sm3Hex(pdf);
    const docxHash = sm3Hex(docx);
    const signature = seal ? await provider.sign(pdfHash, seal) : null;
    await putBlob(trx, pdfHash, 'application/pdf', pdf);
    await putBlob(
      trx,
      docxHash,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      docx,
    );
    const version = await nextVersion(trx, input.subjectType, input.subjectId, input.kind);
    const row = await insertDocument(trx, {
      subject_type: input.subjectType,
      subject_id: input.subjectId,
      kind: input.kind,
      version,
      issuer_unit_id: input.issuerUnitId,
      number,
      number_year: seq ? year : null,
      number_seq: seq,
      title: doc.title,
      issued_on: issuedOn,
      pdf_hash: pdfHash,
      docx_hash: docxHash,
      seal_id: seal ? Number(seal.id) : null,
      signature,
      signed_at: seal ? new Date() : null,
      created_by: actor.kind === 'staff' ? actor.id : null,
    });
    await writeAudit(trx, actor, {
      action: 'document.issue',
      targetType: 'document',
      targetId: row.id,
      summary: { kind: input.kind, number, version, pdfHash, sealId: seal?.id ?? null },
    });
    return { id: Number(row.id), number, version, pdfHash, docxHash, pdfBytes: pdf.length };
  });
}

type RegionSettings = Pick<
  NonNullable<Awaited<ReturnType<typeof templateSettings>>>,
  'issuer_mark' | 'signature_name' | 'closing'
>;

/** A built document with the region's letterhead, signature and closing paragraph where set. */
function withRegionSettings(built: OfficialDocument, settings: RegionSettings | undefined): OfficialDocument {
  return {
    ...built,
    ...(settings?.issuer_mark && built.format !== 'minutes' ? { issuerMark: settings.issuer_mark } : {}),
    ...(settings?.signature_name ? { signatureName: settings.signature_name } : {}),
    ...(settings?.closing
      ? { blocks: [...built.blocks, { kind: 'paragraph' as const, text: settings.closing }] }
      : {}),
  };
}

export function documentsOf(db: Db, principal: Principal, subjectType: string, subjectId: string) {
  return listDocuments(db, scopeFor(principal, 'document:read'), subjectType, subjectId);
}

export async function documentFile(db: Db, principal: Principal, id: number, format: 'pdf' | 'docx') {
  const row = await findDocument(db, scopeFor(principal, 'document:read'), id);
  if (!row) throw problems.notFound('文书不存在或不在您的数据范围内。');
  return fileOf(db, row, format);
}

/** The stored PDF or DOCX of a document row the caller may see. */
async function fileOf<R extends { pdf_hash: string; docx_hash: string | null }>(
  db: Db,
  row: R,
  format: 'pdf' | 'docx',
) {
  const hash = format === 'pdf' ? row.pdf_hash : row.docx_hash;
  const blob = hash ? await getBlob(db, hash) : undefined;
  if (!blob) throw problems.notFound('该文书没有此格式的文件。');
  return { row, ...blob };
}

/** Documents of a subject the caller may see (the subject's own access check has passed). */
export function subjectDocuments(db: Db, subjectType: string, subjectId: string) {
  return listSubjectDocuments(db, subjectType, subjectId);
}

/** One file of a subject's document, for a caller who may see the subject. */
export async function subjectDocumentFile(
  db: Db,
  subjectType: string,
  subjectId: string,
  id: number,
  format: 'pdf' | 'docx',
) {
  const row = (await listSubjectDocuments(db, subjectType, subjectId)).find((d) => Number(d.id) === id);
  if (!row) throw problems.notFound('文书不存在。');
  return fileOf(db, row, format);
}

export async function documentMeta(db: Db, principal: Principal, id: number) {
  const row = await findDocument(db, scopeFor(principal, 'document:read'), id);
  if (!row) throw problems.notFound('文书不存在或不在您的数据范围内。');
  return row;
}

/** Document kinds whose later version replaces the earlier one (a correction). */
const SUPERSEDED_BY_LATER: ReadonlySet<string> = new Set(['minutes']);

/**
 * Anyone can check a document (R-SEAL-3): by its file, or by number and digest. Reports the
 * issuer, date, seal and whether the bytes are exactly those that were sealed.
 */
export async function verifyDocument(
  db: Db,
  secrets: SecretBox,
  by: { bytes?: Buffer; number?: string; digest?: string },
) {
  const digest = by.bytes ? sm3Hex(by.bytes) : by.digest!.toLowerCase();
  const row = await findForVerification(db, { number: by.number, digest });
  if (!row) {
    return {
      found: false as const,
      digest,
      message: by.number
        ? `没有文号为 ${by.number} 且摘要相符的文书：文件可能被改动过，或文号、摘要有误。`
        : '没有与该文件摘要相符的文书：文件可能被改动过（哪怕一个字节），或不是本平台出具。',
    };
  }
  // Issued minutes are corrected by a new version that replaces them; other kinds are issued again
  // for new facts (a second correction notice) and do not void the earlier one.
  const later = SUPERSEDED_BY_LATER.has(row.kind) ? await supersedingVersion(db, row) : undefined;
  const sealed = row.signature && row.public_key;
  const valid = sealed
    ? await new BuiltinSealProvider(secrets).verify(digest, row.signature!, {
        id: Number(row.seal_id),
        status: 'active',
        valid_from: row.valid_from!,
        valid_to: row.valid_to!,
        public_key: row.public_key!,
        private_key_enc: null,
      })
    : false;
  return {
    found: true as const,
    digest,
    valid,
    number: row.number,
    title: row.title,
    issuer: row.issuer_name,
    issuedOn: row.issued_on,
    seal: sealed
      ? {
          name: row.seal_name!,
          kind: SEAL_KIND_LABELS[row.seal_kind!],
          status: row.seal_status!,
          signedAt: row.signed_at!.toISOString(),
          legal: false,
          label: INTEGRITY_LABEL,
        }
      : null,
    supersededBy: later ? { number: later.number, issuedOn: later.issued_on } : null,
    message: `${
      !sealed
        ? '文件与本平台出具的文书一致（该文书未用印）。'
        : valid
          ? '文件未被改动，签名有效。'
          : '签名无效：文件或签名记录可能被篡改。'
    }${later ? `但该文书已被 ${later.issued_on} 印发的${later.number ?? '新版本'}更正替代，请以新版本为准。` : ''}`,
  };
}

export function seals(db: Db, principal: Principal) {
  return listSeals(db, scopeFor(principal, 'seal:manage'));
}

function sealManageable(principal: Principal, unit: { id: number; region_code: string }) {
  return scopeCoversUnit(scopeFor(principal, 'seal:manage'), { id: unit.id, regionCode: unit.region_code });
}

/** Makes a built-in seal: new SM2 keys, the private key SM4-encrypted. */
export async function createSeal(
  db: Db,
  secrets: SecretBox,
  actor: Actor,
  principal: Principal,
  input: { unitId: number; kind: SealKind; name: string; validFrom: IsoDate; validTo: IsoDate },
) {
  const unit = await unitForIssue(db, input.unitId);
  if (!unit || !sealManageable(principal, { id: Number(unit.id), region_code: unit.region_code })) {
    throw problems.validation([{ field: 'body.unitId', message: '单位不存在或不在您的管理范围内' }]);
  }
  if (input.validTo < input.validFrom)
    throw problems.validation([{ field: 'body.validTo', message: '有效期止不能早于起' }]);
  const keys = BuiltinSealProvider.newKeys(secrets);
  return transaction(db, async (trx) => {
    const row = await insertSeal(trx, {
      unit_id: input.unitId,
      kind: input.kind,
      name: input.name,
      public_key: keys.publicKey,
      private_key_enc: keys.privateKeyEnc,
      valid_from: input.validFrom,
      valid_to: input.validTo,
      created_by: principal.id,
    });
    await writeAudit(trx, actor, {
      action: 'seal.create',
      targetType: 'seal',
      targetId: row.id,
      summary: { ...input },
    });
    return row;
  });
}

/** Key rotation: a new seal with new keys replaces the old one, which is revoked (its signatures still verify). */
export async function rotateSeal(db: Db, secrets: SecretBox, actor: Actor, principal: Principal, id: number) {
  const old = await findSeal(db, scopeFor(principal, 'seal:manage'), id);
  if (!old) throw problems.notFound('印章不存在或不在您的管理范围内。');
  if (old.status === 'revoked') throw problems.conflict('该印章已注销。');
  const keys = BuiltinSealProvider.newKeys(secrets);
  return transaction(db, async (trx) => {
    const row = await insertSeal(trx, {
      unit_id: Number(old.unit_id),
      kind: old.kind,
      name: old.name,
      public_key: keys.publicKey,
      private_key_enc: keys.privateKeyEnc,
      valid_from: old.valid_from,
      valid_to: old.valid_to,
      created_by: principal.id,
    });
    if (old.image_hash) await setSealImage(trx, Number(row.id), old.image_hash); // the seal keeps its image
    await setSealStatus(trx, id, 'revoked', Number(row.id));
    await writeAudit(trx, actor, {
      action: 'seal.rotate',
      targetType: 'seal',
      targetId: id,
      summary: { replacedBy: row.id },
    });
    return row;
  });
}

/**
 * Suspends a seal (e.g. while a keeper is absent or a misuse is checked) or puts it back in use. A
 * suspended seal cannot seal; documents it sealed before still verify.
 */
export async function setSealInUse(db: Db, actor: Actor, principal: Principal, id: number, inUse: boolean) {
  const seal = await findSeal(db, scopeFor(principal, 'seal:manage'), id);
  if (!seal) throw problems.notFound('印章不存在或不在您的管理范围内。');
  if (seal.status === 'revoked') throw problems.conflict('该印章已注销，不能停用或启用。');
  const target: 'active' | 'suspended' = inUse ? 'active' : 'suspended';
  if (seal.status === target) throw problems.conflict(inUse ? '该印章已在使用中。' : '该印章已停用。');
  await transaction(db, async (trx) => {
    await setSealStatus(trx, id, target);
    await writeAudit(trx, actor, {
      action: inUse ? 'seal.resume' : 'seal.suspend',
      targetType: 'seal',
      targetId: id,
      summary: { from: seal.status, to: target },
    });
  });
  return target;
}

function regionManageable(principal: Principal, regionCode: string) {
  return scopeCoversRegion(scopeFor(principal, 'document:template'), regionCode);
}

/** Every document kind with the region's settings (null where the defaults apply). */
export async function templateList(db: Db, principal: Principal, regionCode: string) {
  if (!regionManageable(principal, regionCode)) throw problems.notFound('区划不存在或不在您的管理范围内。');
  const rows = new Map((await templateSettingsOf(db, regionCode)).map((r) => [r.kind, r]));
  return Object.keys(NUMBER_SERIES).map((kind) => ({ kind, row: rows.get(kind) ?? null }));
}

export interface TemplateInput {
  issuerMark: string | null;
  signatureName: string | null;
  numberSeries: string | null;
  closing: string | null;
  /** Slot key → text; an empty text means the default. */
  wording: Wording;
}

/** The input's wording, trimmed and without emptied slots, once it passes the template's checks. */
function checkedTemplateInput(principal: Principal, regionCode: string, kind: string, input: TemplateInput) {
  const slots = TEMPLATE_WORDING[kind];
  if (!NUMBER_SERIES[kind] || !slots) throw problems.notFound('没有这种文书。');
  if (!regionManageable(principal, regionCode)) throw problems.forbidden('您不能修改该区划的文书模板。');
  const wording = Object.fromEntries(
    Object.entries(input.wording)
      .map(([key, text]) => [key, text.replace(/\r\n?/g, '\n').trim()] as const)
      .filter(([, text]) => text !== ''),
  );
  const wordingErrors = wordingProblems(slots, wording);
  if (wordingErrors.length > 0) {
    throw problems.unprocessable(
      wordingErrors.map((e) => e.message).join(''),
      wordingErrors.map((e) => ({ field: `wording.${e.slot}`, message: e.message })),
    );
  }
  return { ...input, wording };
}

/** The template's sample in the given settings, validated: what would be refused at issue is refused now. */
function sampleDocument(kind: string, input: TemplateInput) {
  const sample = SAMPLE_DOCUMENTS[kind];
  if (!sample) throw problems.notFound('没有这种文书。');
  const built = sample({
    issuerMark: '（发文机关标志）',
    signatureName: '（发文机关署名）',
    footerLabel: '样稿，仅供预览',
    wording: input.wording,
  });
  const series = input.numberSeries ?? NUMBER_SERIES[kind];
  const doc = withRegionSettings(
    { ...built, ...(built.number ? { number: `样${series}〔${todayIn().slice(0, 4)}〕1号` } : {}) },
    { issuer_mark: input.issuerMark, signature_name: input.signatureName, closing: input.closing },
  );
  try {
    assertValidDocument(doc);
  } catch (err) {
    throw problems.unprocessable((err as Error).message);
  }
  return doc;
}

/** A sample of the template in the submitted (unsaved) settings: not numbered, sealed or stored. */
export async function previewTemplate(
  principal: Principal,
  regionCode: string,
  kind: string,
  raw: TemplateInput,
) {
  const input = checkedTemplateInput(principal, regionCode, kind, raw);
  return renderPdf(sampleDocument(kind, input), defaultFonts());
}

export async function saveTemplate(
  db: Db,
  actor: Actor,
  principal: Principal,
  regionCode: string,
  kind: string,
  expectedVersion: number,
  raw: TemplateInput,
) {
  const input = checkedTemplateInput(principal, regionCode, kind, raw);
  sampleDocument(kind, input);
  return transaction(db, async (trx) => {
    const row = await saveTemplateSettings(
      trx,
      {
        region_code: regionCode,
        kind,
        issuer_mark: input.issuerMark,
        signature_name: input.signatureName,
        number_series: input.numberSeries,
        closing: input.closing,
        wording: JSON.stringify(input.wording),
        updated_by: principal.id,
      },
      expectedVersion,
    );
    if (!row) throw problems.preconditionFailed('模板设置已被他人修改，请刷新后再保存。');
    await writeAudit(trx, actor, {
      action: 'document_template.save',
      targetType: 'document_template',
      targetId: `${regionCode}/${kind}`,
      summary: input,
    });
    return row;
  });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An uploaded seal image: a real PNG (sniffed, not trusted from the header), square, 100–2000 px. */
export async function uploadSealImage(db: Db, actor: Actor, principal: Principal, id: number, bytes: Buffer) {
  const seal = await findSeal(db, scopeFor(principal, 'seal:manage'), id);
  if (!seal) throw problems.notFound('印章不存在或不在您的管理范围内。');
  if (
    bytes.length < 33 ||
    !bytes.subarray(0, 8).equals(PNG_SIGNATURE) ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw problems.unprocessable('印章图片须为 PNG 文件（建议透明背景的红色印模）。');
  }
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  if (width < 100 || height < 100 || width > 2000 || height > 2000 || Math.abs(width - height) > width / 10) {
    throw problems.unprocessable(`印章图片应为近似正方形，边长 100–2000 像素（当前 ${width}×${height}）。`);
  }
  const hash = sm3Hex(bytes);
  await transaction(db, async (trx) => {
    await putBlob(trx, hash, 'image/png', bytes);
    await setSealImage(trx, id, hash);
    await writeAudit(trx, actor, {
      action: 'seal.image',
      targetType: 'seal',
      targetId: id,
      summary: { hash, width, height },
    });
  });
  return { id, imageHash: hash };
}
