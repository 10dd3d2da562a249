import { todayIn } from '../../../lib/dates.ts';
import { type Db, transaction } from '../../db/client.ts';
import { type Principal, scopeCoversRegion, scopeFor, type UnitScope } from '../../platform/access/scope.ts';
import { type Actor, writeAudit } from '../../platform/audit/audit.ts';
import { readSheet, type Sheet, SheetError, writeCsv } from '../../platform/files/spreadsheet.ts';
import { problems } from '../../platform/http/problem.ts';
import {
  type CurrentVersionRow,
  currentVersionsIn,
  departmentsIn,
  materialsOf,
  regionOf,
} from './catalog.repo.ts';
import { ItemDefinition } from './catalog.schemas.ts';
import { publishDefinitions } from './catalog.service.ts';
import {
  baseHeader,
  COLUMNS,
  type ColumnKey,
  canonical,
  columnName,
  formatRow,
  issueField,
  parseRow,
} from './catalog.sheet.ts';

// Catalog import and export (事项清单导入导出, R-CAT-2): a whole region's catalog as one sheet. An
// import is checked row by row against the same ItemDefinition schema as a drafted change, and is
// published in one transaction only when every row is valid: new 实施编码 become new items (version
// 1), known ones a new version of the active item, exactly as an approved change request would.
// Rows identical to the current version publish nothing.

/** One import is bounded so that its transaction stays short. */
export const MAX_IMPORT_ROWS = 5000;

export interface ImportIssue {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  /** The column (Chinese header) the problem is in. */
  field: string;
  message: string;
}

export interface ImportItem {
  row: number;
  name: string;
  department: string;
  action: 'add' | 'modify';
  changed: boolean;
  itemId: number | null;
  versionId: number | null;
}

export interface ImportReport {
  total: number;
  valid: number;
  errors: ImportIssue[];
  items: ImportItem[];
  dryRun: boolean;
  published: number;
}

interface Plan extends ImportItem {
  def: ItemDefinition;
  departmentId: number;
  existing: CurrentVersionRow | undefined;
}

type MaterialRow = Awaited<ReturnType<typeof materialsOf>>[number];

/** A stored version as the definition it was published from. */
function definitionOf(v: CurrentVersionRow, materials: readonly MaterialRow[]): ItemDefinition {
  return {
    name: v.name,
    basicCode: v.basic_code,
    implementationCode: v.implementation_code,
    handleItemCode: v.handle_item_code,
    localCode: v.local_code,
    itemType: v.item_type,
    exerciseLevel: v.exercise_level as ItemDefinition['exerciseLevel'],
    subjectNature: v.subject_nature as ItemDefinition['subjectNature'],
    serviceObjects: v.service_objects as ItemDefinition['serviceObjects'],
    handlingForms: v.handling_forms as ItemDefinition['handlingForms'],
    kind: v.kind,
    legalDays: v.legal_days,
    legalUnit: v.legal_unit,
    legalExplain: v.legal_explain,
    promisedDays: v.promised_days,
    promisedUnit: v.promised_unit,
    promisedExplain: v.promised_explain,
    legalBasis: v.legal_basis,
    acceptanceConditions: v.acceptance_conditions,
    specialProcedure: v.special_procedure,
    suspensionKinds: v.suspension_kinds as ItemDefinition['suspensionKinds'],
    charged: v.charged,
    feeBasis: v.fee_basis,
    online: v.online,
    onlineUrl: v.online_url,
    approvalLevels: v.approval_levels,
    yellowOverride: v.yellow_override,
    supervisingDepartmentId:
      v.supervising_department_id === null ? null : Number(v.supervising_department_id),
    requiresProjectCode: v.requires_project_code,
    resultName: v.result_name,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
    materials: materials.map((m) => ({
      name: m.name,
      sharedKey: m.shared_key,
      required: m.required,
      tolerable: m.tolerable,
      tolerableBasis: m.tolerable_basis,
      medium: m.medium,
      licenceType: m.licence_type,
      originals: m.originals,
      copies: m.copies,
      requirement: m.requirement,
      formTemplateHash: m.form_template_hash,
    })),
  };
}

function byVersion(materials: readonly MaterialRow[]) {
  const map = new Map<number, MaterialRow[]>();
  for (const m of materials) {
    const list = map.get(Number(m.version_id));
    if (list) list.push(m);
    else map.set(Number(m.version_id), [m]);
  }
  return map;
}

