import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../test/db.ts';
import type { Database } from './client.ts';
import { MIGRATIONS_DIR, MigrationError, migrate, migrationStatus, readMigrations } from './migrate.ts';
import { dumpSchema } from './schema-dump.ts';
import { generateDbTypes } from './types-gen.ts';

describe('migrations', () => {
  let database: Database;
  beforeAll(async () => {
    database = await emptyDatabase();
  });
  afterAll(() => database.close());

  it('applies every migration once; a second run is a no-op', async () => {
    const first = await migrate(database.db);
    expect(first.map((m) => m.version)).toEqual(readMigrations().map((m) => m.version));
    expect(await migrate(database.db)).toEqual([]);
    const status = await migrationStatus(database.db);
    expect(status.pending).toEqual([]);
    expect(status.applied).toBe(first.length);
  });

  it('matches the committed schema.sql snapshot (run `npm run schema:dump` after adding a migration)', async () => {
    const committed = fs.readFileSync(path.join(MIGRATIONS_DIR, '..', 'schema.sql'), 'utf8');
    expect(await dumpSchema(database.db)).toBe(committed);
  });

  it('matches the committed row types, server/db/types.ts (run `npm run gen:db-types` after a migration)', async () => {
    const committed = fs.readFileSync(path.join(MIGRATIONS_DIR, '..', 'types.ts'), 'utf8');
    expect(await generateDbTypes(database.db)).toBe(committed);
  });

  it('refuses an edited migration that was already applied, naming it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xt-mig-'));
    for (const f of fs.readdirSync(MIGRATIONS_DIR))
      fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    const first = fs.readdirSync(dir).sort()[0]!;
    fs.appendFileSync(path.join(dir, first), '\n-- edited after landing\n');
    const edited = readMigrations(dir);
    await expect(migrate(database.db, edited)).rejects.toThrow(MigrationError);
    await expect(migrate(database.db, edited)).rejects.toThrow(/第 1 号迁移.*被修改过/);
    fs.rmSync(dir, { recursive: true });
  });

  it('refuses gaps in numbering', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xt-mig-'));
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'select 1;');
    fs.writeFileSync(path.join(dir, '0003_c.sql'), 'select 1;');
    expect(() => readMigrations(dir)).toThrow(/编号不连续/);
    fs.rmSync(dir, { recursive: true });
  });
});

describe('schema snapshot', () => {
  it('loaded into an empty database, gives the same schema as migrating', async () => {
    const migrated = await emptyDatabase();
    const loaded = await emptyDatabase();
    try {
      await migrate(migrated.db);
      const snapshot = fs.readFileSync(path.join(MIGRATIONS_DIR, '..', 'schema.sql'), 'utf8');
      await sql.raw(snapshot).execute(loaded.db);
      expect(await dumpSchema(loaded.db)).toBe(await dumpSchema(migrated.db));
    } finally {
      await migrated.close();
      await loaded.close();
    }
  });
});
