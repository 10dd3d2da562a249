import type { FeatureModule } from '../platform/http/app.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { COMMITMENT_SWEEP_JOB, defineCaseJobs } from './cases/cases.jobs.ts';
import { caseRoutes } from './cases/cases.routes.ts';
import { defineExchangeJobs } from './cases/exchange.jobs.ts';
import { exchangeRoutes } from './cases/exchange.routes.ts';
import { httpExchangeSender } from './cases/exchange.sender.ts';
import { catalogRoutes } from './catalog/catalog.routes.ts';
import { commitmentRoutes } from './coordination/commitments.routes.ts';
import { consultationRoutes } from './coordination/consultations.routes.ts';
import { CONSULTATION_SWEEP_JOB, defineCoordinationJobs } from './coordination/coordination.jobs.ts';
import { coordinationRoutes } from './coordination/coordination.routes.ts';
import { defineDeadlineJobs, SWEEP_JOB } from './deadlines/deadlines.jobs.ts';
import { deadlineRoutes } from './deadlines/deadlines.routes.ts';
import { documentRoutes } from './documents/documents.routes.ts';
import { enterpriseRoutes } from './enterprises/enterprises.routes.ts';
import { identityRoutes } from './identity/identity.routes.ts';
import { meetingSystemRoutes } from './meetings/meeting-system.routes.ts';
import { defineMeetingJobs, MEETING_SWEEP_JOB } from './meetings/meetings.jobs.ts';
import { meetingRoutes } from './meetings/meetings.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { defineSupervisionJobs, SUPERVISION_SWEEP_JOB } from './supervision/supervision.jobs.ts';
import { supervisionRoutes } from './supervision/supervision.routes.ts';
import { systemRoutes } from './system/system.routes.ts';
import { userRoutes } from './users/users.routes.ts';

/**
 * Every feature module with its routes, job handlers and minute schedules, in the order their
 * routes appear in the API document. The composition root (server/main.ts) starts them as listed.
 */
export const modules: readonly FeatureModule[] = [
  { name: 'system', routes: [systemRoutes] },
  { name: 'identity', routes: [identityRoutes] },
  { name: 'org', routes: [orgRoutes] },
  { name: 'users', routes: [userRoutes] },
  { name: 'enterprises', routes: [enterpriseRoutes] },
  { name: 'calendar', routes: [calendarRoutes] },
  { name: 'catalog', routes: [catalogRoutes] },
  {
    name: 'cases',
    routes: [caseRoutes, exchangeRoutes],
    jobs(worker, { config }) {
      defineCaseJobs(worker, config.notifyChannels);
      // Without EXCHANGE_URL batches are filed by hand and no send job is defined.
      const sender = config.EXCHANGE_URL
        ? httpExchangeSender(config.EXCHANGE_URL, config.EXCHANGE_TOKEN)
        : undefined;
      defineExchangeJobs(worker, sender);
    },
    everyMinute: [COMMITMENT_SWEEP_JOB],
  },
  {
    name: 'coordination',
    routes: [coordinationRoutes, consultationRoutes, commitmentRoutes],
    jobs: (worker) => defineCoordinationJobs(worker),
    everyMinute: [CONSULTATION_SWEEP_JOB],
  },
  {
    name: 'meetings',
    routes: [meetingRoutes, meetingSystemRoutes],
    jobs: (worker) => defineMeetingJobs(worker),
    everyMinute: [MEETING_SWEEP_JOB],
  },
  {
    name: 'deadlines',
    routes: [deadlineRoutes],
    jobs: (worker, { config }) => defineDeadlineJobs(worker, config.notifyChannels),
    everyMinute: [SWEEP_JOB],
  },
  {
    name: 'supervision',
    routes: [supervisionRoutes],
    jobs: (worker) => defineSupervisionJobs(worker),
    everyMinute: [SUPERVISION_SWEEP_JOB],
  },
  { name: 'notifications', routes: [notificationRoutes] },
  { name: 'documents', routes: [documentRoutes] },
  { name: 'audit', routes: [auditRoutes] },
];
