import type { Db } from '../../db/client.ts';
import { enqueue } from './jobs.ts';

/**
 * Enqueues `kind` once per minute across every server: each server tries every 15 s, and the
 * minute is the dedupe key, so exactly one job per minute exists and one worker runs it.
 */
export function everyMinute(db: Db, kind: string, onError: (err: unknown) => void): () => void {
  const tick = () => {
    const minute = new Date().toISOString().slice(0, 16);
    enqueue(db, kind, {}, { dedupeKey: minute, maxAttempts: 1 }).catch(onError);
  };
  tick();
  const timer = setInterval(tick, 15_000);
  return () => clearInterval(timer);
}
