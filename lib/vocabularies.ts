// The closed vocabularies of the data model, each once, with its Chinese label: the database's
// CHECK lists are tested equal to them (test/vocabularies.test.ts), server/db/types.ts types its
// columns with them, and the web app labels them from here. A workflow's own states and events
// live beside its state machine (case-machine.ts, coordination.ts) and are checked the same way.

/** The values of a labels record, in its order, typed. */
export const valuesOf = <K extends string>(labels: Readonly<Record<K, string>>) => Object.keys(labels) as K[];

// --- organisation and access -----------------------------------------------------------------------

export const UNIT_KIND_LABELS = {
  center: '政务服务中心',
  department: '审批部门',
  park: '园区',
  town: '镇街',
  supervision_office: '督查室',
  leadership: '领导',
} as const;
export type UnitKind = keyof typeof UNIT_KIND_LABELS;
export const UNIT_KINDS = valuesOf(UNIT_KIND_LABELS);

export const REGION_LEVEL_LABELS = { city: '市级', county: '区县级' } as const;
export type RegionLevel = keyof typeof REGION_LEVEL_LABELS;

/** The data scope of a role assignment (DOMAIN.md, access). */
export const DATA_SCOPE_LABELS = {
  all: '全部',
  region: '本区划',
  own_unit: '本单位',
  custom_units: '指定单位',
  self: '本人',
} as const;
export type DataScope = keyof typeof DATA_SCOPE_LABELS;

export const PRINCIPAL_KIND_LABELS = { staff: '工作人员', enterprise: '企业' } as const;
export type PrincipalKind = keyof typeof PRINCIPAL_KIND_LABELS;

export const ACTOR_KIND_LABELS = {
  ...PRINCIPAL_KIND_LABELS,
  system: '系统',
  anonymous: '未登录用户',
} as const;
export type ActorKind = keyof typeof ACTOR_KIND_LABELS;

export const AUDIT_OUTCOME_LABELS = { success: '成功', denied: '拒绝', failure: '失败' } as const;
export type AuditOutcome = keyof typeof AUDIT_OUTCOME_LABELS;

// --- calendar and deadlines ---------------------------------------------------------------------

export const DAY_UNIT_LABELS = { working: '工作日', natural: '自然日' } as const;
export type DayUnit = keyof typeof DAY_UNIT_LABELS;

export const NATIONAL_DAY_KIND_LABELS = { holiday: '放假', makeup_workday: '调休上班' } as const;
export type NationalDayKind = keyof typeof NATIONAL_DAY_KIND_LABELS;

export const OVERRIDE_KIND_LABELS = { closure: '停止办公', workday: '调班上班' } as const;
export type OverrideKind = keyof typeof OVERRIDE_KIND_LABELS;

export const DEADLINE_KIND_LABELS = {
  legal: '法定时限',
  promised: '承诺时限',
  reply: '答复时限',
  commitment: '承诺事项时限',
  decision: '决定时限',
  claim: '认领时限',
  target: '办理时限',
} as const;
export type DeadlineKind = keyof typeof DEADLINE_KIND_LABELS;

export const DEADLINE_STATUS_LABELS = { open: '在办', done: '已办结', cancelled: '已撤销' } as const;
export type DeadlineStatus = keyof typeof DEADLINE_STATUS_LABELS;

// --- platform -------------------------------------------------------------------------------------

export const JOB_STATUS_LABELS = {
  queued: '排队中',
  running: '执行中',
  done: '已完成',
  dead: '已放弃',
} as const;
export type JobStatus = keyof typeof JOB_STATUS_LABELS;

export const NOTIFY_CHANNEL_LABELS = { email: '电子邮件', sms: '短信' } as const;
export type NotifyChannel = keyof typeof NOTIFY_CHANNEL_LABELS;

export const OUTBOX_STATUS_LABELS = { pending: '待发送', sent: '已发送', failed: '发送失败' } as const;
export type OutboxStatus = keyof typeof OUTBOX_STATUS_LABELS;

export const SEAL_KIND_LABELS = {
  official: '公章',
  internal: '内部事务专用章',
  business: '业务专用章',
  personal: '个人名章',
} as const;
export type SealKind = keyof typeof SEAL_KIND_LABELS;

export const SEAL_PROVIDER_LABELS = { builtin: '平台校验签名', regional: '统一电子印章平台' } as const;
export type SealProvider = keyof typeof SEAL_PROVIDER_LABELS;

export const SEAL_STATUS_LABELS = { active: '启用', suspended: '停用', revoked: '已注销' } as const;
export type SealStatus = keyof typeof SEAL_STATUS_LABELS;

// --- catalog ----------------------------------------------------------------------------------------

