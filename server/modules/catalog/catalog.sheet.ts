import type { z } from 'zod';
import { isIsoDate } from '../../../lib/dates.ts';
import {
  EXERCISE_LEVEL_LABELS,
  type HANDLING_FORMS,
  ITEM_TYPE_LABELS,
  type ItemDefinition,
  type SERVICE_OBJECTS,
  type SUBJECT_NATURES,
  SUSPENSION_KIND_LABELS,
  SUSPENSION_KINDS,
} from './catalog.schemas.ts';

// The catalog as a sheet (事项清单导入导出): one row per item, Chinese column headers, the GB/T 39046
// codes as they are written in the national tables. Pure: bytes in, rows out, and back. The same
// columns are written by the export and read by the import, so an export re-imports unchanged.
//
// Cells:
//   事项类型 / 行使层级 / 实施主体性质   the code (01, 4, 1); the Chinese name (行政许可) is accepted too
//   服务对象 / 办理形式                  codes (or names) separated by 、 , ， ; ；
//   办件类型                            即办件 | 承诺件
//   时限单位                            工作日 | 自然日 (both limits), or 法定/承诺 as 工作日/自然日
//   是否网办 / 是否收费 / 须投资项目代码   是 | 否
//   实施部门 / 监管部门                  the unit's name in the region (南湖区住房和城乡建设局); the name
//                                      without the region (住房和城乡建设局) is accepted too
//   材料                                see MATERIAL_SYNTAX
// The columns after 材料 are optional: when a file leaves one out, a modified item keeps its current
// value and a new item gets the default.

export const MATERIAL_SYNTAX =
  '材料之间用“；”分隔，每项写作 名称[标注|标注|…]（方括号也可用【】，无标注可省略）。标注：必备（缺省为非必备）、' +
  '容缺、纸质 / 电子 / 纸质或电子（缺省为纸质或电子）、原件N、复印件N、证照:可替代的电子证照、依据:容缺依据' +
  '（必备材料设为容缺时必填）、要求:材料要求、标识:跨事项共享标识（缺省为材料名称）。文字中的 ； ; | [ ] 【 】 \\ ' +
  '前加 \\ 转义。例：营业执照[必备|电子]；授权委托书[容缺|纸质|原件1]';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Definition = z.input<typeof ItemDefinition>;
type MaterialIn = NonNullable<Definition['materials']>[number];

/** The columns in export order. `header` is written; the import matches it without the (…) hint. */
export const COLUMNS = [
  { key: 'name', header: '事项名称', required: true },
  { key: 'basicCode', header: '基本编码', required: true },
  { key: 'implementationCode', header: '实施编码', required: true },
  { key: 'itemType', header: '事项类型', required: true },
  { key: 'exerciseLevel', header: '行使层级', required: true },
  { key: 'subjectNature', header: '实施主体性质', required: true },
  { key: 'serviceObjects', header: '服务对象', required: true },
  { key: 'handlingForms', header: '办理形式', required: true },
  { key: 'kind', header: '办件类型(即办件/承诺件)', required: true },
  { key: 'legalDays', header: '法定时限', required: true },
  { key: 'promisedDays', header: '承诺时限', required: true },
  { key: 'unit', header: '时限单位(工作日/自然日)', required: true },
  { key: 'legalBasis', header: '设定依据', required: true },
  { key: 'specialProcedure', header: '特别程序', required: true },
  { key: 'approvalLevels', header: '审批层级', required: true },
  { key: 'department', header: '实施部门', required: true },
  { key: 'online', header: '是否网办', required: true },
  { key: 'onlineUrl', header: '网办地址', required: true },
  { key: 'materials', header: '材料', required: true },
  { key: 'handleItemCode', header: '业务办理项编码', required: false },
  { key: 'localCode', header: '地方编码', required: false },
  { key: 'legalExplain', header: '法定时限说明', required: false },
  { key: 'promisedExplain', header: '承诺时限说明', required: false },
  { key: 'acceptanceConditions', header: '受理条件', required: false },
  { key: 'suspensionKinds', header: '可暂停计时的特别程序', required: false },
  { key: 'charged', header: '是否收费', required: false },
  { key: 'feeBasis', header: '收费依据', required: false },
  { key: 'yellowOverride', header: '黄灯阈值(工作日)', required: false },
  { key: 'supervisingDepartment', header: '监管部门', required: false },
  { key: 'requiresProjectCode', header: '须投资项目代码', required: false },
  { key: 'resultName', header: '审批结果名称', required: false },
  { key: 'effectiveFrom', header: '生效日期', required: false },
  { key: 'effectiveTo', header: '取消日期', required: false },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

/** A header as matched: no BOM, no spaces, no trailing (…) hint. */
export const baseHeader = (h: string) =>
  h
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/[（(][^（()）]*[）)]$/, '');