/**
 * Checks every row of a sheet against the region's departments and current items, with a fixed
 * number of queries whatever the number of rows. Returns the problems and what each row would do.
 */
async function analyse(
  db: Db,
  scope: UnitScope,
  region: { code: string; name: string },
  sheet: Sheet,
): Promise<{ total: number; errors: ImportIssue[]; plans: Plan[] }> {
  const total = sheet.rows.length;
  const errors: ImportIssue[] = [];
  const at = new Map<ColumnKey, number>();
  sheet.header.forEach((h, i) => {
    const col = COLUMNS.find((c) => baseHeader(c.header) === baseHeader(h));
    if (!col) return;
    if (at.has(col.key)) errors.push({ row: 1, field: columnName(col.key), message: '该列出现了两次' });
    else at.set(col.key, i);
  });
  for (const c of COLUMNS.filter((c) => c.required && !at.has(c.key))) {
    errors.push({ row: 1, field: columnName(c.key), message: `缺少“${columnName(c.key)}”列` });
  }
  if (total === 0)
    errors.push({ row: 2, field: columnName('name'), message: '文件中没有事项（表头下没有数据行）' });
  if (errors.length) return { total, errors, plans: [] };

  // Departments by full name, and by the name without the region (住房和城乡建设局).
  const departments = new Map<string, { id: number; name: string }>();
  for (const d of await departmentsIn(db, scope, region.code)) {
    const dep = { id: Number(d.id), name: d.name };
    departments.set(d.name, dep);
    if (d.name.startsWith(region.name)) {
      const short = d.name.slice(region.name.length);
      if (short && !departments.has(short)) departments.set(short, dep);
    }
  }
  const current = new Map<string, CurrentVersionRow>();
  for (const v of await currentVersionsIn(db, region.code)) {
    if (!current.has(v.implementation_code)) current.set(v.implementation_code, v);
  }
  const parsed = sheet.rows.map((r) => ({ row: r.row, ...parseRow(r.cells, at) }));
  const matched = [
    ...new Set(parsed.map((p) => current.get(String(p.input.implementationCode ?? ''))).filter((v) => v)),
  ] as CurrentVersionRow[];
  const materials = byVersion(
    await materialsOf(
      db,
      matched.map((v) => Number(v.id)),
    ),
  );

  const seen = new Map<string, number>();
  const plans: Plan[] = [];
  for (const p of parsed) {
    const rowErrors: ImportIssue[] = p.errors.map((e) => ({ row: p.row, ...e }));
    const issue = (key: ColumnKey, message: string) =>
      rowErrors.push({ row: p.row, field: columnName(key), message });
    const code = p.input.implementationCode;
    if (code) {
      const first = seen.get(code);
      if (first !== undefined) issue('implementationCode', `与第 ${first} 行的实施编码“${code}”重复`);
      else seen.set(code, p.row);
    }
    const department = departments.get(p.department);
    if (!p.department) issue('department', '请填写实施部门');
    else if (!department)
      issue('department', `本区划（${region.name}）没有名为“${p.department}”的启用中的审批部门`);
    let supervising: number | null | undefined;
    if (p.supervisingDepartment === null) supervising = null;
    else if (p.supervisingDepartment !== undefined) {
      const s = departments.get(p.supervisingDepartment);
      if (s) supervising = s.id;
      else
        issue(
          'supervisingDepartment',
          `本区划（${region.name}）没有名为“${p.supervisingDepartment}”的启用中的审批部门`,
        );
    }
    const existing = code ? current.get(code) : undefined;
    if (existing && department && Number(existing.department_id) !== department.id) {
      issue(
        'department',
        `实施编码“${code}”的事项属于${existing.department_name}，导入不能改变实施部门（请通过变更申请取消原事项后新增）`,
      );
    }
    const base = existing ? definitionOf(existing, materials.get(Number(existing.id)) ?? []) : undefined;
    const candidate = {
      ...base,
      ...p.input,
      ...(supervising !== undefined ? { supervisingDepartmentId: supervising } : {}),
    };
    const checked = ItemDefinition.safeParse(candidate);
    if (!checked.success) {
      for (const i of checked.error.issues) {
        rowErrors.push({ row: p.row, ...issueField(i.path, i.message, candidate.materials ?? []) });
      }
    }
    if (rowErrors.length || !checked.success || !department) {
      errors.push(...rowErrors);
      continue;
    }
    plans.push({
      row: p.row,
      name: checked.data.name,
      department: department.name,
      departmentId: department.id,
      action: existing ? 'modify' : 'add',
      changed: !base || canonical(checked.data) !== canonical(base),
      itemId: existing ? Number(existing.item_id) : null,
      versionId: existing ? Number(existing.id) : null,
      def: checked.data,
      existing,
    });
  }
  return { total, errors, plans };
}

