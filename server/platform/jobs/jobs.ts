import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import { type Db, transaction } from '../../db/client.ts';

// Jobs live in the `job` table: enqueued inside the transaction of the change that needs them,
// claimed with FOR UPDATE SKIP LOCKED so any number of workers (processes, servers) share one
// queue and no job runs twice; retried with exponential backoff; kept as `dead` with the error
// after the last attempt.

export interface EnqueueOptions {
  runAt?: Date;
  dedupeKey?: string;
  maxAttempts?: number;
}

/** Adds a job with the caller's executor; with a dedupe key, a second enqueue is a no-op. */
export async function enqueue(
  db: Db,
  kind: string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<boolean> {
  const r = await db
    .insertInto('job')
    .values({
      kind,
      payload: JSON.stringify(payload ?? {}),
      run_at: opts.runAt ?? new Date(),
      dedupe_key: opts.dedupeKey ?? null,
      max_attempts: opts.maxAttempts ?? 5,
    })
    .onConflict((oc) => oc.columns(['kind', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

interface Definition {
  schema: z.ZodType;
  handler: (payload: unknown, ctx: { db: Db; jobId: number; attempt: number }) => Promise<void>;
}

export interface WorkerOptions {
  /** Poll interval when the queue is empty. */
  idleMs?: number;
  /** How long a claimed job may run before another worker may take it over. */
  leaseSeconds?: number;
  log?: (msg: string, extra?: Record<string, unknown>) => void;
}

export class JobWorker {
  readonly id = `w-${randomUUID().slice(0, 8)}`;
  readonly #kinds = new Map<string, Definition>();
  #timer?: NodeJS.Timeout;
  #running = false;
  #idle?: Promise<void>;

  constructor(
    private readonly db: Db,
    private readonly opts: WorkerOptions = {},
  ) {}

  /** Registers a job kind with the zod schema its payload must satisfy. */
  define<S extends z.ZodType>(
    kind: string,
    schema: S,
    handler: (payload: z.infer<S>, ctx: { db: Db; jobId: number; attempt: number }) => Promise<void>,
  ) {
    this.#kinds.set(kind, { schema, handler: handler as Definition['handler'] });
    return this;
  }

  /** Claims one due job of a known kind, or none. */
  async #claim() {
    const kinds = [...this.#kinds.keys()];
    if (!kinds.length) return undefined;
    const lease = this.opts.leaseSeconds ?? 300;
    return transaction(this.db, async (trx) => {
      const row = await sql<{
        id: number;
        kind: string;
        payload: unknown;
        attempts: number;
        max_attempts: number;
      }>`
        select id, kind, payload, attempts, max_attempts from job
        where kind = any(${kinds}::text[])
          and ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
        order by run_at, id
        limit 1
        for update skip locked`.execute(trx);
      const job = row.rows[0];
      if (!job) return undefined;
      await trx
        .updateTable('job')
        .set({
          status: 'running',
          attempts: sql`attempts + 1`,
          locked_by: this.id,
          locked_until: sql`now() + make_interval(secs => ${lease})`,
        })
        .where('id', '=', job.id)
        .execute();
      return { ...job, attempts: job.attempts + 1 };
    });
  }

  /** Runs due jobs until none is left; returns how many ran (successfully or not). */
  async runDue(limit = Number.POSITIVE_INFINITY): Promise<number> {
    let n = 0;
    while (n < limit) {
      const job = await this.#claim();
      if (!job) break;
      n++;
      const def = this.#kinds.get(job.kind)!;
      try {
        const payload = def.schema.parse(job.payload);
        await def.handler(payload, { db: this.db, jobId: Number(job.id), attempt: job.attempts });
        await this.db
          .updateTable('job')
          .set({
            // locked_by stays: it records which worker ran the job.
            status: 'done',
            finished_at: sql`now()`,
            locked_until: null,
            last_error: null,
          })
          .where('id', '=', job.id)
          .where('locked_by', '=', this.id)
          .execute();
      } catch (err) {
        const message = (err as Error).message?.slice(0, 2000) ?? String(err);
        const dead = job.attempts >= job.max_attempts;
        // Backoff 2^attempt seconds, capped at an hour.
        const delay = Math.min(3600, 2 ** job.attempts);
        await this.db
          .updateTable('job')
          .set({
            status: dead ? 'dead' : 'queued',
            run_at: sql`now() + make_interval(secs => ${delay})`,
            last_error: message,
            locked_by: null,
            locked_until: null,
            finished_at: dead ? sql`now()` : null,
          })
          .where('id', '=', job.id)
          .where('locked_by', '=', this.id)
          .execute();
        this.opts.log?.(dead ? 'job dead' : 'job failed, will retry', {
          id: job.id,
          kind: job.kind,
          error: message,
        });
      }
    }
    return n;
  }

  start() {
    this.#running = true;
    const loop = async () => {
      if (!this.#running) return;
      this.#idle = this.runDue(100)
        .then(() => undefined)
        .catch((err) => this.opts.log?.('job loop error', { error: (err as Error).message }));
      await this.#idle;
      if (this.#running) this.#timer = setTimeout(loop, this.opts.idleMs ?? 1000);
    };
    void loop();
  }

  /** Stops taking jobs and waits for the one in progress. */
  async stop() {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#idle;
  }
}
