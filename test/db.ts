import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../server/db/client.ts';
import { adminUrl, databaseUrl } from './pg-url.ts';

/** True when the suite runs on PostgreSQL (DATABASE_URL set). */
export const onPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A fresh, migrated database with the demo data, private to the caller: a clone of the run's
 * template (in-memory PGlite by default, a new PostgreSQL database with DATABASE_URL).
 */
export async function freshDatabase(): Promise<
  Database & { url?: string; reopen?: () => Promise<Database> }
> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `xt_test_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(adminUrl(url), 1);
    await sql.raw(`create database ${name} template ${inject('pgTemplate')}`).execute(admin.db);
    const database = await openPostgres(databaseUrl(url, name));
    return {
      ...database,
      /** A second, independent pool on the same database (another "server"). */
      url: databaseUrl(url, name),
      reopen: () => openPostgres(databaseUrl(url, name)),
      close: async () => {
        await database.close();
        await sql.raw(`drop database if exists ${name}`).execute(admin.db);
        await admin.close();
      },
    };
  }
  const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  return openPglite(undefined, blob);
}

/** A database with nothing in it (not even migrations), for migration tests. */
export async function emptyDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `xt_empty_${randomBytes(6).toString('hex')}`;
    const admin = await openPostgres(adminUrl(url), 1);
    await sql.raw(`create database ${name}`).execute(admin.db);
    const database = await openPostgres(databaseUrl(url, name));
    return {
      ...database,
      close: async () => {
        await database.close();
        await sql.raw(`drop database if exists ${name}`).execute(admin.db);
        await admin.close();
      },
    };
  }
  return openPglite();
}
