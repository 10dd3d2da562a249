import { z } from 'zod';
import { isIsoDate } from '../../../lib/dates.ts';
import { transaction } from '../../db/client.ts';
import { sweepDeadlines, today } from '../../platform/deadlines/deadlines.ts';
import type { JobWorker } from '../../platform/jobs/jobs.ts';
import type { ExternalChannel } from '../../platform/notify/notify.ts';

export const SWEEP_JOB = 'deadline.sweep';

/** The once-a-minute warning sweep as a job, so several servers run it once between them. */
export function defineDeadlineJobs(worker: JobWorker, channels: readonly ExternalChannel[]) {
  worker.define(SWEEP_JOB, z.object({ on: z.string().refine(isIsoDate).optional() }), async (p, { db }) => {
    await transaction(db, (trx) => sweepDeadlines(trx, p.on ?? today(), channels));
  });
}