/** The Chinese column name used in error reports. */
export const columnName = (key: ColumnKey) => baseHeader(COLUMNS.find((c) => c.key === key)!.header);

const uncell = (v: string) => (v.startsWith("'") ? v.slice(1) : v);

// --- materials -----------------------------------------------------------------------------------------

const SPECIAL = new Set([';', '；', '|', '[', ']', '【', '】', '\\', '\n', '\r']);
const escapeText = (s: string) => [...s].map((ch) => (SPECIAL.has(ch) ? `\\${ch}` : ch)).join('');

const MEDIUM_LABELS = { paper: '纸质', electronic: '电子', both: '纸质或电子' } as const;
const MEDIUM_BY_LABEL: Record<string, 'paper' | 'electronic' | 'both'> = {
  纸质: 'paper',
  电子: 'electronic',
  纸质或电子: 'both',
  纸质和电子: 'both',
  均可: 'both',
};

type MaterialFields = {
  name: string;
  sharedKey?: string | undefined;
  required: boolean;
  tolerable?: boolean | undefined;
  tolerableBasis?: string | null | undefined;
  medium: 'paper' | 'electronic' | 'both';
  licenceType?: string | null | undefined;
  originals?: number | undefined;
  copies?: number | undefined;
  requirement?: string | null | undefined;
};

export function formatMaterials(materials: readonly MaterialFields[]): string {
  return materials
    .map((m) => {
      const flags: string[] = [];
      if (m.required) flags.push('必备');
      if (m.tolerable) flags.push('容缺');
      flags.push(MEDIUM_LABELS[m.medium]);
      if (m.originals) flags.push(`原件${m.originals}`);
      if (m.copies) flags.push(`复印件${m.copies}`);
      if (m.licenceType) flags.push(`证照:${escapeText(m.licenceType)}`);
      if (m.tolerableBasis) flags.push(`依据:${escapeText(m.tolerableBasis)}`);
      if (m.requirement) flags.push(`要求:${escapeText(m.requirement)}`);
      if (m.sharedKey && m.sharedKey !== m.name) flags.push(`标识:${escapeText(m.sharedKey)}`);
      return `${escapeText(m.name)}[${flags.join('|')}]`;
    })
    .join('；');
}

