import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../server/db/client.ts';
import { prepareDatabase } from '../server/db/prepare.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { SecretBox } from '../server/platform/crypto/secrets.ts';
import { TEST_SECRET_KEY } from './keys.ts';
import { adminUrl, databaseUrl } from './pg-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

// One migrated and demo-seeded template per run; each test file clones it (PGlite: load the
// dumped data directory; PostgreSQL: CREATE DATABASE … TEMPLATE).
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `xt_template_${process.pid}`;
    const admin = await openPostgres(adminUrl(url));
    const { sql } = await import('kysely');
    await sql.raw(`drop database if exists ${name}`).execute(admin.db);
    await sql.raw(`create database ${name}`).execute(admin.db);
    const tpl = await openPostgres(databaseUrl(url, name));
    await prepareDatabase(tpl.db, { seed: (db) => seedDemo(db, new SecretBox(TEST_SECRET_KEY)) });
    await tpl.close();
    project.provide('pgTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await sql.raw(`drop database if exists ${name}`).execute(admin.db);
      await admin.close();
    };
  }
  const database = await openPglite();
  await prepareDatabase(database.db, { seed: (db) => seedDemo(db, new SecretBox(TEST_SECRET_KEY)) });
  const blob = await database.pglite!.dumpDataDir('none');
  await database.close();
  const file = path.join(os.tmpdir(), `xietong-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplate', '');
  return () => fs.rmSync(file, { force: true });
}
