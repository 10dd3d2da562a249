import type { Db } from '../../db/client.ts';

// The content-addressed file store shared by documents, seal images and materials.

/** Stores bytes under their SM3 digest; storing the same bytes twice keeps one copy. */
export async function putBlob(db: Db, hash: string, contentType: string, content: Buffer) {
  await db
    .insertInto('blob')
    .values({ hash, content_type: contentType, size: content.length, content })
    .onConflict((oc) => oc.column('hash').doNothing())
    .execute();
}

export async function getBlob(db: Db, hash: string) {
  const row = await db
    .selectFrom('blob')
    .select(['content_type', 'content'])
    .where('hash', '=', hash)
    .executeTakeFirst();
  // pg gives a Buffer, PGlite a Uint8Array.
  return row ? { contentType: row.content_type, content: Buffer.from(row.content) } : undefined;
}
