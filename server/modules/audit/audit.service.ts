import type { Db } from '../../db/client.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type AuditFilter, searchAudit } from './audit.repo.ts';

/** Audit rows the principal may read: its scope of audit:read over the acting unit. */
export function auditEvents(db: Db, principal: Principal, filter: AuditFilter) {
  return searchAudit(db, scopeFor(principal, 'audit:read'), filter);
}
