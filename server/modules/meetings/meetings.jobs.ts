import { z } from 'zod';
import type { JobWorker } from '../../platform/jobs/jobs.ts';
import { sweepMeetings } from './meeting-sweep.ts';

export const MEETING_SWEEP_JOB = 'meetings.sweep';

/** Plans regular meetings and sends the automatic reminders once a minute. */
export function defineMeetingJobs(worker: JobWorker) {
  worker.define(MEETING_SWEEP_JOB, z.object({}), async (_p, { db }) => {
    await sweepMeetings(db);
  });
}
