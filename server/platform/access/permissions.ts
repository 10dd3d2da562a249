// The permission catalog and the roles of DOMAIN.md as bundles of permissions. A route declares
// one permission (or `public` / `staff` / `authenticated`); a role assignment adds a data scope.
export const PERMISSIONS = {
  'org:read': '查看组织机构',
  'org:manage': '管理区划与单位',
  'user:read': '查看用户',
  'user:manage': '管理用户与角色',
  'audit:read': '查询审计日志',
  'audit:verify': '校验审计链',
  'system:backup': '备份数据',
  'calendar:read': '查看工作日历',
  'calendar:manage': '维护工作日历',
  'deadline:read': '查看办理时限',
  'deadline:suspend': '挂起与恢复计时',
  'enterprise:read': '查看企业账号',
  'enterprise:manage': '登记与管理企业账号',
  'document:read': '查看公文',
  'seal:manage': '制作与管理印章',
  'document:template': '维护文书模板',
} as const;

export type Permission = keyof typeof PERMISSIONS;

// Every staff member reads the organisation, the calendar and the deadlines in its scope.
const STAFF = ['org:read', 'calendar:read', 'deadline:read', 'document:read'] as const;

export const ROLES = {
  window_clerk: {
    label: '综合窗口人员',
    permissions: [...STAFF, 'deadline:suspend', 'enterprise:read', 'enterprise:manage'],
  },
  dept_officer: { label: '部门审批人员', permissions: [...STAFF, 'deadline:suspend'] },
  dept_lead: { label: '部门负责人', permissions: [...STAFF, 'user:read', 'deadline:suspend'] },
  liaison: { label: '联络员', permissions: [...STAFF] },
  coordinator: {
    label: '中心协调人员',
    permissions: [...STAFF, 'user:read', 'deadline:suspend', 'enterprise:read'],
  },
  agent: { label: '代办员', permissions: [...STAFF, 'enterprise:read'] },
  supervisor: { label: '效能督查', permissions: [...STAFF, 'user:read', 'audit:read', 'enterprise:read'] },
  leader: { label: '分管领导', permissions: [...STAFF, 'user:read', 'enterprise:read'] },
  admin: {
    label: '系统管理员',
    permissions: [
      ...STAFF,
      'org:manage',
      'user:read',
      'user:manage',
      'audit:read',
      'audit:verify',
      'system:backup',
      'calendar:manage',
      'enterprise:read',
      'enterprise:manage',
      'seal:manage',
      'document:template',
    ],
  },
} as const satisfies Record<string, { label: string; permissions: readonly Permission[] }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/** What a route requires: a permission, any logged-in staff user, any logged-in principal, or nothing. */
export type Access = { permission: Permission } | 'staff' | 'authenticated' | 'public';

export function roleGrants(role: string, permission: Permission): boolean {
  const def = (ROLES as Record<string, { permissions: readonly Permission[] }>)[role];
  return def?.permissions.includes(permission) ?? false;
}