/** Parses the 材料 cell; errors are Chinese messages (the cell is reported as a whole). */
export function parseMaterials(text: string): { materials: MaterialIn[]; errors: string[] } {
  const errors: string[] = [];
  const entries: { name: string; flags: string[] | null }[] = [];
  let name = '';
  let flag = '';
  let flags: string[] | null = null;
  let closed = false;
  let trailing = '';
  const finish = () => {
    if (flags && !closed) errors.push(`材料“${name.trim()}”的方括号没有闭合`);
    if (trailing.trim()) errors.push(`材料“${name.trim()}”的方括号后还有文字“${trailing.trim()}”`);
    if (name.trim() || flags) entries.push({ name: name.trim(), flags });
    name = '';
    flag = '';
    flags = null;
    closed = false;
    trailing = '';
  };
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!;
    let escaped = false;
    if (ch === '\\' && i + 1 < chars.length) {
      ch = chars[++i]!;
      escaped = true;
    }
    if (!escaped && (ch === ';' || ch === '；' || ch === '\n' || ch === '\r')) {
      finish();
      continue;
    }
    if (closed) trailing += ch;
    else if (flags) {
      if (!escaped && (ch === ']' || ch === '】')) {
        flags.push(flag.trim());
        closed = true;
      } else if (!escaped && ch === '|') {
        flags.push(flag.trim());
        flag = '';
      } else flag += ch;
    } else if (!escaped && (ch === '[' || ch === '【')) flags = [];
    else name += ch;
  }
  finish();

  const materials: MaterialIn[] = [];
  for (const e of entries) {
    if (!e.name) {
      errors.push('有一项材料没有名称');
      continue;
    }
    const m: MaterialIn = { name: e.name, required: false, tolerable: false, medium: 'both' };
    for (const f of (e.flags ?? []).filter(Boolean)) {
      const kv = /^(证照|依据|要求|标识)\s*[:：]\s*([\s\S]*)$/.exec(f);
      const count = /^(原件|复印件)\s*(\d{1,2})\s*份?$/.exec(f);
      if (f === '必备') m.required = true;
      else if (f === '非必备') m.required = false;
      else if (f === '容缺') m.tolerable = true;
      else if (MEDIUM_BY_LABEL[f]) m.medium = MEDIUM_BY_LABEL[f];
      else if (count) m[count[1] === '原件' ? 'originals' : 'copies'] = Number(count[2]);
      else if (kv) {
        const value = kv[2]!.trim();
        if (kv[1] === '证照') m.licenceType = value;
        else if (kv[1] === '依据') m.tolerableBasis = value;
        else if (kv[1] === '要求') m.requirement = value;
        else m.sharedKey = value;
      } else errors.push(`材料“${e.name}”的标注“${f}”无法识别`);
    }
    materials.push(m);
  }
  return { materials, errors };
}

// --- cells ⇄ definition --------------------------------------------------------------------------------

const SUBJECT_NATURE_LABELS: Record<(typeof SUBJECT_NATURES)[number], string> = {
  '1': '法定机关',
  '2': '授权组织',
  '3': '受委托组织',
  '9': '其他',
};
const SERVICE_OBJECT_LABELS: Record<(typeof SERVICE_OBJECTS)[number], string> = {
  '1': '自然人',
  '2': '企业法人',
  '3': '事业法人',
  '4': '社会组织法人',
  '5': '行政机关',
  '6': '其他组织',
};
const HANDLING_FORM_LABELS: Record<(typeof HANDLING_FORMS)[number], string> = {
  '1': '窗口办理',
  '2': '电脑端网上办理',
  '3': '移动端网上申请',
  '4': '快递申请',
  '9': '其他',
};

const byLabel = (labels: Record<string, string>) =>
  new Map(Object.entries(labels).map(([code, label]) => [label, code]));
const ITEM_TYPES = byLabel(ITEM_TYPE_LABELS);
const LEVELS = byLabel(EXERCISE_LEVEL_LABELS);
const NATURES = byLabel(SUBJECT_NATURE_LABELS);
const OBJECTS = byLabel(SERVICE_OBJECT_LABELS);
const FORMS = byLabel(HANDLING_FORM_LABELS);
const SUSPENSIONS = byLabel(SUSPENSION_KIND_LABELS);

/** A code cell: "01", "01 行政许可" or "行政许可"; anything else is passed on for the schema to reject. */
function codeOf(cell: string, labels: Map<string, string>, width: number): string {
  const s = cell.trim();
  const lead = /^(\d+)(?:\s*[-－—.、:：\s]\s*\D.*)?$/.exec(s);
  if (lead) return lead[1]!.padStart(width, '0');
  return labels.get(s) ?? s;
}

