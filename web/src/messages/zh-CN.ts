// Every user-visible label that maps a code name to Chinese lives here, so pages never show a raw code.
import { AUDIT_ACTION_LABELS, isAuditAction } from '../../../lib/audit-actions.ts';
import {
  ACTOR_KIND_LABELS,
  DATA_SCOPE_LABELS,
  ROLE_LABELS as STAFF_ROLE_LABELS,
} from '../../../lib/vocabularies.ts';

export const PRODUCT_NAME = '审批服务协同平台';

/** The one label of every list's export button (the export is an .xlsx of the filtered rows). */
export const EXPORT_LABEL = '导出表格';

/** The staff roles (lib/vocabularies.ts) and the enterprise account. */
export const ROLE_LABELS: Readonly<Record<string, string>> = { ...STAFF_ROLE_LABELS, enterprise: '企业' };

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? '其他角色';
}

export { DATA_SCOPE_LABELS as SCOPE_LABELS } from '../../../lib/vocabularies.ts';

export function scopeLabel(scope: string): string {
  return (DATA_SCOPE_LABELS as Record<string, string>)[scope] ?? '其他范围';
}

export { AUDIT_ACTION_LABELS } from '../../../lib/audit-actions.ts';
export {
  AUDIT_OUTCOME_LABELS,
  REGION_LEVEL_LABELS,
  UNIT_KIND_LABELS,
  UNIT_KINDS,
  type UnitKind,
} from '../../../lib/vocabularies.ts';

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
  meeting: '会议',
};

export function auditTargetLabel(type: string | null): string {
  if (type === null) return '—';
  return AUDIT_TARGET_LABELS[type] ?? type;
}

export { ACTOR_KIND_LABELS } from '../../../lib/vocabularies.ts';

export function actorKindLabel(kind: string): string {
  return (ACTOR_KIND_LABELS as Record<string, string>)[kind] ?? kind;
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

export {
  DEADLINE_STATUS_LABELS,
  NATIONAL_DAY_KIND_LABELS as IMPORT_DAY_KIND_LABELS,
  OVERRIDE_KIND_LABELS,
} from '../../../lib/vocabularies.ts';