/** A published item or bundle, or one taken off the catalog. */
export const PUBLICATION_STATUS_LABELS = { active: '在用', withdrawn: '已取消' } as const;
export type PublicationStatus = keyof typeof PUBLICATION_STATUS_LABELS;

export const ITEM_KIND_LABELS = { instant: '即办件', promised: '承诺件' } as const;
export type ItemKind = keyof typeof ITEM_KIND_LABELS;

/** A.3 行使主体性质 (GB/T 39046). */
export const SUBJECT_NATURE_LABELS = {
  '1': '法定机关',
  '2': '授权组织',
  '3': '受委托组织',
  '9': '其他',
} as const;
export type SubjectNature = keyof typeof SUBJECT_NATURE_LABELS;

export const MATERIAL_MEDIUM_LABELS = { paper: '纸质', electronic: '电子', both: '纸质或电子' } as const;
export type MaterialMedium = keyof typeof MATERIAL_MEDIUM_LABELS;

export const CHANGE_KIND_LABELS = { add: '新增', modify: '变更', withdraw: '取消' } as const;
export type ChangeKind = keyof typeof CHANGE_KIND_LABELS;

export const CHANGE_STATUS_LABELS = { submitted: '待审核', approved: '已发布', rejected: '已退回' } as const;
export type ChangeStatus = keyof typeof CHANGE_STATUS_LABELS;

// --- cases ------------------------------------------------------------------------------------------

export const CHANNEL_LABELS = { window: '窗口收件', online: '网上申请' } as const;
export type Channel = keyof typeof CHANNEL_LABELS;

export const APPLICANT_ID_TYPE_LABELS = {
  uscc: '统一社会信用代码',
  id_card: '居民身份证',
  other: '其他证件',
} as const;
export type ApplicantIdType = keyof typeof APPLICANT_ID_TYPE_LABELS;

export const DELIVERY_METHOD_LABELS = { window: '窗口领取', post: '邮寄送达', online: '网上送达' } as const;
export type DeliveryMethod = keyof typeof DELIVERY_METHOD_LABELS;

export const CASE_MATERIAL_STATUS_LABELS = {
  provided: '已提交',
  shared: '免提交（共享复用）',
  tolerated: '容缺',
  missing: '缺少',
} as const;
export type CaseMaterialStatus = keyof typeof CASE_MATERIAL_STATUS_LABELS;

/** 材料可信等级 (R-MAT-1): A e-licence, B checked by a window, C uploaded, D unverified. */
export const TRUST_GRADE_LABELS = { A: 'A 级', B: 'B 级', C: 'C 级', D: 'D 级' } as const;
export type TrustGrade = keyof typeof TRUST_GRADE_LABELS;

export const MATERIAL_SOURCE_LABELS = {
  upload: '申请人上传',
  window: '窗口核验',
  licence: '电子证照',
} as const;
export type MaterialSource = keyof typeof MATERIAL_SOURCE_LABELS;

/** 业务动作 of a step record (R-CASE-3). */
export const STEP_ACTION_LABELS = { pass: '通过', return: '退回', other: '其他' } as const;
export type StepAction = keyof typeof STEP_ACTION_LABELS;

/** 特别程序种类 of the exchange (R-CASE-4): 1 延长, 2 挂起. */
export const SPECIAL_PROCEDURE_CODE_LABELS = { '1': '延长审批', '2': '特别程序（挂起计时）' } as const;
export type SpecialProcedureCode = keyof typeof SPECIAL_PROCEDURE_CODE_LABELS;

// --- coordination ---------------------------------------------------------------------------------

export const CONSULTATION_STATUS_LABELS = {
  pending: '待答复',
  drafted: '已起草',
  answered: '已签发',
} as const;
export type ConsultationStatus = keyof typeof CONSULTATION_STATUS_LABELS;

export const COMMITMENT_STATUS_LABELS = {
  proposed: '拟承诺',
  open: '督办中',
  done: '已办结',
  cancelled: '已撤销',
} as const;
export type CommitmentStatus = keyof typeof COMMITMENT_STATUS_LABELS;

export const OUTCOME_LABELS = { letter: '告知函答复', meeting: '专题协调会' } as const;
export type Outcome = keyof typeof OUTCOME_LABELS;

// --- roles ------------------------------------------------------------------------------------------

/** The staff roles of DOMAIN.md; what each may do is server/platform/access/permissions.ts. */
export const ROLE_LABELS = {
  window_clerk: '综合窗口人员',
  dept_officer: '部门审批人员',
  dept_lead: '部门负责人',
  liaison: '联络员',
  coordinator: '中心协调人员',
  agent: '代办员',
  supervisor: '效能督查',
  leader: '分管领导',
  admin: '系统管理员',
} as const;
export type RoleName = keyof typeof ROLE_LABELS;
