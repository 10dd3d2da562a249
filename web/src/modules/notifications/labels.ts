// Chinese names of notification kinds (server: notify(kind: ...)); unknown kinds read as 通知.
const KIND_LABELS: Readonly<Record<string, string>> = {
  'deadline.yellow': '黄灯预警',
  'deadline.red': '红灯超期',
  'deadline.changed': '时限调整',
};

export function notificationKindLabel(kind: string): string {
  if (KIND_LABELS[kind]) return KIND_LABELS[kind];
  if (kind.startsWith('deadline.')) return '办理时限';
  return '通知';
}
