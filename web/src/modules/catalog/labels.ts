// Chinese labels of the catalog's codes. The A.1/A.2 tables and the special-procedure kinds come from
// lib/catalog-codes.ts, shared with the server.
import { ITEM_TYPE_LABELS } from '../../../../lib/catalog-codes.ts';

export {
  EXERCISE_LEVEL_LABELS,
  ITEM_TYPE_LABELS,
  SUSPENSION_KIND_LABELS,
} from '../../../../lib/catalog-codes.ts';

export function itemTypeLabel(code: string): string {
  const known = ITEM_TYPE_LABELS[code];
  if (known) return known;
  const n = Number(code);
  if (/^\d{2}$/.test(code) && n >= 11 && n <= 19) return `扩展类别（行政权力类 ${code}）`;
  if (/^\d{2}$/.test(code) && n >= 21 && n <= 29) return `扩展类别（公共服务类 ${code}）`;
  return `未知类别（${code}）`;
}

/** Every code the server accepts, national ones first. */
export const ITEM_TYPE_CODES: readonly string[] = [
  ...Object.keys(ITEM_TYPE_LABELS),
  ...Array.from({ length: 9 }, (_, i) => String(11 + i)),
  ...Array.from({ length: 9 }, (_, i) => String(21 + i)),
];

/** 附录 A.3 实施主体性质. */
export const SUBJECT_NATURE_LABELS = {
  '1': '法定机关',
  '2': '授权组织',
  '3': '受委托组织',
  '9': '其他',
} as const;

/** 附录 A.4 服务对象. */
export const SERVICE_OBJECT_LABELS = {
  '1': '自然人',
  '2': '企业法人',
  '3': '事业法人',
  '4': '社会组织法人',
  '5': '行政机关',
  '6': '其他组织',
} as const;

/** 附录 A.5 办理形式. */
export const HANDLING_FORM_LABELS = {
  '1': '窗口办理',
  '2': '电脑端网上办理',
  '3': '移动端网上申请',
  '4': '快递申请',
  '9': '其他',
} as const;

export const KIND_LABELS = { instant: '即办件', promised: '承诺件' } as const;
export const UNIT_LABELS = { working: '个工作日', natural: '个自然日' } as const;
export const MEDIUM_LABELS = { paper: '纸质', electronic: '电子', both: '纸质或电子' } as const;
export const ITEM_STATUS_LABELS = { active: '在用', withdrawn: '已取消' } as const;
export const CHANGE_KIND_LABELS = { add: '新增', modify: '变更', withdraw: '取消' } as const;
export const CHANGE_KIND_COLORS = { add: 'green', modify: 'blue', withdraw: 'red' } as const;
export const CHANGE_STATUS_LABELS = { submitted: '待审核', approved: '已通过', rejected: '未通过' } as const;
export const CHANGE_STATUS_COLORS = {
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
} as const;
export const APPROVAL_LEVEL_LABELS = { 1: '一级审批', 2: '二级审批', 3: '三级审批' } as const;

/** A code's label, or the code itself when unknown (never blank). */
export function labelOf(table: Readonly<Record<string, string>>, code: string): string {
  return table[code] ?? code;
}

/** Select options from a label table, in the table's order. */
export function optionsOf<K extends string>(table: Readonly<Record<K, string>>) {
  return (Object.keys(table) as K[]).map((value) => ({ value, label: table[value] }));
}
