import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditAction } from '../../../lib/audit-actions.ts';
import { type Db, transaction } from '../../db/client.ts';
import type { Principal } from '../access/scope.ts';

/** Who acts, from where: taken from the request once and passed to services. */
export interface Actor {
  kind: 'staff' | 'enterprise' | 'system' | 'anonymous';
  id: number | null;
  name: string | null;
  unitId: number | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export function actorOf(
  principal: Principal | undefined,
  req: { ip?: string; headers?: Record<string, unknown>; id?: string } = {},
): Actor {
  const ua = req.headers?.['user-agent'];
  return {
    kind: principal?.kind ?? 'anonymous',
    id: principal?.id ?? null,
    name: principal?.username ?? null,
    unitId: principal?.kind === 'staff' ? principal.unitId : null,
    ip: req.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
    requestId: req.id ?? null,
  };
}

export const SYSTEM_ACTOR: Actor = {
  kind: 'system',
  id: null,
  name: 'system',
  unitId: null,
  ip: null,
  userAgent: null,
  requestId: null,
};

export interface AuditEntry {
  /** One of lib/audit-actions.ts: an action without a Chinese label does not compile. */
  action: AuditAction;
  targetType?: string;
  targetId?: string | number;
  outcome?: 'success' | 'denied' | 'failure';
  summary?: Record<string, unknown>;
}

/** Writes one audit row with the caller's executor: inside the transaction of the change. */
export async function writeAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      unit_id: actor.unitId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId === undefined ? null : String(entry.targetId),
      outcome: entry.outcome ?? 'success',
      summary: JSON.stringify(entry.summary ?? {}),
      ip: actor.ip,
      user_agent: actor.userAgent,
      request_id: actor.requestId,
    })
    .execute();
}

// ---- hash chain -------------------------------------------------------------------------------

const SEAL_LOCK = 7469657474;

interface ChainRow {
  id: number;
  at: string;
  actor_kind: string;
  actor_id: number | null;
  actor_name: string | null;
  unit_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  summary: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  chain_seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

/** SM3 over the previous digest and the row's canonical content (R-SEC-3, R-GM). */
export function chainHash(row: Omit<ChainRow, 'hash' | 'prev_hash'>, prevHash: string): string {
  const content = canonical([
    row.chain_seq,
    Number(row.id),
    row.at,
    row.actor_kind,
    row.actor_id === null ? null : Number(row.actor_id),
    row.actor_name,
    row.unit_id === null ? null : Number(row.unit_id),
    row.action,
    row.target_type,
    row.target_id,
    row.outcome,
    row.summary,
    row.ip,
    row.user_agent,
    row.request_id,
  ]);
  return createHash('sm3').update(prevHash).update(content).digest('hex');
}

const GENESIS = '0'.repeat(64);

function selectChainRows(db: Db) {
  return db
    .selectFrom('audit_event')
    .select([
      'id',
      sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at'),
      'actor_kind',
      'actor_id',
      'actor_name',
      'unit_id',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'summary',
      'ip',
      'user_agent',
      'request_id',
      'chain_seq',
      'prev_hash',
      'hash',
    ]);
}

/**
 * Gives committed, unsealed rows their place in the chain. Only this step is serialised (an
 * advisory lock); writers of audit rows never wait for each other.
 */
export async function sealAudit(db: Db, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await transaction(db, async (trx) => {
      await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
      const last = await trx
        .selectFrom('audit_event')
        .select(['chain_seq', 'hash'])
        .where('chain_seq', 'is not', null)
        .orderBy('chain_seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const rows = (await selectChainRows(trx)
        .where('chain_seq', 'is', null)
        .orderBy('id')
        .limit(batch)
        .execute()) as ChainRow[];
      let seq = last ? Number(last.chain_seq) : 0;
      let prev = last?.hash ?? GENESIS;
      const sealed = rows.map((row) => {
        seq += 1;
        const hash = chainHash({ ...row, chain_seq: seq }, prev);
        const link = sql`(${row.id}::bigint, ${seq}::bigint, ${prev}::text, ${hash}::text)`;
        prev = hash;
        return link;
      });
      // One statement per batch: the hashes are computed here, in chain order.
      if (sealed.length) {
        await sql`update audit_event a set chain_seq = v.seq, prev_hash = v.prev, hash = v.hash
          from (values ${sql.join(sealed)}) as v(id, seq, prev, hash) where a.id = v.id`.execute(trx);
      }
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  unsealed: number;
  firstBroken?: { id: number; chainSeq: number; reason: string };
}

/** Recomputes the whole chain in order and names the first row that does not match. */
export async function verifyAudit(db: Db): Promise<VerifyResult> {
  await sealAudit(db);
  let prev = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = (await selectChainRows(db)
      .where('chain_seq', '>=', expectedSeq)
      .orderBy('chain_seq')
      .limit(5000)
      .execute()) as ChainRow[];
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      const broken = (reason: string): VerifyResult => ({
        ok: false,
        checked,
        unsealed: 0,
        firstBroken: { id: Number(row.id), chainSeq: seq, reason },
      });
      if (seq !== expectedSeq) return broken(`链序号不连续：缺少第 ${expectedSeq} 条`);
      if (row.prev_hash !== prev) return broken('前序摘要不符：之前的记录被删除或替换');
      if (chainHash(row, prev) !== row.hash) return broken('内容摘要不符：该记录被篡改');
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < 5000) break;
  }
  const unsealed = await db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return { ok: true, checked, unsealed: Number(unsealed.n) };
}
