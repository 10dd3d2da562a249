// What each role's workbench will list. Until the feature APIs exist every panel is an empty state
// that tells the user what is going to appear there, so nobody takes an empty list for "nothing to do".
// Deadlines (办理时限预警) have their own live panel for everyone with deadline:read.
import { WARNING_LABELS, type WarningLevel } from '../../../../lib/warning.ts';
import { byUrgency } from '../../ui/deadline.ts';
import type { ChartOption } from '../../ui/echarts.ts';
export interface Panel {
  key: string;
  title: string;
  /** What will appear here, in the clerk's words. */
  description: string;
  /** A live list of cases in this view instead of the placeholder. */
  caseView?: 'intake' | 'deliver' | 'queue' | 'commitments' | 'all' | 'portal';
  /** A live list of coordination work instead of the placeholder. */
  coordinationView?: 'consultations' | 'requests' | 'escalations' | 'portal';
  /** A live list of meetings instead of the placeholder. */
  meetingView?: 'organiser' | 'chair' | 'attendee';
  /** A live list of tracked items (督办台账) instead of the placeholder. */
  supervisionView?: 'tracking' | 'mine';
}

const MY_MEETINGS: Panel = {
  key: 'meetings',
  meetingView: 'attendee',
  title: '我的会议',
  description: '本单位受邀参加的会议将显示在这里，收到会议通知后请回执参会人员。',
};

const MY_SUPERVISION: Panel = {
  key: 'supervision-mine',
  supervisionView: 'mine',
  title: '本单位督办事项',
  description: '交办给本单位、尚未办结的督办事项将按到期日显示在这里，请按时报告进展并附办结证明材料。',
};

const PANELS: Record<string, Panel[]> = {
  window_clerk: [
    {
      key: 'intake',
      caseView: 'intake',
      title: '待受理办件',
      description: '窗口收件和网上申请提交的办件将显示在这里，可受理、容缺受理、一次性告知补正或不予受理。',
    },
    {
      key: 'deliver',
      caseView: 'deliver',
      title: '待出件',
      description: '审批部门已办结、等待窗口发放结果的办件将显示在这里。',
    },
    {
      key: 'tolerant',
      caseView: 'commitments',
      title: '容缺承诺待补齐',
      description: '容缺受理后尚未补齐材料的办件将按承诺日期显示在这里，临期和逾期的会被标出。',
    },
  ],
  dept_officer: [
    {
      key: 'review',
      caseView: 'queue',
      title: '待审批办件',
      description: '本部门待审查的办件将按红黄灯和截止日排序显示在这里。',
    },
    {
      key: 'consult',
      coordinationView: 'consultations',
      title: '待回复征询',
      description: '中心发来的书面征询意见将显示在这里，须在 5 个工作日内回复。',
    },
    MY_MEETINGS,
    MY_SUPERVISION,
  ],
  dept_lead: [
    {
      key: 'sign',
      caseView: 'queue',
      title: '待签批事项',
      description: '需要部门负责人审核签批的办件和征询回复将显示在这里。',
    },
    {
      key: 'consult',
      coordinationView: 'consultations',
      title: '待回复征询',
      description: '发给本部门的书面征询意见将显示在这里，答复须由部门负责人签发。',
    },
    MY_MEETINGS,
    MY_SUPERVISION,
  ],
  liaison: [
    {
      key: 'consult',
      coordinationView: 'consultations',
      title: '待回复征询',
      description: '发给本部门的书面征询意见将显示在这里，请及时分送并跟踪回复。',
    },
    MY_MEETINGS,
    MY_SUPERVISION,
    {
      key: 'claim',
      title: '审管联动待认领',
      description: '推送给本部门、需在规定工作日内认领的审批结果将显示在这里。',
    },
  ],
  coordinator: [
    {
      key: 'requests',
      coordinationView: 'requests',
      title: '协调请求',
      description: '企业、园区、镇街提交或窗口升级的协调请求将显示在这里，待分办、征询或上会。',
    },
    {
      key: 'consults',
      coordinationView: 'consultations',
      title: '征询进度',
      description: '已发出的书面征询及各部门回复情况将显示在这里，临期未复的会被标出。',
    },
    {
      key: 'meetings',
      meetingView: 'organiser',
      title: '协调会议',
      description: '待召开的专题协调会、例会和待签发的会议纪要将显示在这里。',
    },
  ],
  agent: [
    {
      key: 'projects',
      caseView: 'all',
      title: '我代办的办件',
      description: '窗口指定由您代办的办件将显示在这里；容缺材料临期或逾期时您也会收到提醒。',
    },
    {
      key: 'weekly',
      title: '本周进度报告',
      description: '需要本周填报进度的代办项目将显示在这里。',
    },
  ],
  supervisor: [
    {
      key: 'tracking',
      supervisionView: 'tracking',
      title: '督办事项',
      description: '责任单位报告办结、待您确认的督办事项和超期未办结的事项将显示在这里。',
    },
    {
      key: 'notices',
      title: '督办通报',
      description: '待签发的督办通报和需转效能监察的问责线索将显示在这里。',
    },
  ],
  leader: [
    {
      key: 'escalations',
      coordinationView: 'escalations',
      title: '提请协调事项',
      description: '逐级协调后提请分管领导决策的事项将显示在这里。',
    },
    {
      key: 'minutes',
      meetingView: 'chair',
      title: '会议纪要',
      description: '待您签发的会议纪要和近一个月印发的纪要将显示在这里。',
    },
  ],
  admin: [
    {
      key: 'changes',
      title: '待审核变更',
      description: '事项清单变更申请和需要管理员处理的账号申请将显示在这里。',
    },
  ],
};

