import { z } from 'zod';
import { isIsoDate } from '../../../lib/dates.ts';

export const isoDate = z.string().refine(isIsoDate, '日期格式应为 YYYY-MM-DD 且为有效日期');

/** A year's State Council arrangement: the API body and the CLI import file alike. */
export const YearImportSchema = z.object({
  year: z.number().int().min(2000, '年份超出范围').max(2100, '年份超出范围'),
  sources: z
    .array(
      z.object({
        docNo: z.string().trim().min(2, '请填写文号').max(60),
        title: z.string().trim().min(2, '请填写通知标题').max(200),
        publishedOn: isoDate,
        url: z.url('请填写通知原文链接'),
      }),
    )
    .min(1, '至少提供一份国务院办公厅通知作为依据')
    .max(5),
  days: z
    .array(
      z.object({
        date: isoDate,
        kind: z
          .enum(['holiday', 'makeup_workday'])
          .describe('holiday 放假（工作日休息），makeup_workday 调休上班（周末上班）'),
        name: z.string().trim().min(1).max(20).describe('节日名称，如“春节”'),
      }),
    )
    .max(120),
});