const LIST_SEPARATOR = /[、,，;；]/;
const listOf = (cell: string, labels: Map<string, string>) =>
  cell
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => codeOf(s, labels, 1));

const TRUE = new Set(['是', '1', 'true', 'TRUE', 'True', 'Y', 'y', '√']);
const FALSE = new Set(['否', '0', 'false', 'FALSE', 'False', 'N', 'n', '×', '']);

const UNIT_BY_LABEL: Record<string, 'working' | 'natural'> = { 工作日: 'working', 自然日: 'natural' };
const KINDS: Record<string, 'instant' | 'promised'> = {
  即办件: 'instant',
  承诺件: 'promised',
  '1': 'instant',
  '2': 'promised',
};

function numberOf(cell: string): number | string | undefined {
  const s = cell.trim();
  if (s === '') return undefined;
  return /^\d+$/.test(s) ? Number(s) : s;
}

function dateOf(cell: string): string | undefined {
  const s = cell.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return s || undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : s;
}

const textOrNull = (cell: string) => (cell.trim() === '' ? null : cell.trim());

export interface ParsedRow {
  /** The definition fields of the columns the file has (absent optional columns are left out). */
  input: Partial<Definition>;
  department: string;
  /** undefined: no 监管部门 column; null: none. */
  supervisingDepartment: string | null | undefined;
  errors: { field: string; message: string }[];
}

