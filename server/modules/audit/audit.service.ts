import type { Db } from '../../db/client.ts';
import type { PageRequest } from '../../db/paging.ts';
import { type Principal, scopeFor } from '../../platform/access/scope.ts';
import { type AuditFilter, searchAudit } from './audit.repo.ts';

/** Audit rows the principal may read: its scope of audit:read over the acting unit. */
export function auditEvents(db: Db, principal: Principal, filter: AuditFilter, page: PageRequest) {
  return searchAudit(db, scopeFor(principal, 'audit:read'), filter, page);
}
