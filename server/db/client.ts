import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  type DatabaseConnection,
  Kysely,
  PostgresDialect,
  PostgresDriver,
  sql,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import { guardAcquire, runInTransactionContext } from './tx-guard.ts';
import type { DB } from './types.ts';

// DATE stays a 'YYYY-MM-DD' string (calendar logic is zone-free); INT8 counts become numbers.
const DATE_OID = 1082;
const INT8_OID = 20;
pg.types.setTypeParser(DATE_OID, (v) => v);
pg.types.setTypeParser(INT8_OID, (v) => Number(v));
const pgliteParsers = { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) };

export type Db = Kysely<DB>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** The PGlite instance when embedded (backups, checkpoints). */
  pglite?: PGlite;
  /**
   * Receives NOTIFY payloads of a channel (sent with pg_notify inside a transaction, so only
   * committed work is announced). Returns the function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

type Guard = ReturnType<typeof guardAcquire>;

// Same root-handle guard as the PGlite driver, so both databases behave alike in tests.
class GuardedPostgresDriver extends PostgresDriver {
  readonly #guards = new WeakMap<DatabaseConnection, Guard>();
  override async acquireConnection(): Promise<DatabaseConnection> {
    const guard = guardAcquire();
    const conn = await super.acquireConnection();
    this.#guards.set(conn, guard);
    return conn;
  }
  override async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    this.#guards.get(conn)?.markOpen();
    await super.beginTransaction(conn, settings);
  }
  override async releaseConnection(conn: DatabaseConnection): Promise<void> {
    this.#guards.get(conn)?.markClosed();
    await super.releaseConnection(conn as Parameters<PostgresDriver['releaseConnection']>[0]);
  }
}

class GuardedPostgresDialect extends PostgresDialect {
  constructor(private readonly pool: pg.Pool) {
    super({ pool });
  }
  override createDriver() {
    return new GuardedPostgresDriver({ pool: this.pool });
  }
}

/**
 * A query whose text starts with the comment `prepared:name` (after `select ` for a query
 * builder's `modifyFront`; see `prepared`) runs as a named prepared statement on PostgreSQL: parsed once per connection and,
 * once PostgreSQL finds its generic plan good, not planned again. For the fixed texts run on every
 * request (the session lookup); the name carries a digest of the text, so variants never collide.
 * PGlite just sees a comment.
 */
const PREPARED = /^(?:select )?\/\* prepared:([a-z_]+) \*\//;

// Only the promise form with a text and values is rewritten (what Kysely sends); any other call
// passes through unchanged.
function preparingStatements(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const marker = typeof text === 'string' ? PREPARED.exec(text)?.[1] : undefined;
    if (!marker || typeof values === 'function' || rest.length) return query(text, values, ...rest);
    const name = `${marker}_${createHash('sha1')
      .update(text as string)
      .digest('base64url')
      .slice(0, 12)}`;
    return query({ name, text, values });
  };
}

/** Marks a query-builder query as prepared (see PREPARED). */
export const prepared = (name: string) => sql.raw(`/* prepared:${name} */`);

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('connect', preparingStatements);
  // Fail fast with a readable message instead of a stack of socket errors.
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end();
    throw new Error(`无法连接 PostgreSQL（${(err as Error).message}）/ cannot connect to PostgreSQL`);
  }
  const db = new Kysely<DB>({ dialect: new GuardedPostgresDialect(pool) });
  const listeners = new Set<pg.Client>();
  return {
    db,
    kind: 'postgres',
    // One dedicated connection per channel: LISTEN must stay on the connection that issued it.
    listen: async (channel, onPayload) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on('notification', (m) => {
        if (m.channel === channel) onPayload(m.payload ?? '');
      });
      client.on('error', () => {}); // a dropped listener must not crash the server
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => {});
      };
    },
    close: async () => {
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      await db.destroy();
    },
  };
}

/** Opens embedded PGlite: `dir` on disk, or in memory when undefined; `loadDataDir` clones a template. */
export async function openPglite(dir?: string, loadDataDir?: Blob): Promise<Database> {
  if (dir) fs.mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dir,
    loadDataDir,
    parsers: pgliteParsers,
    extensions: { pg_trgm },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    pglite,
    listen: async (channel, onPayload) => {
      const stop = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await stop();
      };
    },
    close: async () => {
      await db.destroy();
      if (!pglite.closed) {
        await pglite.exec('CHECKPOINT');
        await pglite.close();
      }
    },
  };
}

/** Reachability check for /readyz. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * Runs `fn` in one transaction. Every query inside must use `trx`; a query on the root handle
 * throws at once (see tx-guard.ts). Called with a transaction, it joins it, so a service that
 * runs its own transaction (issuing a document) can be part of a larger change (a case transition).
 */
export function transaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return runInTransactionContext(() => db.transaction().execute(fn));
}