const itemOf = ({ def: _d, departmentId: _i, existing: _e, ...item }: Plan): ImportItem => item;

/**
 * Imports a region's catalog from CSV or .xlsx bytes. A dry run reports what each row would do and
 * every problem, writing nothing; a real run publishes all changed rows in one transaction, or
 * nothing at all (422 with the row-numbered problems).
 */
export async function importCatalog(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: { region: string; dryRun: boolean; bytes: Buffer },
): Promise<ImportReport> {
  const scope = scopeFor(principal, 'catalog:approve');
  if (!scopeCoversRegion(scope, input.region)) throw problems.forbidden('您不能导入该区划的事项清单。');
  const region = await regionOf(db, input.region);
  if (!region) throw problems.notFound('区划不存在。');
  let sheet: Sheet;
  try {
    sheet = await readSheet(input.bytes);
  } catch (err) {
    if (err instanceof SheetError) throw problems.unprocessable(err.message);
    throw err;
  }
  if (sheet.rows.length > MAX_IMPORT_ROWS) {
    throw problems.unprocessable(`一次最多导入 ${MAX_IMPORT_ROWS} 个事项，请分批导入。`);
  }

  const report = (a: Awaited<ReturnType<typeof analyse>>, published: number): ImportReport => ({
    total: a.total,
    valid: a.plans.length,
    errors: a.errors,
    items: a.plans.map(itemOf),
    dryRun: input.dryRun,
    published,
  });
  if (input.dryRun) return report(await analyse(db, scope, region, sheet), 0);

  return transaction(db, async (trx) => {
    const a = await analyse(trx, scope, region, sheet);
    if (a.errors.length) {
      throw problems.unprocessable(
        `导入文件有 ${a.errors.length} 处错误（共 ${a.total} 行，${a.total - a.plans.length} 行有误），未写入任何数据。请修改后重新导入。`,
        a.errors,
      );
    }
    const by = actor.kind === 'staff' ? actor.id : null;
    const changed = a.plans.filter((p) => p.changed);
    const published = await publishDefinitions(
      trx,
      changed.map((p) =>
        p.existing
          ? {
              kind: 'modify' as const,
              itemId: Number(p.existing.item_id),
              baseVersionId: Number(p.existing.id),
              def: p.def,
              changeRequestId: null,
            }
          : {
              kind: 'add' as const,
              regionCode: region.code,
              departmentId: p.departmentId,
              def: p.def,
              changeRequestId: null,
            },
      ),
      by,
    );
    changed.forEach((p, i) => {
      p.itemId = published[i]!.itemId;
      p.versionId = published[i]!.versionId;
    });
    if (changed.length) {
      await writeAudit(trx, actor, {
        action: 'catalog.import',
        targetType: 'region',
        targetId: region.code,
        summary: {
          total: a.total,
          added: changed.filter((p) => p.action === 'add').length,
          modified: changed.filter((p) => p.action === 'modify').length,
          unchanged: a.plans.length - changed.length,
          items: changed.map((p) => ({
            row: p.row,
            action: p.action,
            itemId: p.itemId,
            versionId: p.versionId,
          })),
        },
      });
    }
    return report(a, changed.length);
  });
}

/** The region's published catalog as CSV (UTF-8 with BOM), in the columns the import reads. */
export async function exportCatalog(db: Db, regionCode: string) {
  const region = await regionOf(db, regionCode);
  if (!region) throw problems.notFound('区划不存在。');
  const versions = await currentVersionsIn(db, regionCode);
  const materials = byVersion(
    await materialsOf(
      db,
      versions.map((v) => Number(v.id)),
    ),
  );
  const rows = versions.map((v) =>
    formatRow(
      definitionOf(v, materials.get(Number(v.id)) ?? []),
      v.department_name,
      v.supervising_department_name,
    ),
  );
  return {
    fileName: `事项清单_${region.name}_${todayIn()}.csv`,
    count: rows.length,
    content: writeCsv([COLUMNS.map((c) => c.header), ...rows]),
  };
}
