// Every action the audit log records, with its Chinese label: the one list that the server's
// writeAudit accepts (a new action without a label does not compile) and the audit page shows.
// Workflow transitions are named after their state machine's events (case.accept, coordination.consult).
import { CASE_EVENT_LABELS, type CaseEvent } from './case-machine.ts';
import { COORDINATION_EVENT_LABELS, type CoordinationEvent } from './coordination.ts';
import { MEETING_EVENT_LABELS, type MeetingEvent } from './meeting.ts';
import { SUPERVISION_EVENT_LABELS, type SupervisionEvent } from './supervision.ts';

const FIXED = {
  'access.denied': '越权访问被拒绝',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.logout_all': '退出所有设备',
  'auth.password_change': '修改密码',
  'auth.oidc_login': '统一身份认证登录',
  'auth.totp_enrol_start': '开始绑定动态口令',
  'auth.totp_enabled': '启用动态口令',
  'auth.totp_disabled': '停用动态口令',
  'role_policy.update': '修改角色安全策略',
  'demo.seed': '写入演示数据',
  'region.create': '新建区划',
  'unit.create': '新建单位',
  'unit.update': '修改单位',
  'user.create': '新建用户',
  'user.create_admin': '创建管理员',
  'user.update': '修改用户',
  'user.roles': '调整角色',
  'user.reset_password': '重置密码',
  'user.unlock': '解除锁定',
  'enterprise.register': '登记企业账号',
  'enterprise.update': '修改企业账号',
  'enterprise.reset_password': '重置企业密码',
  'calendar.import': '导入放假安排',
  'calendar.override_add': '登记本地调整',
  'calendar.override_remove': '撤销本地调整',
  'deadline.suspend': '挂起计时',
  'deadline.resume': '恢复计时',
  'document.issue': '出具公文',
  'document_template.save': '保存文书模板',
  'seal.create': '制作印章',
  'seal.image': '更新印章图样',
  'seal.rotate': '更换印章密钥',
  'seal.suspend': '停用印章',
  'seal.resume': '启用印章',
  'catalog.change.submit': '提交事项变更',
  'catalog.change.approve': '审核发布事项变更',
  'catalog.change.reject': '退回事项变更',
  'catalog.import': '导入事项清单',
  'catalog.form_template.upload': '上传申请表样',
  'bundle.create': '新建一件事',
  'authorization.grant': '首席事务代表授权',
  'authorization.revoke': '撤销首席事务代表授权',
  'material.upload': '上传申请材料',
  'case.submit': '提交申请',
  'case.agent': '指定代办员',
  'case.commitment.fulfil': '容缺材料补齐',
  'case.commitment.remind': '提醒补齐容缺材料',
  'case.commitment.breach': '容缺承诺逾期',
  'bundle_case.submit': '提交一件事申请',
  'bundle_case.deliver': '一件事统一出件',
  'exchange.batch': '生成交换批次',
  'exchange.resend': '重新报送交换批次',
  'coordination.submit': '提交协调申请',
  'coordination.ladder': '配置逐级协调',
  'coordination.letter_draft': '修改告知函',
  'coordination.file.upload': '上传协调附件',
  'consultation.draft': '起草征询答复',
  'consultation.sign': '签发征询答复',
  'consultation.overdue': '征询逾期未答复',
  'commitment.urge': '催办承诺事项',
  'commitment.done': '承诺事项办结',
  'meeting.create': '筹备会议',
  'meeting.schedule.save': '设置工作例会制度',
  'meeting.system.save': '设置联席会议制度',
  'supervision.create': '纳入督办',
  'supervision.file.upload': '上传督办证明材料',
} as const;

export type AuditAction =
  | keyof typeof FIXED
  | `case.${CaseEvent}`
  | `coordination.${CoordinationEvent}`
  | `meeting.${MeetingEvent}`
  | `supervision.${SupervisionEvent}`;

const prefixed = <E extends string>(prefix: string, labels: Readonly<Record<E, string>>) =>
  Object.fromEntries(Object.entries(labels).map(([e, l]) => [`${prefix}.${e}`, l])) as Record<
    `${string}.${E}`,
    string
  >;

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  ...FIXED,
  ...prefixed('case', CASE_EVENT_LABELS),
  ...prefixed('coordination', COORDINATION_EVENT_LABELS),
  ...prefixed('meeting', MEETING_EVENT_LABELS),
  ...prefixed('supervision', SUPERVISION_EVENT_LABELS),
} as Record<AuditAction, string>;

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action);
}
