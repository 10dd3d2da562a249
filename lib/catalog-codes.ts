// GB/T 39046 附录 A code tables and the special-procedure kinds of the catalog, shared by the server
// (validation, import) and the web app (labels); no dependencies, so the web bundle stays small.

/** A.1 事项类型 (R-CAT-2): 00–10 and 20 national; 11–19 and 21–29 the extensible ranges. */
export const ITEM_TYPE_LABELS: Record<string, string> = {
  '00': '行政权力事项',
  '01': '行政许可',
  '02': '行政处罚',
  '03': '行政强制',
  '04': '行政征收',
  '05': '行政给付',
  '06': '行政检查',
  '07': '行政确认',
  '08': '行政奖励',
  '09': '行政裁决',
  '10': '其他类别事项',
  '20': '公共服务事项',
};
/** A.2 行使层级. */
export const EXERCISE_LEVELS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type ExerciseLevel = (typeof EXERCISE_LEVELS)[number];
export const EXERCISE_LEVEL_LABELS: Record<(typeof EXERCISE_LEVELS)[number], string> = {
  '1': '国家级',
  '2': '省级',
  '3': '市级',
  '4': '县级',
  '5': '镇(乡、街道)级',
  '6': '村(社区)级',
  '7': '分级管理',
};
/** Kinds of 特别程序 that may stop a case's clock (DOMAIN.md "suspension"). */
export const SUSPENSION_KINDS = [
  'correction',
  'site_inspection',
  'expert_review',
  'hearing',
  'public_notice',
  'extension',
] as const;
export const SUSPENSION_KIND_LABELS: Record<(typeof SUSPENSION_KINDS)[number], string> = {
  correction: '补正材料',
  site_inspection: '现场勘验',
  expert_review: '专家论证',
  hearing: '听证',
  public_notice: '公示',
  extension: '延长审批',
};

export function isItemType(code: string): boolean {
  if (!/^\d{2}$/.test(code)) return false;
  const n = Number(code);
  return n <= 10 || n === 20 || (n >= 11 && n <= 19) || (n >= 21 && n <= 29);
}
