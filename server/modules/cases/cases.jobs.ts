import { z } from 'zod';
import { isIsoDate, todayIn } from '../../../lib/dates.ts';
import { transaction } from '../../db/client.ts';
import type { JobWorker } from '../../platform/jobs/jobs.ts';
import type { ExternalChannel } from '../../platform/notify/notify.ts';
import { sweepCommitments } from './commitments.service.ts';

export const COMMITMENT_SWEEP_JOB = 'case.commitment.sweep';

/**
 * The once-a-minute commitment sweep (容缺承诺, R-TOL-1) as its own job kind, scheduled with
 * everyMinute() like the deadline sweep rather than run inside it: the deadline sweep belongs to the
 * platform and knows nothing of cases (piggy-backing would make it import a module), and a separate
 * kind has its own transaction, retries and `job` rows, so a failure of one sweep neither rolls
 * back nor hides the other. The minute dedupe key is per kind, so each still runs once a minute
 * across all servers.
 */
export function defineCaseJobs(worker: JobWorker, channels: readonly ExternalChannel[]) {
  worker.define(
    COMMITMENT_SWEEP_JOB,
    z.object({ on: z.string().refine(isIsoDate).optional() }),
    async (p, { db }) => {
      await transaction(db, (trx) => sweepCommitments(trx, p.on ?? todayIn(), channels));
    },
  );
}