export const ENTERPRISE_PANELS: Panel[] = [
  {
    key: 'cases',
    caseView: 'portal',
    title: '我的申请',
    description: '您在线申请或在窗口办理的事项及办理进度将显示在这里。',
  },
  {
    key: 'coordination',
    coordinationView: 'portal',
    title: '协调请求',
    description: '您提交的项目协调请求、各部门回复意见和告知函将显示在这里。',
  },
  {
    key: 'agency',
    title: '代办服务',
    description: '您申请的免费代办服务、代办员和手续进度将显示在这里。',
  },
  {
    key: 'reviews',
    title: '待评价',
    description: '已办结、可以评价的服务将显示在这里，欢迎对服务打分。',
  },
];

/** Panels for the user's roles, de-duplicated by key (a user may hold several roles). */
export function panelsFor(roles: readonly string[]): Panel[] {
  const seen = new Set<string>();
  const out: Panel[] = [];
  for (const r of roles) {
    for (const p of PANELS[r] ?? []) {
      if (seen.has(p.key)) continue;
      seen.add(p.key);
      out.push(p);
    }
  }
  return out;
}

/** Count of one level's open deadlines; `more` when the list was cut at the page limit. */
export interface LevelCount {
  level: WarningLevel;
  count: number;
  more: boolean;
}

export const LEVEL_COLORS: Readonly<Record<WarningLevel, string>> = {
  red: '#d9363e',
  yellow: '#e6a23c',
  green: '#52a447',
};

const ORDER: WarningLevel[] = ['red', 'yellow', 'green'];

/** "12" or "500+" when the server had more than one page. */
export function countText(c: LevelCount): string {
  return c.more ? `${c.count}+` : String(c.count);
}

/** The donut of open deadlines by level (red, yellow, green), total in the middle. */
export function levelPieOption(counts: readonly LevelCount[]): ChartOption {
  const sorted = ORDER.map((l) => counts.find((c) => c.level === l) ?? { level: l, count: 0, more: false });
  const total = sorted.reduce((n, c) => n + c.count, 0);
  const more = sorted.some((c) => c.more);
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
    title: {
      text: `${total}${more ? '+' : ''}`,
      subtext: '在办时限',
      left: 'center',
      top: '38%',
      textStyle: { fontSize: 22, fontWeight: 600, color: '#1f2937' },
      subtextStyle: { fontSize: 12, color: '#6b7280' },
    },
    series: [
      {
        type: 'pie',
        radius: ['58%', '82%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data: sorted.map((c) => ({
          name: WARNING_LABELS[c.level],
          value: c.count,
          itemStyle: { color: LEVEL_COLORS[c.level] },
        })),
      },
    ],
  };
}

/** The most urgent open deadlines for the workbench: red, then yellow, each by due date. */
export function mostUrgent<T extends { id: number; level: WarningLevel; dueDate: string | null }>(
  red: readonly T[],
  yellow: readonly T[],
  n: number,
): T[] {
  return byUrgency([...red, ...yellow]).slice(0, n);
}
