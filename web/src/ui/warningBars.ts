import { WARNING_LABELS } from '../../../lib/warning.ts';
import type { ChartOption } from './echarts.ts';

export interface WarningCounts {
  label: string;
  total: number;
  red: number;
  yellow: number;
}

const bar = (name: string, color: string, data: number[]) => ({
  name,
  type: 'bar' as const,
  stack: 'n',
  color,
  data,
});

/** Open work per category (a department, a stage) as stacked red / yellow / green bars. */
export function warningBarsOption(
  rows: readonly WarningCounts[],
  orientation: 'horizontal' | 'vertical',
): ChartOption {
  const category = { type: 'category' as const, data: rows.map((r) => r.label) };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    tooltip: { trigger: 'axis' as const },
    legend: { data: [WARNING_LABELS.red, WARNING_LABELS.yellow, WARNING_LABELS.green] },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    ...(orientation === 'horizontal' ? { xAxis: value, yAxis: category } : { xAxis: category, yAxis: value }),
    series: [
      bar(
        WARNING_LABELS.red,
        '#d9363e',
        rows.map((r) => r.red),
      ),
      bar(
        WARNING_LABELS.yellow,
        '#e6a23c',
        rows.map((r) => r.yellow),
      ),
      bar(
        WARNING_LABELS.green,
        '#389e0d',
        rows.map((r) => r.total - r.red - r.yellow),
      ),
    ],
  };
}
