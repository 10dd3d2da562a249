import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Db, transaction } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {}

/** Reads `NNNN_name.sql` files in order; numbering must be contiguous from 1. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  return files.map((file, i) => {
    const m = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!m) throw new MigrationError(`迁移文件名不合规：${file}（应为 0001_name.sql）`);
    const version = Number(m[1]);
    if (version !== i + 1) throw new MigrationError(`迁移编号不连续：${file} 应为第 ${i + 1} 号`);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    return { version, name: m[2]!, sql: text, checksum: sha256(text) };
  });
}

function sha256(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

async function ensureLedger(db: Db) {
  await sql`create table if not exists schema_migration (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
}

export interface MigrationStatus {
  applied: number;
  pending: Migration[];
}

/** Compares the ledger with the files; an edited applied migration is refused. */
export async function migrationStatus(db: Db, migrations = readMigrations()): Promise<MigrationStatus> {
  await ensureLedger(db);
  const rows = await sql<{ version: number; name: string; checksum: string }>`
    select version, name, checksum from schema_migration order by version`.execute(db);
  for (const row of rows.rows) {
    const file = migrations.find((m) => m.version === row.version);
    if (!file) {
      throw new MigrationError(
        `数据库已应用第 ${row.version} 号迁移（${row.name}），但代码中没有该文件：请使用较新的版本运行。`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `第 ${row.version} 号迁移（${row.name}）在应用后被修改过（校验和不符）。已应用的迁移不可修改，请新增一个迁移文件。` +
          ` / migration ${row.version} was edited after it was applied`,
      );
    }
  }
  const done = new Set(rows.rows.map((r) => r.version));
  return { applied: done.size, pending: migrations.filter((m) => !done.has(m.version)) };
}

/** Applies pending migrations, each in its own transaction; safe to run from several servers at once. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<Migration[]> {
  await migrationStatus(db, migrations); // refuses an edited migration before touching anything
  const applied: Migration[] = [];
  for (const m of migrations) {
    const done = await transaction(db, async (trx) => {
      // Serialises concurrent migrators (several app servers starting on PostgreSQL).
      await sql`select pg_advisory_xact_lock(7469657473)`.execute(trx);
      const exists = await sql<{ checksum: string }>`
        select checksum from schema_migration where version = ${m.version}`.execute(trx);
      if (exists.rows[0]) return false;
      await sql.raw(m.sql).execute(trx);
      await sql`insert into schema_migration (version, name, checksum)
        values (${m.version}, ${m.name}, ${m.checksum})`.execute(trx);
      return true;
    });
    if (done) applied.push(m);
  }
  return applied;
}
