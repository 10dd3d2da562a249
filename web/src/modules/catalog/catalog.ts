// Pure helpers of the catalog pages: form <-> definition, version diff, material wording, field-error
// paths and the import report (unit-tested in catalog.test.ts).
import type { Definition, ItemSummary, ItemVersion, Material, MaterialInput } from './api.ts';
import {
  EXERCISE_LEVEL_LABELS,
  HANDLING_FORM_LABELS,
  itemTypeLabel,
  KIND_LABELS,
  labelOf,
  SERVICE_OBJECT_LABELS,
  SUBJECT_NATURE_LABELS,
  SUSPENSION_KIND_LABELS,
  UNIT_LABELS,
} from './labels.ts';

type TimeUnit = Definition['legalUnit'];

/** “10 个工作日”. */
export function daysText(days: number, unit: TimeUnit): string {
  return `${days} ${UNIT_LABELS[unit]}`;
}

/** The list's time-limit cell; the summary carries only the promised unit, so the legal one is “日”. */
export function limitText(i: Pick<ItemSummary, 'kind' | 'legalDays' | 'promisedDays' | 'promisedUnit'>) {
  if (i.kind === 'instant' && i.promisedDays === 0) return `即办（法定 ${i.legalDays} 日）`;
  return `法定 ${i.legalDays} 日 / 承诺 ${daysText(i.promisedDays, i.promisedUnit)}`;
}