/** One sheet row to definition fields; `at` maps a column to its index in the row (when present). */
export function parseRow(cells: readonly string[], at: ReadonlyMap<ColumnKey, number>): ParsedRow {
  const errors: ParsedRow['errors'] = [];
  const input: Partial<Definition> = {};
  const cell = (key: ColumnKey) => {
    const i = at.get(key);
    return i === undefined ? undefined : uncell(cells[i] ?? '').trim();
  };
  const bool = (key: ColumnKey) => {
    const v = cell(key);
    if (v === undefined) return undefined;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    errors.push({ field: columnName(key), message: `应填“是”或“否”，而不是“${v}”` });
    return undefined;
  };
  // A present column always sets its field, empty or not: an empty required cell is an error, never
  // an inherited value.
  const set = <K extends keyof Definition>(col: ColumnKey, key: K, value: Definition[K] | undefined) => {
    if (at.has(col)) input[key] = value as Definition[K];
  };
  const text = (key: ColumnKey) => cell(key) || undefined;
  const coded = (key: ColumnKey, labels: Map<string, string>, width: number) => {
    const v = cell(key);
    return v ? codeOf(v, labels, width) : undefined;
  };
  const listed = (key: ColumnKey, labels: Map<string, string>) => {
    const v = cell(key);
    return v === undefined ? undefined : listOf(v, labels);
  };
  type D = Definition;

  set('name', 'name', text('name'));
  set('basicCode', 'basicCode', text('basicCode'));
  set('implementationCode', 'implementationCode', text('implementationCode'));
  set('itemType', 'itemType', coded('itemType', ITEM_TYPES, 2));
  set('exerciseLevel', 'exerciseLevel', coded('exerciseLevel', LEVELS, 1) as D['exerciseLevel']);
  set('subjectNature', 'subjectNature', coded('subjectNature', NATURES, 1) as D['subjectNature']);
  set('serviceObjects', 'serviceObjects', listed('serviceObjects', OBJECTS) as D['serviceObjects']);
  set('handlingForms', 'handlingForms', listed('handlingForms', FORMS) as D['handlingForms']);
  const kind = cell('kind');
  set('kind', 'kind', (kind ? (KINDS[kind] ?? kind) : undefined) as D['kind']);
  set('legalDays', 'legalDays', numberOf(cell('legalDays') ?? '') as number);
  set('promisedDays', 'promisedDays', numberOf(cell('promisedDays') ?? '') as number);
  const unit = cell('unit');
  if (unit !== undefined) {
    const [legal = '', promised = legal] = unit.split(/[/／]/).map((s) => s.trim());
    input.legalUnit = (UNIT_BY_LABEL[legal] ?? (legal || undefined)) as D['legalUnit'];
    input.promisedUnit = (UNIT_BY_LABEL[promised] ?? (promised || undefined)) as D['promisedUnit'];
  }
  set('legalBasis', 'legalBasis', text('legalBasis'));
  set('specialProcedure', 'specialProcedure', text('specialProcedure'));
  set('approvalLevels', 'approvalLevels', numberOf(cell('approvalLevels') ?? '') as number);
  set('online', 'online', bool('online'));
  set('onlineUrl', 'onlineUrl', textOrNull(cell('onlineUrl') ?? ''));
  const mats = cell('materials');
  if (mats !== undefined) {
    const r = parseMaterials(mats);
    for (const message of r.errors) errors.push({ field: columnName('materials'), message });
    input.materials = r.materials;
  }

  for (const key of [
    'handleItemCode',
    'localCode',
    'legalExplain',
    'promisedExplain',
    'acceptanceConditions',
    'feeBasis',
    'resultName',
  ] as const) {
    set(key, key, textOrNull(cell(key) ?? ''));
  }
  const kinds = cell('suspensionKinds');
  if (kinds !== undefined) {
    const list = kinds
      .split(LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => SUSPENSIONS.get(s) ?? s);
    const unknown = list.filter((k) => !(SUSPENSION_KINDS as readonly string[]).includes(k));
    if (unknown.length) {
      errors.push({
        field: columnName('suspensionKinds'),
        message: `无法识别：${unknown.join('、')}（可填 ${Object.values(SUSPENSION_KIND_LABELS).join('、')}）`,
      });
    } else input.suspensionKinds = list as D['suspensionKinds'];
  }
  set('charged', 'charged', bool('charged'));
  set('requiresProjectCode', 'requiresProjectCode', bool('requiresProjectCode'));
  set('yellowOverride', 'yellowOverride', (numberOf(cell('yellowOverride') ?? '') ?? null) as number | null);
  set('effectiveFrom', 'effectiveFrom', dateOf(cell('effectiveFrom') ?? ''));
  set('effectiveTo', 'effectiveTo', dateOf(cell('effectiveTo') ?? '') ?? null);

  const supervising = cell('supervisingDepartment');
  return {
    input,
    department: cell('department') ?? '',
    supervisingDepartment: supervising === undefined ? undefined : supervising || null,
    errors,
  };
}

/** One definition as a sheet row, in COLUMNS order. */
export function formatRow(d: ItemDefinition, department: string, supervising: string | null): string[] {
  const yes = (b: boolean | undefined) => (b ? '是' : '否');
  const units =
    d.legalUnit === d.promisedUnit
      ? unitLabel(d.legalUnit)
      : `${unitLabel(d.legalUnit)}/${unitLabel(d.promisedUnit)}`;
  const values: Record<ColumnKey, string> = {
    name: d.name,
    basicCode: d.basicCode,
    implementationCode: d.implementationCode,
    itemType: d.itemType,
    exerciseLevel: d.exerciseLevel,
    subjectNature: d.subjectNature,
    serviceObjects: d.serviceObjects.join('、'),
    handlingForms: d.handlingForms.join('、'),
    kind: d.kind === 'instant' ? '即办件' : '承诺件',
    legalDays: String(d.legalDays),
    promisedDays: String(d.promisedDays),
    unit: units,
    legalBasis: d.legalBasis,
    specialProcedure: d.specialProcedure,
    approvalLevels: String(d.approvalLevels),
    department,
    online: yes(d.online),
    onlineUrl: d.onlineUrl ?? '',
    materials: formatMaterials(d.materials),
    handleItemCode: d.handleItemCode ?? '',
    localCode: d.localCode ?? '',
    legalExplain: d.legalExplain ?? '',
    promisedExplain: d.promisedExplain ?? '',
    acceptanceConditions: d.acceptanceConditions ?? '',
    suspensionKinds: d.suspensionKinds.map((k) => SUSPENSION_KIND_LABELS[k]).join('、'),
    charged: yes(d.charged),
    feeBasis: d.feeBasis ?? '',
    yellowOverride:
      d.yellowOverride === null || d.yellowOverride === undefined ? '' : String(d.yellowOverride),
    supervisingDepartment: supervising ?? '',
    requiresProjectCode: yes(d.requiresProjectCode),
    resultName: d.resultName ?? '',
    effectiveFrom: d.effectiveFrom ?? '',
    effectiveTo: d.effectiveTo ?? '',
  };
  return COLUMNS.map((c) => values[c.key]);
}

