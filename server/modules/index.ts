import type { Module } from '../platform/http/app.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { identityRoutes } from './identity/identity.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { systemRoutes } from './system/system.routes.ts';
import { userRoutes } from './users/users.routes.ts';

/** Every feature module, in the order their routes appear in the API document. */
export const modules: Module[] = [systemRoutes, identityRoutes, orgRoutes, userRoutes, auditRoutes];
