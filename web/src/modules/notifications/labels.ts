// Chinese names of notification kinds (server: notify(kind: ...)); unknown kinds read as 通知.
const KIND_LABELS: Readonly<Record<string, string>> = {
  'deadline.yellow': '黄灯预警',
  'deadline.red': '红灯超期',
  'deadline.changed': '时限调整',
  'meeting.convened': '会议通知',
  'meeting.remind': '会议回执提醒',
  'meeting.cancelled': '会议取消',
  'meeting.minutes': '会议纪要',
  'meeting.decision': '会议议定事项',
  'meeting.planned': '工作例会安排',
  'meeting.proposal': '议题申报',
  'meeting.agenda': '议题审定',
  'meeting.material': '会议材料',
  'supervision.tracked': '纳入督办',
  'supervision.reported': '待确认办结',
  'supervision.done': '督办办结',
  'supervision.returned': '办结报告退回',
  'supervision.urged': '催办',
  'supervision.extension': '延期申请',
  'supervision.cancelled': '撤销督办',
};

export function notificationKindLabel(kind: string): string {
  if (KIND_LABELS[kind]) return KIND_LABELS[kind];
  if (kind.startsWith('deadline.')) return '办理时限';
  if (kind.startsWith('meeting.')) return '会议';
  if (kind.startsWith('supervision.')) return '督办';
  return '通知';
}
