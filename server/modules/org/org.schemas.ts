import { z } from 'zod';
import { UNIT_KINDS } from '../../../lib/vocabularies.ts';
import { listQuery, UsccString } from '../../platform/http/schemas.ts';

export { UNIT_KIND_LABELS, UNIT_KINDS } from '../../../lib/vocabularies.ts';

export const RegionSchema = z.object({
  code: z.string().describe('行政区划代码（GB/T 2260）'),
  name: z.string(),
  parentCode: z.string().nullable(),
  level: z.enum(['city', 'county']),
});

export const UnitSchema = z.object({
  id: z.number().int(),
  regionCode: z.string(),
  kind: z.enum(UNIT_KINDS),
  name: z.string(),
  shortName: z.string().nullable().describe('发文机关代字，如“闵协”'),
  uscc: z.string().nullable().describe('统一社会信用代码（GB 32100），数据交换中标识受理、办理和发证单位'),
  enabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const name = z.string().trim().min(2, '单位名称至少 2 个字').max(60, '单位名称不超过 60 个字');
const shortName = z.string().trim().min(1).max(8, '代字不超过 8 个字').nullable();
const uscc = UsccString.nullable();

export const UnitCreate = z.object({
  regionCode: z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'),
  kind: z.enum(UNIT_KINDS),
  name,
  shortName: shortName.optional(),
  uscc: uscc.optional(),
});

export const UnitPatch = z
  .object({ name, shortName, uscc, enabled: z.boolean(), kind: z.enum(UNIT_KINDS) })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, '至少修改一个字段');

export const UnitListQuery = listQuery(
  {
    regionCode: z
      .string()
      .regex(/^\d{6}$/, '区划代码应为 6 位数字')
      .optional(),
    kind: z.enum(UNIT_KINDS).optional(),
    q: z.string().trim().max(60).optional(),
  },
  { limit: 100 },
);

type UnitRow = {
  id: number;
  region_code: string;
  kind: (typeof UNIT_KINDS)[number];
  name: string;
  short_name: string | null;
  uscc: string | null;
  enabled: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
};

export function toUnit(r: UnitRow): z.infer<typeof UnitSchema> {
  return {
    id: Number(r.id),
    regionCode: r.region_code,
    kind: r.kind,
    name: r.name,
    shortName: r.short_name,
    uscc: r.uscc,
    enabled: r.enabled,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
