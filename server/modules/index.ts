import type { Module } from '../platform/http/app.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { calendarRoutes } from './calendar/calendar.routes.ts';
import { caseRoutes } from './cases/cases.routes.ts';
import { exchangeRoutes } from './cases/exchange.routes.ts';
import { catalogRoutes } from './catalog/catalog.routes.ts';
import { coordinationRoutes } from './coordination/coordination.routes.ts';
import { deadlineRoutes } from './deadlines/deadlines.routes.ts';
import { documentRoutes } from './documents/documents.routes.ts';
import { enterpriseRoutes } from './enterprises/enterprises.routes.ts';
import { identityRoutes } from './identity/identity.routes.ts';
import { notificationRoutes } from './notifications/notifications.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { systemRoutes } from './system/system.routes.ts';
import { userRoutes } from './users/users.routes.ts';

/** Every feature module, in the order their routes appear in the API document. */
export const modules: Module[] = [
  systemRoutes,
  identityRoutes,
  orgRoutes,
  userRoutes,
  enterpriseRoutes,
  calendarRoutes,
  catalogRoutes,
  caseRoutes,
  exchangeRoutes,
  coordinationRoutes,
  deadlineRoutes,
  notificationRoutes,
  documentRoutes,
  auditRoutes,
];
