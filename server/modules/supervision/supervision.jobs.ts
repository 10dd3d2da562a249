import { z } from 'zod';
import { isIsoDate, todayIn } from '../../../lib/dates.ts';
import type { JobWorker } from '../../platform/jobs/jobs.ts';
import { sweepSupervision } from './supervision-sweep.ts';

export const SUPERVISION_SWEEP_JOB = 'supervision.sweep';

/** Reminds open items before, on and after their due date once a minute (its own job kind). */
export function defineSupervisionJobs(worker: JobWorker) {
  worker.define(
    SUPERVISION_SWEEP_JOB,
    z.object({ on: z.string().refine(isIsoDate).optional() }),
    async (p, { db }) => {
      await sweepSupervision(db, p.on ?? todayIn());
    },
  );
}
