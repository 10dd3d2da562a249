import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DataScope } from '../../db/types.ts';
import { type Permission, roleGrants } from './permissions.ts';

export interface RoleGrant {
  role: string;
  scope: DataScope;
  scopeUnitIds: number[];
}

export interface StaffPrincipal {
  kind: 'staff';
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName: string;
  regionCode: string;
  /** Own region plus, for a city-level unit, its counties (两级联动). */
  visibleRegionCodes: string[];
  grants: RoleGrant[];
  mustChangePassword: boolean;
  /** A role of the user requires a second factor that the user has not enrolled yet. */
  mustEnrolTotp: boolean;
  totpEnabled: boolean;
  sessionHash: string;
}

export interface EnterprisePrincipal {
  kind: 'enterprise';
  id: number;
  username: string;
  displayName: string;
  uscc: string;
  regionCode: string;
  mustChangePassword: boolean;
  sessionHash: string;
}

export type Principal = StaffPrincipal | EnterprisePrincipal;

/**
 * The rows a principal may see for one permission, as the union of the scopes of the role
 * assignments that grant it. `none` means the permission is not held at all.
 */
export type UnitScope =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'some'; unitIds: number[]; regionCodes: string[]; ownerId: number | null };

export function scopeFor(principal: Principal | undefined, permission: Permission): UnitScope {
  if (principal?.kind !== 'staff') return { kind: 'none' };
  const grants = principal.grants.filter((g) => roleGrants(g.role, permission));
  if (grants.length === 0) return { kind: 'none' };
  if (grants.some((g) => g.scope === 'all')) return { kind: 'all' };
  const unitIds = new Set<number>();
  const regionCodes = new Set<string>();
  let ownerId: number | null = null;
  for (const g of grants) {
    if (g.scope === 'region') for (const r of principal.visibleRegionCodes) regionCodes.add(r);
    if (g.scope === 'own_unit') unitIds.add(principal.unitId);
    if (g.scope === 'custom_units') for (const u of g.scopeUnitIds) unitIds.add(u);
    if (g.scope === 'self') ownerId = principal.id;
  }
  return { kind: 'some', unitIds: [...unitIds], regionCodes: [...regionCodes], ownerId };
}

/**
 * Compiles a scope to a SQL predicate over a table's unit column (and owner column, for `self`).
 * Every scoped repository function receives the scope and applies this; there is no unscoped
 * variant of a scoped read.
 */
export function inScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: UnitScope,
  columns: { unit: string; owner?: string },
): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'none') return sql<SqlBool>`false`;
  const unit = sql.ref(columns.unit);
  const parts: Expression<SqlBool>[] = [];
  if (scope.unitIds.length) parts.push(sql<SqlBool>`${unit} = any(${scope.unitIds}::bigint[])`);
  if (scope.regionCodes.length) {
    parts.push(
      sql<SqlBool>`${unit} in (select u.id from unit u where u.region_code = any(${scope.regionCodes}::text[]))`,
    );
  }
  if (scope.ownerId !== null && columns.owner)
    parts.push(sql<SqlBool>`${sql.ref(columns.owner)} = ${scope.ownerId}`);
  if (parts.length === 0) return sql<SqlBool>`false`;
  return eb.or(parts);
}

/**
 * The same scope over a table keyed by region (enterprises): `region` scopes match the region
 * codes; unit scopes match the regions of those units; `self` matches nothing here.
 */
export function inRegionScope<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: UnitScope,
  column: string,
): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`true`;
  if (scope.kind === 'none') return sql<SqlBool>`false`;
  const region = sql.ref(column);
  const parts: Expression<SqlBool>[] = [];
  if (scope.regionCodes.length) parts.push(sql<SqlBool>`${region} = any(${scope.regionCodes}::text[])`);
  if (scope.unitIds.length) {
    parts.push(
      sql<SqlBool>`${region} in (select u.region_code from unit u where u.id = any(${scope.unitIds}::bigint[]))`,
    );
  }
  return parts.length ? eb.or(parts) : sql<SqlBool>`false`;
}

/** The in-memory twin of inScope, for one unit the caller already loaded. */
export function scopeCoversUnit(scope: UnitScope, unit: { id: number; regionCode: string }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'none') return false;
  return scope.unitIds.includes(unit.id) || scope.regionCodes.includes(unit.regionCode);
}

/** Whether a scope reaches a whole region (a `region` grant there, or `all`). */
export function scopeCoversRegion(scope: UnitScope, regionCode: string): boolean {
  return scope.kind === 'all' || (scope.kind === 'some' && scope.regionCodes.includes(regionCode));
}
