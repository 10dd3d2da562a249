import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { DocumentTemplateTable } from '../../db/types.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

/** Takes the next number of a series inside the caller's transaction (row lock until commit). */
export async function nextNumber(db: Db, unitId: number, kind: string, year: number): Promise<number> {
  const r = await sql<{ last_number: number }>`
    insert into document_counter (issuer_unit_id, kind, year, last_number) values (${unitId}, ${kind}, ${year}, 1)
    on conflict (issuer_unit_id, kind, year) do update set last_number = document_counter.last_number + 1
    returning last_number`.execute(db);
  return r.rows[0]!.last_number;
}

export async function nextVersion(
  db: Db,
  subjectType: string,
  subjectId: string,
  kind: string,
): Promise<number> {
  const r = await db
    .selectFrom('document')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

export const documentColumns = [
  'document.id',
  'document.subject_type',
  'document.subject_id',
  'document.kind',
  'document.version',
  'document.issuer_unit_id',
  'document.number',
  'document.title',
  'document.issued_on',
  'document.pdf_hash',
  'document.docx_hash',
  'document.seal_id',
  'document.signature',
  'document.signed_at',
  'document.created_at',
] as const;

export function insertDocument(
  db: Db,
  row: {
    subject_type: string;
    subject_id: string;
    kind: string;
    version: number;
    issuer_unit_id: number;
    number: string | null;
    number_year: number | null;
    number_seq: number | null;
    title: string;
    issued_on: string;
    pdf_hash: string;
    docx_hash: string | null;
    seal_id: number | null;
    signature: string | null;
    signed_at: Date | null;
    created_by: number | null;
  },
) {
  return db.insertInto('document').values(row).returning('id').executeTakeFirstOrThrow();
}

export function listDocuments(db: Db, scope: UnitScope, subjectType: string, subjectId: string) {
  return db
    .selectFrom('document')
    .innerJoin('unit', 'unit.id', 'document.issuer_unit_id')
    .select([...documentColumns, 'unit.name as issuer_name'])
    .where('document.subject_type', '=', subjectType)
    .where('document.subject_id', '=', subjectId)
    .where((eb) => inScope(eb, scope, { unit: 'document.issuer_unit_id' }))
    .orderBy('document.id', 'desc')
    .execute();
}

export function findDocument(db: Db, scope: UnitScope, id: number) {
  return db
    .selectFrom('document')
    .innerJoin('unit', 'unit.id', 'document.issuer_unit_id')
    .select([...documentColumns, 'unit.name as issuer_name'])
    .where('document.id', '=', id)
    .where((eb) => inScope(eb, scope, { unit: 'document.issuer_unit_id' }))
    .executeTakeFirst();
}

/** Public verification: by number and digest, or by digest alone (an uploaded file). */
export function findForVerification(db: Db, by: { number?: string; digest: string }) {
  let q = db
    .selectFrom('document')
    .innerJoin('unit', 'unit.id', 'document.issuer_unit_id')
    .leftJoin('seal', 'seal.id', 'document.seal_id')
    .select([
      ...documentColumns,
      'unit.name as issuer_name',
      'seal.name as seal_name',
      'seal.kind as seal_kind',
      'seal.provider as seal_provider',
      'seal.public_key',
      'seal.status as seal_status',
      'seal.valid_from',
      'seal.valid_to',
      'seal.private_key_enc',
    ])
    .where('document.pdf_hash', '=', by.digest);
  if (by.number) q = q.where('document.number', '=', by.number);
  return q.executeTakeFirst();
}

/** The latest later version of the same document (a correction that supersedes it), if any. */
export function supersedingVersion(
  db: Db,
  doc: { subject_type: string; subject_id: string; kind: string; version: number },
) {
  return db
    .selectFrom('document')
    .select(['number', 'issued_on'])
    .where('subject_type', '=', doc.subject_type)
    .where('subject_id', '=', doc.subject_id)
    .where('kind', '=', doc.kind)
    .where('version', '>', doc.version)
    .orderBy('version', 'desc')
    .executeTakeFirst();
}

export function activeSeal(db: Db, unitId: number) {
  return db
    .selectFrom('seal')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('status', '=', 'active')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function insertSeal(
  db: Db,
  row: {
    unit_id: number;
    kind: 'official' | 'internal' | 'business' | 'personal';
    name: string;
    public_key: string;
    private_key_enc: string;
    valid_from: string;
    valid_to: string;
    created_by: number | null;
  },
) {
  return db.insertInto('seal').values(row).returningAll().executeTakeFirstOrThrow();
}

export function listSeals(db: Db, scope: UnitScope) {
  return db
    .selectFrom('seal')
    .innerJoin('unit', 'unit.id', 'seal.unit_id')
    .select([
      'seal.id',
      'seal.unit_id',
      'unit.name as unit_name',
      'seal.kind',
      'seal.name',
      'seal.provider',
      'seal.status',
      'seal.valid_from',
      'seal.valid_to',
      'seal.replaced_by',
      'seal.created_at',
    ])
    .where((eb) => inScope(eb, scope, { unit: 'seal.unit_id' }))
    .orderBy('seal.id')
    .execute();
}

export function findSeal(db: Db, scope: UnitScope, id: number) {
  return db
    .selectFrom('seal')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => inScope(eb, scope, { unit: 'seal.unit_id' }))
    .executeTakeFirst();
}

export async function setSealStatus(
  db: Db,
  id: number,
  status: 'active' | 'suspended' | 'revoked',
  replacedBy?: number,
) {
  await db
    .updateTable('seal')
    .set({ status, ...(replacedBy ? { replaced_by: replacedBy } : {}) })
    .where('id', '=', id)
    .execute();
}

/** A region's settings for one document kind (the region is the issuing unit's). */
/** A region's settings of a template; `wording` is stored as JSON text, read as its slots. */
type TemplateSettings = Omit<Selectable<DocumentTemplateTable>, 'wording'> & {
  wording: Record<string, string>;
};

export function templateSettings(db: Db, regionCode: string, kind: string) {
  return db
    .selectFrom('document_template')
    .selectAll()
    .where('region_code', '=', regionCode)
    .where('kind', '=', kind)
    .$castTo<TemplateSettings>()
    .executeTakeFirst();
}

export function templateSettingsOf(db: Db, regionCode: string) {
  return db
    .selectFrom('document_template')
    .selectAll()
    .where('region_code', '=', regionCode)
    .$castTo<TemplateSettings>()
    .execute();
}

/**
 * Creates (expected version 0) or updates (expected the stored version) a region's settings; returns
 * undefined when the stored version is not the expected one.
 */
export async function saveTemplateSettings(
  db: Db,
  row: {
    region_code: string;
    kind: string;
    issuer_mark: string | null;
    signature_name: string | null;
    number_series: string | null;
    closing: string | null;
    wording: string;
    updated_by: number;
  },
  expectedVersion: number,
) {
  if (expectedVersion === 0) {
    return db
      .insertInto('document_template')
      .values(row)
      .onConflict((oc) => oc.columns(['region_code', 'kind']).doNothing())
      .returningAll()
      .$castTo<TemplateSettings>()
      .executeTakeFirst();
  }
  return db
    .updateTable('document_template')
    .set({ ...row, version: sql`version + 1`, updated_at: sql`now()` })
    .where('region_code', '=', row.region_code)
    .where('kind', '=', row.kind)
    .where('version', '=', expectedVersion)
    .returningAll()
    .$castTo<TemplateSettings>()
    .executeTakeFirst();
}

export async function setSealImage(db: Db, id: number, hash: string) {
  await db.updateTable('seal').set({ image_hash: hash }).where('id', '=', id).execute();
}

/** The documents of one subject (a case, a request); the caller has checked access to the subject. */
export function listSubjectDocuments(db: Db, subjectType: string, subjectId: string) {
  return db
    .selectFrom('document')
    .innerJoin('unit', 'unit.id', 'document.issuer_unit_id')
    .select([...documentColumns, 'unit.name as issuer_name'])
    .where('document.subject_type', '=', subjectType)
    .where('document.subject_id', '=', subjectId)
    .orderBy('document.id')
    .execute();
}
