import type { Db } from '../../db/client.ts';
import { type PageRequest, readPage } from '../../db/paging.ts';
import { inScope, type UnitScope } from '../../platform/access/scope.ts';

export interface AuditFilter {
  actorName?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'success' | 'denied' | 'failure';
  from?: string;
  to?: string;
  before?: number;
}

/** Audit rows of the units in scope; rows with no unit (logins, system) only for the `all` scope. */
export function searchAudit(db: Db, scope: UnitScope, f: AuditFilter, p: PageRequest) {
  let q = db
    .selectFrom('audit_event')
    .selectAll()
    .where((eb) => inScope(eb, scope, { unit: 'audit_event.unit_id' }));
  if (f.actorName) q = q.where('actor_name', '=', f.actorName);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', new Date(f.from));
  if (f.to) q = q.where('at', '<', new Date(f.to));
  return readPage(
    db,
    q,
    p,
    (q) => (f.before ? q.where('id', '<', f.before) : q).orderBy('id', 'desc'),
    !!f.before,
  );
}
