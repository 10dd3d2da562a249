import { z } from 'zod';
import type { JobWorker } from '../../platform/jobs/jobs.ts';
import { EXCHANGE_SEND_JOB } from './exchange.repo.ts';
import type { ExchangeSender } from './exchange.sender.ts';
import { sendBatch } from './exchange.service.ts';

/** Posts queued batches to the upstream platform; without a sender (no EXCHANGE_URL) none are queued. */
export function defineExchangeJobs(worker: JobWorker, sender: ExchangeSender | undefined) {
  if (!sender) return;
  worker.define(EXCHANGE_SEND_JOB, z.object({ batchId: z.number().int().positive() }), (p, { db }) =>
    sendBatch(db, sender, p.batchId),
  );
}
