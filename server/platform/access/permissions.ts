import { ROLE_LABELS, type RoleName } from '../../../lib/vocabularies.ts';

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
  'catalog:read': '查看事项清单变更与授权',
  'catalog:draft': '起草事项变更',
  'catalog:approve': '审核发布事项清单与一件事',
  'catalog:authorize': '首席事务代表授权',
  'case:read': '查看办件',
  'case:intake': '窗口收件、受理与出件',
  'case:review': '部门审查办件',
  'case:decide': '作出审批决定',
  'coordination:read': '查看协调事项',
  'coordination:submit': '登记协调事项',
  'coordination:attach': '上传协调附件',
  'coordination:manage': '分办、书面征询与协调',
  'coordination:escalate': '逐级上报协调事项',
  'coordination:instruct': '批示上报的协调事项',
  'coordination:ladder': '配置逐级协调',
  'consultation:reply': '答复书面征询、报告承诺办理',
  'consultation:sign': '签发部门答复意见',
  'commitment:urge': '催办承诺事项',
  'meeting:read': '查看会议',
  'meeting:manage': '筹备会议、印发通知与纪要',
  'meeting:approve': '主持会议、签发会议纪要',
  'meeting:attend': '会议通知回执',
  'supervision:read': '查看督办事项',
  'supervision:report': '报告督办事项进展、申请延期',
  'supervision:manage': '催办、确认办结、审核延期、撤销督办',
  'supervision:assign': '交办督办事项（领导批示）',
  'exchange:export': '导出办件交换数据',
} as const;

export type Permission = keyof typeof PERMISSIONS;

// Every staff member reads the organisation, the calendar and the deadlines in its scope.
const STAFF = [
  'org:read',
  'calendar:read',
  'deadline:read',
  'document:read',
  'catalog:read',
  'case:read',
  'coordination:read',
  'meeting:read',
  'supervision:read',
] as const;

export const ROLES = {
  window_clerk: {
    label: ROLE_LABELS.window_clerk,
    permissions: [
      ...STAFF,
      'deadline:suspend',
      'enterprise:read',
      'enterprise:manage',
      'case:intake',
      'coordination:submit',
      'coordination:attach',
      'coordination:escalate',
    ],
  },
  dept_officer: {
    label: ROLE_LABELS.dept_officer,
    permissions: [
      ...STAFF,
      'deadline:suspend',
      'case:review',
      'consultation:reply',
      'coordination:attach',
      'meeting:attend',
      'supervision:report',
    ],
  },
  dept_lead: {
    label: ROLE_LABELS.dept_lead,
    permissions: [
      ...STAFF,
      'user:read',
      'deadline:suspend',
      'case:review',
      'case:decide',
      'catalog:draft',
      'catalog:authorize',
      'coordination:submit',
      'coordination:attach',
      'coordination:escalate',
      'consultation:reply',
      'consultation:sign',
      'meeting:attend',
      'supervision:report',
    ],
  },
  liaison: {
    label: ROLE_LABELS.liaison,
    permissions: [
      ...STAFF,
      'consultation:reply',
      'coordination:attach',
      'meeting:attend',
      'supervision:report',
    ],
  },
  coordinator: {
    label: ROLE_LABELS.coordinator,
    permissions: [
      ...STAFF,
      'user:read',
      'deadline:suspend',
      'enterprise:read',
      'coordination:submit',
      'coordination:attach',
      'coordination:manage',
      'coordination:escalate',
      'commitment:urge',
      'meeting:manage',
      'supervision:manage',
    ],
  },
  agent: { label: ROLE_LABELS.agent, permissions: [...STAFF, 'enterprise:read'] },
  supervisor: {
    label: ROLE_LABELS.supervisor,
    permissions: [
      ...STAFF,
      'user:read',
      'audit:read',
      'enterprise:read',
      'commitment:urge',
      'supervision:manage',
      'supervision:assign',
    ],
  },
  leader: {
    label: ROLE_LABELS.leader,
    permissions: [
      ...STAFF,
      'user:read',
      'enterprise:read',
      'coordination:instruct',
      'meeting:approve',
      'supervision:assign',
    ],
  },
  admin: {
    label: ROLE_LABELS.admin,
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
      'catalog:draft',
      'catalog:approve',
      'coordination:ladder',
      'exchange:export',
    ],
  },
} as const satisfies Record<RoleName, { label: string; permissions: readonly Permission[] }>;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as [Role, ...Role[]];

/**
 * What a route requires: a permission, any logged-in staff user, a logged-in enterprise (the
 * applicant's portal; its data scope is the enterprise itself), any logged-in principal, or nothing.
 */
export type Access = { permission: Permission } | 'staff' | 'enterprise' | 'authenticated' | 'public';

/** The roles that carry a permission (who is told about work that needs it). */
export function rolesWith(permission: Permission): Role[] {
  return ROLE_NAMES.filter((r) => roleGrants(r, permission));
}

export function roleGrants(role: string, permission: Permission): boolean {
  const def = (ROLES as Record<string, { permissions: readonly Permission[] }>)[role];
  return def?.permissions.includes(permission) ?? false;
}
