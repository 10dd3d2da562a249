// Times are shown in the region's zone (Asia/Shanghai, DOMAIN.md), whatever the browser's zone is.
const ZONE = 'Asia/Shanghai';

const dateTimeFmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function parts(iso: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateTimeFmt.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** 2026-11-26 08:30:05 (Beijing time). */
export function formatDateTime(iso: string, withSeconds = true): string {
  const p = parts(iso);
  const time = withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** Start of a Beijing calendar day as an ISO instant with offset, for API time filters. */
export function beijingDayStart(isoDate: string): string {
  return `${isoDate}T00:00:00+08:00`;
}

const dateFmt = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in Beijing as YYYY-MM-DD (deadlines are counted in the region's days). */
export function beijingToday(now: Date = new Date()): string {
  return dateFmt.format(now);
}
