import { describe, expect, it } from 'vitest';
import type { Definition, ItemVersion } from './api.ts';
import {
  asDefinition,
  definitionFromForm,
  definitionOf,
  departmentsOf,
  diffDefinitions,
  formPath,
  formValuesOf,
  importContentType,
  limitText,
  materialsSummary,
  materialTags,
  materialText,
  newItemValues,
  parseImportReport,
  splitFieldErrors,
  stagePercent,
} from './catalog.ts';
import { itemRow } from './exportXlsx.ts';
import { itemTypeLabel } from './labels.ts';

const version: ItemVersion = {
  id: 11,
  itemId: 3,
  versionNo: 2,
  regionCode: '330402',
  departmentId: 7,
  departmentName: '发展和改革局',
  status: 'active',
  current: true,
  name: '企业投资项目备案',
  basicCode: '000110001000',
  implementationCode: 'FGJ-0001',
  handleItemCode: null,
  localCode: null,
  itemType: '07',
  exerciseLevel: '4',
  subjectNature: '1',
  serviceObjects: ['2'],
  handlingForms: ['1', '2'],
  kind: 'promised',
  legalDays: 3,
  legalUnit: 'working',
  legalExplain: null,
  promisedDays: 2,
  promisedUnit: 'working',
  promisedExplain: null,
  legalBasis: '《企业投资项目核准和备案管理条例》第十三条',
  acceptanceConditions: null,
  specialProcedure: '无',
  suspensionKinds: ['correction'],
  charged: false,
  feeBasis: null,
  online: true,
  onlineUrl: 'https://example.gov.cn/item/FGJ-0001',
  approvalLevels: 2,
  yellowOverride: null,
  supervisingDepartmentId: null,
  requiresProjectCode: true,
  resultName: '备案信息表',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  publishedAt: '2026-01-01T00:00:00.000Z',
  materials: [
    {
      id: 1,
      seq: 1,
      name: '营业执照',
      sharedKey: '营业执照',
      required: true,
      tolerable: false,
      tolerableBasis: null,
      medium: 'electronic',
      licenceType: '营业执照',
      originals: 0,
      copies: 0,
      requirement: null,
      formTemplateHash: null,
    },
    {
      id: 2,
      seq: 2,
      name: '授权委托书',
      sharedKey: '授权委托书',
      required: false,
      tolerable: true,
      tolerableBasis: null,
      medium: 'paper',
      licenceType: null,
      originals: 1,
      copies: 0,
      requirement: '委托他人办理时提交',
      formTemplateHash: null,
    },
  ],
};

describe('materials', () => {
  it('tags required, tolerable and the medium', () => {
    expect(materialTags({ required: true, tolerable: false, medium: 'electronic' })).toEqual([
      '必备',
      '电子',
    ]);
    expect(materialTags({ required: false, tolerable: true, medium: 'both' })).toEqual([
      '非必备',
      '容缺',
      '电子',
      '纸质',
    ]);
  });

  it('words a material and a list', () => {
    expect(materialText(version.materials[1]!)).toBe(
      '授权委托书（非必备·容缺·纸质；原件 1 份；要求：委托他人办理时提交）',
    );
    expect(materialsSummary(version.materials)).toBe('营业执照（必备·电子）；授权委托书（非必备·容缺·纸质）');
  });
});

describe('limitText', () => {
  it('shows instant items and promised ones with the unit', () => {
    expect(limitText({ kind: 'instant', legalDays: 5, promisedDays: 0, promisedUnit: 'working' })).toBe(
      '即办（法定 5 日）',
    );
    expect(limitText({ kind: 'promised', legalDays: 20, promisedDays: 10, promisedUnit: 'natural' })).toBe(
      '法定 20 日 / 承诺 10 个自然日',
    );
  });
});

describe('item type labels', () => {
  it('covers national and extension codes', () => {
    expect(itemTypeLabel('01')).toBe('行政许可');
    expect(itemTypeLabel('12')).toContain('扩展类别');
    expect(itemTypeLabel('30')).toContain('未知');
  });
});

describe('form <-> definition', () => {
  it('prefills from a version without its effective dates and round-trips', () => {
    const values = formValuesOf(definitionOf(version));
    expect(values.effectiveFrom).toBeUndefined();
    expect(values.materials).toHaveLength(2);
    const d = definitionFromForm({ ...values, name: '  企业投资项目备案（变更）  ' });
    expect(d.name).toBe('企业投资项目备案（变更）');
    expect(d.effectiveFrom).toBeUndefined();
    expect(d.materials?.[0]).toMatchObject({ name: '营业执照', sharedKey: '营业执照', medium: 'electronic' });
  });

  it('turns blank optional texts into null and drops hidden dependants', () => {
    const d = definitionFromForm({
      ...newItemValues(),
      name: '测试事项',
      localCode: '   ',
      charged: false,
      feeBasis: '不应保留',
      online: true,
      onlineUrl: ' https://a.example/x ',
      effectiveFrom: '2027-01-01',
      materials: [{ name: '申请表', sharedKey: '', required: true, tolerable: false, tolerableBasis: 'x' }],
    });
    expect(d.localCode).toBeNull();
    expect(d.feeBasis).toBeNull();
    expect(d.onlineUrl).toBe('https://a.example/x');
    expect(d.effectiveFrom).toBe('2027-01-01');
    expect(d.materials?.[0]).not.toHaveProperty('sharedKey');
    expect(d.materials?.[0]?.tolerableBasis).toBeNull();
    expect(d.specialProcedure).toBe('无');
  });
});