const unitLabel = (u: 'working' | 'natural') => (u === 'working' ? '工作日' : '自然日');

/** The definition reduced to what is stored, for telling whether an imported row changes an item. */
export function canonical(d: ItemDefinition): string {
  return JSON.stringify({
    name: d.name,
    basicCode: d.basicCode,
    implementationCode: d.implementationCode,
    handleItemCode: d.handleItemCode ?? null,
    localCode: d.localCode ?? null,
    itemType: d.itemType,
    exerciseLevel: d.exerciseLevel,
    subjectNature: d.subjectNature,
    serviceObjects: d.serviceObjects,
    handlingForms: d.handlingForms,
    kind: d.kind,
    legalDays: d.legalDays,
    legalUnit: d.legalUnit,
    legalExplain: d.legalExplain ?? null,
    promisedDays: d.promisedDays,
    promisedUnit: d.promisedUnit,
    promisedExplain: d.promisedExplain ?? null,
    legalBasis: d.legalBasis,
    acceptanceConditions: d.acceptanceConditions ?? null,
    specialProcedure: d.specialProcedure,
    suspensionKinds: d.suspensionKinds ?? [],
    charged: d.charged ?? false,
    feeBasis: d.feeBasis ?? null,
    online: d.online ?? false,
    onlineUrl: d.onlineUrl ?? null,
    approvalLevels: d.approvalLevels,
    yellowOverride: d.yellowOverride ?? null,
    supervisingDepartmentId: d.supervisingDepartmentId ?? null,
    requiresProjectCode: d.requiresProjectCode ?? false,
    resultName: d.resultName ?? null,
    effectiveFrom: d.effectiveFrom ?? null,
    effectiveTo: d.effectiveTo ?? null,
    materials: d.materials.map((m) => ({
      name: m.name,
      sharedKey: m.sharedKey ?? m.name,
      required: m.required,
      tolerable: m.tolerable ?? false,
      tolerableBasis: m.tolerableBasis ?? null,
      medium: m.medium,
      licenceType: m.licenceType ?? null,
      originals: m.originals ?? 0,
      copies: m.copies ?? 0,
      requirement: m.requirement ?? null,
    })),
  });
}

/** Which column a schema issue belongs to, and its message in words a clerk reads. */
export function issueField(
  path: readonly PropertyKey[],
  message: string,
  materials: readonly { name?: string }[] = [],
): { field: string; message: string } {
  const [head, index] = path;
  if (head === 'materials' && typeof index === 'number') {
    const name = materials[index]?.name;
    return {
      field: columnName('materials'),
      message: `第 ${index + 1} 项材料${name ? `“${name}”` : ''}：${message}`,
    };
  }
  const key: ColumnKey | undefined =
    head === 'legalUnit' || head === 'promisedUnit'
      ? 'unit'
      : head === 'supervisingDepartmentId'
        ? 'supervisingDepartment'
        : COLUMNS.find((c) => c.key === head)?.key;
  return { field: key ? columnName(key) : String(head ?? '事项'), message };
}
