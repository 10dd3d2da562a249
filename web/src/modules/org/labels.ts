import type { Region } from '../../api/types.ts';
import { formatDateTime } from '../../ui/format.ts';

export function regionNames(regions: readonly Region[] | undefined): Map<string, string> {
  return new Map((regions ?? []).map((r) => [r.code, r.name]));
}

/** Full region name: 嘉兴市 / 嘉兴市南湖区. */
export function regionPath(regions: readonly Region[] | undefined, code: string): string {
  const byCode = new Map((regions ?? []).map((r) => [r.code, r]));
  const r = byCode.get(code);
  if (!r) return code;
  const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
  return parent ? `${parent.name}${r.name}` : r.name;
}

export function formatTime(iso: string): string {
  return formatDateTime(iso, false);
}
