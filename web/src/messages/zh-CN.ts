// Every user-visible label that maps a code name to Chinese lives here, so pages never show a raw code.
import { AUDIT_ACTION_LABELS, isAuditAction } from '../../../lib/audit-actions.ts';

export const PRODUCT_NAME = '审批服务协同平台';

/** DOMAIN.md roles; mirrors server/platform/access/permissions.ts ROLES[*].label. */
export const ROLE_LABELS: Readonly<Record<string, string>> = {
  window_clerk: '综合窗口人员',
  dept_officer: '部门审批人员',
  dept_lead: '部门负责人',
  liaison: '联络员',
  coordinator: '中心协调人员',
  agent: '代办员',
  supervisor: '效能督查',
  leader: '分管领导',
  admin: '系统管理员',
  enterprise: '企业',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? '其他角色';
}

export const SCOPE_LABELS: Readonly<Record<string, string>> = {
  all: '全部',
  region: '本区划',
  own_unit: '本单位',
  custom_units: '指定单位',
  self: '本人',
};

export function scopeLabel(scope: string): string {
  return SCOPE_LABELS[scope] ?? '其他范围';
}

/** Same as server/modules/org/org.schemas.ts (not imported: it would pull zod into the bundle). */
export const UNIT_KIND_LABELS = {
  center: '政务服务中心',
  department: '审批部门',
  park: '园区',
  town: '镇街',
  supervision_office: '督查室',
  leadership: '领导',
} as const;
export type UnitKind = keyof typeof UNIT_KIND_LABELS;
export const UNIT_KINDS = Object.keys(UNIT_KIND_LABELS) as UnitKind[];

export const REGION_LEVEL_LABELS: Readonly<Record<string, string>> = { city: '市级', county: '区县级' };

export const AUDIT_OUTCOME_LABELS = {
  success: '成功',
  denied: '拒绝',
  failure: '失败',
} as const;

export { AUDIT_ACTION_LABELS } from '../../../lib/audit-actions.ts';

export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : `其他操作（${action}）`;
}

export const AUDIT_TARGET_LABELS: Readonly<Record<string, string>> = {
  user: '用户',
  unit: '单位',
  enterprise: '企业',
  region: '区划',
  calendar: '日历',
  calendar_year: '年度日历',
  role: '角色',
  deadline: '办理时限',
};

export function auditTargetLabel(type: string | null): string {
  if (type === null) return '—';
  return AUDIT_TARGET_LABELS[type] ?? type;
}

export const ACTOR_KIND_LABELS: Readonly<Record<string, string>> = {
  staff: '工作人员',
  enterprise: '企业',
  system: '系统',
  anonymous: '未登录用户',
};

export function actorKindLabel(kind: string): string {
  return ACTOR_KIND_LABELS[kind] ?? kind;
}

/** Mirrors SUSPENSION_KIND_LABELS in server/platform/calendar/engine.ts (行政许可法第四十五条 procedures). */
export const SUSPENSION_KIND_LABELS: Readonly<Record<string, string>> = {
  correction: '补正',
  site_inspection: '现场勘验',
  expert_review: '专家评审',
  hearing: '听证',
  public_notice: '公示',
  inspection: '检验',
  testing: '检测',
  quarantine: '检疫',
  appraisal: '鉴定',
  tender: '招标',
  auction: '拍卖',
};

export const DEADLINE_STATUS_LABELS = {
  open: '在办',
  done: '已办结',
  cancelled: '已撤销',
} as const;

export const OVERRIDE_KIND_LABELS = {
  closure: '停止办公',
  workday: '调班上班',
} as const;

export const IMPORT_DAY_KIND_LABELS = {
  holiday: '放假',
  makeup_workday: '调休上班',
} as const;