/** Distinct departments of a list of items, sorted by name (the list's department filter). */
export function departmentsOf(items: readonly Pick<ItemSummary, 'departmentId' | 'departmentName'>[]) {
  const m = new Map<number, string>();
  for (const i of items) m.set(i.departmentId, i.departmentName);
  return [...m]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

/** A published material or a drafted one (whose optional parts may be missing). */
interface AnyMaterial {
  name: string;
  required: boolean;
  tolerable?: boolean | undefined;
  medium: Material['medium'];
  tolerableBasis?: string | null | undefined;
  licenceType?: string | null | undefined;
  requirement?: string | null | undefined;
  sharedKey?: string | undefined;
  originals?: number | undefined;
  copies?: number | undefined;
}

/** The tags shown next to a material: 必备/非必备, 容缺, 电子, 纸质. */
export function materialTags(m: Pick<AnyMaterial, 'required' | 'tolerable' | 'medium'>): string[] {
  const tags = [m.required ? '必备' : '非必备'];
  if (m.tolerable) tags.push('容缺');
  if (m.medium !== 'paper') tags.push('电子');
  if (m.medium !== 'electronic') tags.push('纸质');
  return tags;
}

/** One material in words, e.g. “营业执照（必备·电子；电子证照：营业执照）”, for diffs and exports. */
export function materialText(m: AnyMaterial): string {
  const parts = [materialTags(m).join('·')];
  const counts = [
    m.originals ? `原件 ${m.originals} 份` : '',
    m.copies ? `复印件 ${m.copies} 份` : '',
  ].filter(Boolean);
  if (counts.length) parts.push(counts.join('，'));
  if (m.licenceType) parts.push(`电子证照：${m.licenceType}`);
  if (m.tolerable && m.tolerableBasis) parts.push(`容缺依据：${m.tolerableBasis}`);
  if (m.requirement) parts.push(`要求：${m.requirement}`);
  if (m.sharedKey && m.sharedKey !== m.name) parts.push(`共享标识：${m.sharedKey}`);
  return `${m.name}（${parts.join('；')}）`;
}

/** “营业执照（必备·电子）；授权委托书（非必备·容缺·纸质）”. */
export function materialsSummary(
  list: readonly Pick<AnyMaterial, 'name' | 'required' | 'tolerable' | 'medium'>[],
) {
  return list.map((m) => `${m.name}（${materialTags(m).join('·')}）`).join('；');
}

/** A published version as the definition a change request would carry (to prefill or compare). */
export function definitionOf(v: ItemVersion): Definition {
  return {
    name: v.name,
    basicCode: v.basicCode,
    implementationCode: v.implementationCode,
    handleItemCode: v.handleItemCode,
    localCode: v.localCode,
    itemType: v.itemType,
    exerciseLevel: v.exerciseLevel as Definition['exerciseLevel'],
    subjectNature: v.subjectNature as Definition['subjectNature'],
    serviceObjects: v.serviceObjects as Definition['serviceObjects'],
    handlingForms: v.handlingForms as Definition['handlingForms'],
    kind: v.kind,
    legalDays: v.legalDays,
    legalUnit: v.legalUnit,
    legalExplain: v.legalExplain,
    promisedDays: v.promisedDays,
    promisedUnit: v.promisedUnit,
    promisedExplain: v.promisedExplain,
    legalBasis: v.legalBasis,
    acceptanceConditions: v.acceptanceConditions,
    specialProcedure: v.specialProcedure,
    suspensionKinds: v.suspensionKinds as NonNullable<Definition['suspensionKinds']>,
    charged: v.charged,
    feeBasis: v.feeBasis,
    online: v.online,
    onlineUrl: v.onlineUrl,
    approvalLevels: v.approvalLevels,
    yellowOverride: v.yellowOverride,
    supervisingDepartmentId: v.supervisingDepartmentId,
    requiresProjectCode: v.requiresProjectCode,
    resultName: v.resultName,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    materials: v.materials.map((m) => ({
      name: m.name,
      sharedKey: m.sharedKey,
      required: m.required,
      tolerable: m.tolerable,
      tolerableBasis: m.tolerableBasis,
      medium: m.medium,
      licenceType: m.licenceType,
      originals: m.originals,
      copies: m.copies,
      requirement: m.requirement,
      formTemplateHash: m.formTemplateHash,
    })),
  };
}

// --- the item form -----------------------------------------------------------------------------

export type MaterialFormValue = {
  [K in keyof MaterialInput]?: MaterialInput[K] | null;
};

/** The item form's values: the definition's fields (all optional while editing) plus the request's. */
export type ItemFormValues = {
  [K in Exclude<keyof Definition, 'materials'>]?: Definition[K] | null;
} & {
  materials?: MaterialFormValue[];
  departmentId?: number;
  reason?: string;
};

/** Prefills the form from a definition. The effective dates belong to the old version: not copied. */
export function formValuesOf(d: Definition): ItemFormValues {
  const { effectiveFrom: _from, effectiveTo: _to, materials, ...rest } = d;
  return { ...rest, materials: (materials ?? []).map((m) => ({ ...m })) };
}

const NEW_ITEM: ItemFormValues = {
  itemType: '01',
  exerciseLevel: '4',
  subjectNature: '1',
  serviceObjects: ['2'],
  handlingForms: ['1', '2'],
  kind: 'promised',
  legalUnit: 'working',
  promisedUnit: 'working',
  approvalLevels: 2,
  specialProcedure: '无',
  suspensionKinds: [],
  charged: false,
  online: false,
  requiresProjectCode: false,
  materials: [],
};

export function newItemValues(): ItemFormValues {
  return structuredClone(NEW_ITEM);
}

export const NEW_MATERIAL: MaterialFormValue = {
  required: true,
  tolerable: false,
  medium: 'both',
  originals: 0,
  copies: 0,
};

function text(v: string | null | undefined): string {
  return (v ?? '').trim();
}

/** A trimmed optional text: blank becomes null (the server's “not given”). */
function optional(v: string | null | undefined): string | null {
  const t = text(v);
  return t === '' ? null : t;
}

/** The definition to send from the form's values (blank optional texts become null). */
export function definitionFromForm(v: ItemFormValues): Definition {
  const effectiveFrom = optional(v.effectiveFrom);
  return {
    name: text(v.name),
    basicCode: text(v.basicCode),
    implementationCode: text(v.implementationCode),
    handleItemCode: optional(v.handleItemCode),
    localCode: optional(v.localCode),
    itemType: v.itemType ?? '',
    exerciseLevel: v.exerciseLevel ?? '4',
    subjectNature: v.subjectNature ?? '1',
    serviceObjects: v.serviceObjects ?? [],
    handlingForms: v.handlingForms ?? [],
    kind: v.kind ?? 'promised',
    legalDays: v.legalDays ?? 0,
    legalUnit: v.legalUnit ?? 'working',
    legalExplain: optional(v.legalExplain),
    promisedDays: v.promisedDays ?? 0,
    promisedUnit: v.promisedUnit ?? 'working',
    promisedExplain: optional(v.promisedExplain),
    legalBasis: text(v.legalBasis),
    acceptanceConditions: optional(v.acceptanceConditions),
    specialProcedure: text(v.specialProcedure) || '无',
    suspensionKinds: v.suspensionKinds ?? [],
    charged: v.charged ?? false,
    feeBasis: v.charged ? optional(v.feeBasis) : null,
    online: v.online ?? false,
    onlineUrl: v.online ? optional(v.onlineUrl) : null,
    approvalLevels: v.approvalLevels ?? 1,
    yellowOverride: v.yellowOverride ?? null,
    supervisingDepartmentId: v.supervisingDepartmentId ?? null,
    requiresProjectCode: v.requiresProjectCode ?? false,
    resultName: optional(v.resultName),
    ...(effectiveFrom ? { effectiveFrom } : {}),
    effectiveTo: optional(v.effectiveTo),
    materials: (v.materials ?? []).map((m) => {
      const sharedKey = optional(m.sharedKey);
      const tolerable = m.tolerable ?? false;
      return {
        name: text(m.name),
        ...(sharedKey ? { sharedKey } : {}),
        required: m.required ?? false,
        tolerable,
        tolerableBasis: tolerable ? optional(m.tolerableBasis) : null,
        medium: m.medium ?? 'both',
        licenceType: optional(m.licenceType),
        originals: m.originals ?? 0,
        copies: m.copies ?? 0,
        requirement: optional(m.requirement),
        formTemplateHash: m.formTemplateHash ?? null,
      };
    }),
  };
}

// --- server field errors -----------------------------------------------------------------------

export type FieldPath = (string | number)[];

/**
 * A problem's field path as the form's field name: `body.definition.promisedDays` → ['promisedDays'],
 * `body.definition.materials.0.name` → ['materials', 0, 'name'], `body.reason` → ['reason'].
 */
export function formPath(field: string): FieldPath {
  const rest = field.replace(/^(body|query|params)(\.|$)/, '').replace(/^definition(\.|$)/, '');
  if (rest === '') return [];
  return rest.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Splits field errors into those a form field shows (by its top-level name) and the rest. */
export function splitFieldErrors(
  errors: readonly { field: string; message: string }[],
  known: ReadonlySet<string>,
): { fields: { name: FieldPath; errors: string[] }[]; rest: string[] } {
  const byPath = new Map<string, { name: FieldPath; errors: string[] }>();
  const rest: string[] = [];
  for (const e of errors) {
    const name = formPath(e.field);
    const head = name[0];
    if (typeof head !== 'string' || !known.has(head)) {
      rest.push(e.message);
      continue;
    }
    const key = name.join('.');
    const entry = byPath.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byPath.set(key, entry);
  }
  return { fields: [...byPath.values()], rest };
}

// --- version diff ------------------------------------------------------------------------------

export interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

const EMPTY = '—';

function plain(v: unknown): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length === 0 ? EMPTY : v.map(plain).join('、');
  return String(v);
}

const coded =
  (table: Readonly<Record<string, string>>) =>
  (v: unknown): string =>
    Array.isArray(v)
      ? v.length === 0
        ? EMPTY
        : v.map((c) => labelOf(table, String(c))).join('、')
      : v === null || v === undefined
        ? EMPTY
        : labelOf(table, String(v));

type Field = { key: Exclude<keyof Definition, 'materials'>; label: string; format?: (v: unknown) => string };

/** The definition's fields in the order of the item form, with how a value reads. */
export const DEFINITION_FIELDS: readonly Field[] = [
  { key: 'name', label: '事项名称' },
  { key: 'basicCode', label: '基本编码' },
  { key: 'implementationCode', label: '实施编码' },
  { key: 'handleItemCode', label: '业务办理项编码' },
  { key: 'localCode', label: '地方编码' },
  { key: 'itemType', label: '事项类型', format: (v) => (v ? `${v} ${itemTypeLabel(String(v))}` : EMPTY) },
  { key: 'exerciseLevel', label: '行使层级', format: coded(EXERCISE_LEVEL_LABELS) },
  { key: 'subjectNature', label: '实施主体性质', format: coded(SUBJECT_NATURE_LABELS) },
  { key: 'serviceObjects', label: '服务对象', format: coded(SERVICE_OBJECT_LABELS) },
  { key: 'handlingForms', label: '办理形式', format: coded(HANDLING_FORM_LABELS) },
  { key: 'resultName', label: '审批结果名称' },
  { key: 'kind', label: '办件类型', format: coded(KIND_LABELS) },
  { key: 'legalDays', label: '法定办结时限' },
  { key: 'legalUnit', label: '法定时限单位', format: coded(UNIT_LABELS) },
  { key: 'legalExplain', label: '法定时限说明' },
  { key: 'promisedDays', label: '承诺办结时限' },
  { key: 'promisedUnit', label: '承诺时限单位', format: coded(UNIT_LABELS) },
  { key: 'promisedExplain', label: '承诺时限说明' },
  { key: 'approvalLevels', label: '审批层级', format: (v) => (v ? `${v} 级` : EMPTY) },
  { key: 'yellowOverride', label: '黄灯预警（剩余工作日）' },
  { key: 'legalBasis', label: '设定依据' },
  { key: 'acceptanceConditions', label: '受理条件' },
  { key: 'specialProcedure', label: '特别程序' },
  { key: 'suspensionKinds', label: '可中止计时的程序', format: coded(SUSPENSION_KIND_LABELS) },
  { key: 'charged', label: '是否收费' },
  { key: 'feeBasis', label: '收费依据' },
  { key: 'online', label: '支持网上办理' },
  { key: 'onlineUrl', label: '网办地址' },
  { key: 'requiresProjectCode', label: '须项目代码' },
  { key: 'supervisingDepartmentId', label: '监管部门（编号）' },
  { key: 'effectiveFrom', label: '生效日期' },
  { key: 'effectiveTo', label: '取消日期' },
];

/** How one field of a definition reads (for tables and diffs). */
export function fieldText(key: Field['key'], value: unknown): string {
  const f = DEFINITION_FIELDS.find((x) => x.key === key);
  return (f?.format ?? plain)(value);
}

const materialKey = (m: MaterialInput) => m.sharedKey ?? m.name;

/**
 * Field-by-field comparison of a drafted definition with the version it was drafted against. A
 * new item has no base (every value is new); a withdrawal has no draft. A drafted definition
 * without an effective date takes effect on the day it is approved.
 */
export function diffDefinitions(base: Definition | null, draft: Definition | null): DiffRow[] {
  const rows: DiffRow[] = DEFINITION_FIELDS.map((f) => {
    const before = base ? fieldText(f.key, base[f.key]) : EMPTY;
    let after = draft ? fieldText(f.key, draft[f.key]) : EMPTY;
    if (f.key === 'effectiveFrom' && draft && !draft.effectiveFrom) after = '审核通过当日';
    return { key: f.key, label: f.label, before, after, changed: before !== after };
  });
  const beforeM = new Map((base?.materials ?? []).map((m) => [materialKey(m), m]));
  const afterM = new Map((draft?.materials ?? []).map((m) => [materialKey(m), m]));
  const keys = [...new Set([...afterM.keys(), ...beforeM.keys()])];
  keys.forEach((k) => {
    const b = beforeM.get(k);
    const a = afterM.get(k);
    const before = b ? materialText(b) : EMPTY;
    const after = a ? materialText(a) : EMPTY;
    rows.push({
      key: `material:${k}`,
      label: `材料：${a?.name ?? b?.name ?? k}`,
      before,
      after,
      changed: before !== after,
    });
  });
  return rows;
}

/** A change request's `definition` (unknown in the API schema) when it looks like one. */
export function asDefinition(v: unknown): Definition | null {
  if (typeof v !== 'object' || v === null) return null;
  const d = v as Partial<Definition>;
  return typeof d.name === 'string' && typeof d.implementationCode === 'string' ? (v as Definition) : null;
}

// --- import --------------------------------------------------------------------------------------

export interface ImportRowError {
  row: number | null;
  field: string;
  message: string;
}

export interface ImportReport {
  total: number;
  valid: number;
  errors: ImportRowError[];
  /** `changed: false`: the row equals the current version and publishes nothing. */
  items: { row: number; name: string; department: string; action: string; changed: boolean }[];
  /** Versions published by a real import (null when the server did not say). */
  published: number | null;
}

export const IMPORT_ACTION_LABELS: Readonly<Record<string, string>> = {
  add: '新增',
  create: '新增',
  modify: '变更',
  update: '变更',
  unchanged: '无变化',
  withdraw: '取消',
};

/** Which content type to upload a file as, from its name (null: not a catalog file). */
export function importContentType(fileName: string): string | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xlsx')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);

/**
 * The import report from a 200 answer or from a 422 problem (whose errors may carry the row).
 * Missing counts are derived so the page never shows a blank.
 */
export function parseImportReport(json: unknown): ImportReport {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const errors = (Array.isArray(o.errors) ? o.errors : []).map((e: unknown) => {
    const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    const field = str(r.field);
    // A problem's field may carry the row instead: `rows.3.name` / `row 3`.
    const fromField = /(?:^|\.)(?:rows?)\.(\d+)(?:\.|$)/.exec(field);
    return {
      row: num(r.row) ?? (fromField ? Number(fromField[1]) : null),
      field: field.replace(/^(body\.)?(rows?\.\d+\.?)?/, ''),
      message: str(r.message) || '取值无效',
    };
  });
  const items = (Array.isArray(o.items) ? o.items : []).map((e: unknown, i) => {
    const r = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    return {
      row: num(r.row) ?? i + 1,
      name: str(r.name),
      department: str(r.department),
      action: str(r.action),
      changed: r.changed !== false,
    };
  });
  const badRows = new Set(errors.map((e) => e.row).filter((r) => r !== null)).size;
  const total = num(o.total) ?? Math.max(items.length, badRows);
  const valid = num(o.valid) ?? Math.max(0, total - badRows);
  return { total, valid, errors, items, published: num(o.published) };
}

export type UploadStage = 'reading' | 'uploading' | 'validating' | 'done';

/** Overall progress: reading 0–10 %, uploading 10–85 % (by bytes sent), validating 85–99 %. */
export function stagePercent(stage: UploadStage, fraction = 0): number {
  const f = Math.min(1, Math.max(0, fraction));
  if (stage === 'reading') return Math.round(10 * f);
  if (stage === 'uploading') return Math.round(10 + 75 * f);
  if (stage === 'validating') return Math.round(85 + 14 * f);
  return 100;
}

export const STAGE_LABELS: Record<UploadStage, string> = {
  reading: '正在读取文件…',
  uploading: '正在上传…',
  validating: '正在校验…',
  done: '校验完成',
};