describe('field errors', () => {
  it('maps problem paths to form names', () => {
    expect(formPath('body.definition.promisedDays')).toEqual(['promisedDays']);
    expect(formPath('body.definition.materials.0.name')).toEqual(['materials', 0, 'name']);
    expect(formPath('body.reason')).toEqual(['reason']);
    expect(formPath('body.definition')).toEqual([]);
    expect(formPath('body')).toEqual([]);
  });

  it('splits known fields from the rest and groups messages', () => {
    const r = splitFieldErrors(
      [
        { field: 'body.definition.promisedDays', message: 'a' },
        { field: 'body.definition.promisedDays', message: 'b' },
        { field: 'body.definition.materials.1.tolerableBasis', message: 'c' },
        { field: 'body.definition', message: 'd' },
        { field: 'body.kind', message: 'e' },
      ],
      new Set(['promisedDays', 'materials']),
    );
    expect(r.fields).toEqual([
      { name: ['promisedDays'], errors: ['a', 'b'] },
      { name: ['materials', 1, 'tolerableBasis'], errors: ['c'] },
    ]);
    expect(r.rest).toEqual(['d', 'e']);
  });
});

describe('diffDefinitions', () => {
  const base = definitionOf(version);

  it('marks changed fields and materials', () => {
    const draft: Definition = {
      ...base,
      promisedDays: 1,
      effectiveFrom: undefined,
      materials: [base.materials![0]!, { name: '项目备案申请表', required: true, medium: 'both' }],
    };
    const rows = diffDefinitions(base, draft);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('promisedDays')).toMatchObject({ before: '2', after: '1', changed: true });
    expect(byKey.get('name')?.changed).toBe(false);
    expect(byKey.get('serviceObjects')).toMatchObject({ before: '企业法人', changed: false });
    expect(byKey.get('effectiveFrom')).toMatchObject({ before: '2026-01-01', after: '审核通过当日' });
    expect(byKey.get('material:营业执照')?.changed).toBe(false);
    expect(byKey.get('material:授权委托书')).toMatchObject({ after: '—', changed: true });
    expect(byKey.get('material:项目备案申请表')).toMatchObject({ before: '—', changed: true });
  });

  it('treats null and missing optional values alike', () => {
    const { handleItemCode: _h, ...rest } = base;
    const rows = diffDefinitions(base, { ...rest, effectiveFrom: base.effectiveFrom });
    expect(rows.filter((r) => r.changed)).toEqual([]);
  });

  it('shows a new item against nothing and recognises a definition', () => {
    const rows = diffDefinitions(null, base);
    expect(rows.find((r) => r.key === 'itemType')).toMatchObject({ before: '—', after: '07 行政确认' });
    expect(asDefinition(base)).toBe(base);
    expect(asDefinition(null)).toBeNull();
    expect(asDefinition({ foo: 1 })).toBeNull();
  });
});

describe('import', () => {
  it('picks the content type from the file name', () => {
    expect(importContentType('清单.CSV')).toBe('text/csv');
    expect(importContentType('清单.xlsx')).toContain('spreadsheetml');
    expect(importContentType('清单.xls')).toBeNull();
  });

  it('reads a report and a 422 problem alike', () => {
    expect(
      parseImportReport({
        total: 3,
        valid: 2,
        errors: [{ row: 3, field: 'promisedDays', message: '承诺时限不能超过法定时限' }],
        items: [
          { row: 2, name: '甲', department: '发改局', action: 'add', changed: true },
          { row: 4, name: '乙', department: '发改局', action: 'modify', changed: false },
        ],
        dryRun: true,
        published: 0,
      }),
    ).toEqual({
      total: 3,
      valid: 2,
      errors: [{ row: 3, field: 'promisedDays', message: '承诺时限不能超过法定时限' }],
      items: [
        { row: 2, name: '甲', department: '发改局', action: 'add', changed: true },
        { row: 4, name: '乙', department: '发改局', action: 'modify', changed: false },
      ],
      published: 0,
    });
    const p = parseImportReport({
      type: '/problems/unprocessable',
      title: '无法处理该请求',
      status: 422,
      errors: [{ field: 'body.rows.4.name', message: '请填写事项名称' }],
    });
    expect(p.errors).toEqual([{ row: 4, field: 'name', message: '请填写事项名称' }]);
    expect(p.valid).toBe(0);
    expect(p.published).toBeNull();
  });

  it('maps stages onto one progress bar', () => {
    expect(stagePercent('reading', 1)).toBe(10);
    expect(stagePercent('uploading', 0.5)).toBe(48);
    expect(stagePercent('validating')).toBe(85);
    expect(stagePercent('done')).toBe(100);
  });
});

describe('list helpers', () => {
  const summary = {
    id: 3,
    versionId: 11,
    versionNo: 2,
    name: '企业投资项目备案',
    implementationCode: 'FGJ-0001',
    departmentId: 7,
    departmentName: '发展和改革局',
    kind: 'promised' as const,
    legalDays: 3,
    promisedDays: 2,
    promisedUnit: 'working' as const,
    online: true,
    approvalLevels: 2,
    materialCount: 4,
    status: 'active' as const,
  };

  it('lists each department once', () => {
    expect(
      departmentsOf([
        summary,
        { ...summary, id: 4 },
        { ...summary, departmentId: 8, departmentName: '城管局' },
      ]),
    ).toHaveLength(2);
  });

  it('words an export row', () => {
    expect(itemRow(summary)).toMatchObject({
      kind: '承诺件',
      promisedUnit: '个工作日',
      online: '支持',
      versionNo: 'V2',
      status: '在用',
    });
  });
});
