import type { DataScope } from '../../db/types.ts';
import { ROLES } from '../../platform/access/permissions.ts';
import type { UnitScope } from '../../platform/access/scope.ts';

export interface RoleRequest {
  role: string;
  scope: DataScope;
  scopeUnitIds: number[];
}

/** Whether a unit (by its region) lies within a manager's scope of user:manage. */
export function unitWithin(scope: UnitScope, unit: { id: number; region_code: string }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.unitIds.includes(unit.id) || scope.regionCodes.includes(unit.region_code);
}

/**
 * A manager cannot hand out more than it has: no `all` scope unless its own scope is `all`, and
 * custom units only within its own scope (no privilege escalation through role assignment).
 */
export function roleAssignmentProblems(
  manage: UnitScope,
  roles: RoleRequest[],
  customUnits: Map<number, { id: number; region_code: string }>,
): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const r of roles) {
    if (!(r.role in ROLES)) out.push(`未知角色：${r.role}`);
    if (seen.has(r.role)) out.push(`角色重复：${r.role}`);
    seen.add(r.role);
    if (r.scope === 'all' && manage.kind !== 'all') out.push('只有全局管理员可以授予“全部”数据范围');
    if (r.scope === 'custom_units' && r.scopeUnitIds.length === 0)
      out.push('“指定单位”范围须至少选择一个单位');
    if (r.scope !== 'custom_units' && r.scopeUnitIds.length > 0) out.push('只有“指定单位”范围可以选择单位');
    for (const id of r.scopeUnitIds) {
      const unit = customUnits.get(id);
      if (!unit) out.push(`单位 ${id} 不存在`);
      else if (!unitWithin(manage, unit)) out.push(`单位 ${id} 不在您的管理范围内`);
    }
  }
  return out;
}
