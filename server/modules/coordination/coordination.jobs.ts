import { z } from 'zod';
import { isIsoDate, todayIn } from '../../../lib/dates.ts';
import type { JobWorker } from '../../platform/jobs/jobs.ts';
import { sweepConsultations } from './consultation-sweep.ts';

export const CONSULTATION_SWEEP_JOB = 'coordination.consultation.sweep';

/** Marks silent consultations overdue once a minute (its own job kind, as the case sweep). */
export function defineCoordinationJobs(worker: JobWorker) {
  worker.define(
    CONSULTATION_SWEEP_JOB,
    z.object({ on: z.string().refine(isIsoDate).optional() }),
    async (p, { db }) => {
      await sweepConsultations(db, p.on ?? todayIn());
    },
  );
}
