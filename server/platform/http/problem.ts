// RFC 9457 problem details. `type` is a stable identifier clients may switch on; title and detail
// are Chinese for the clerk who reads them.
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  requestId?: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }

  body(instance?: string, requestId?: string): ProblemBody {
    return {
      type: `/problems/${this.slug}`,
      title: this.title,
      status: this.status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...(this.errors?.length ? { errors: this.errors } : {}),
      ...(requestId ? { requestId } : {}),
    };
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = '请求内容不符合要求，请按提示修改。') =>
    new Problem(400, 'validation-error', '请求参数有误', detail, errors),
  badRequest: (detail: string) => new Problem(400, 'bad-request', '请求格式有误', detail),
  unauthenticated: (detail = '请先登录。') =>
    new Problem(401, 'unauthenticated', '未登录或登录已过期', detail),
  invalidCredentials: () =>
    new Problem(401, 'invalid-credentials', '登录失败', '用户名或密码错误（或账号已停用）。'),
  forbidden: (detail = '您没有执行此操作的权限。') => new Problem(403, 'forbidden', '无权操作', detail),
  passwordChangeRequired: () =>
    new Problem(
      403,
      'password-change-required',
      '请先修改初始密码',
      '首次登录或密码被重置后，须先修改密码才能继续使用。',
    ),
  totpEnrolmentRequired: () =>
    new Problem(
      403,
      'totp-enrolment-required',
      '请先绑定动态验证码',
      '您的角色要求使用双因素认证，请先绑定动态验证码（TOTP）。',
    ),
  totpRequired: () =>
    new Problem(
      401,
      'totp-required',
      '需要动态验证码',
      '请输入验证器应用中的 6 位动态验证码，或一个恢复码。',
    ),
  totpInvalid: () =>
    new Problem(
      401,
      'totp-invalid',
      '动态验证码错误',
      '动态验证码不正确或已使用过，请输入验证器中最新的验证码。',
    ),
  notFound: (detail = '请求的资源不存在。') => new Problem(404, 'not-found', '未找到', detail),
  conflict: (detail: string, errors?: FieldError[]) =>
    new Problem(409, 'conflict', '与现有数据冲突', detail, errors),
  preconditionFailed: (detail = '该记录已被他人修改，请刷新后再保存。') =>
    new Problem(412, 'stale-version', '记录已被修改', detail),
  preconditionRequired: (detail = '修改请求必须带 If-Match 头（记录的当前版本）。') =>
    new Problem(428, 'version-required', '缺少版本号', detail),
  tooLarge: (detail: string) => new Problem(413, 'payload-too-large', '文件过大', detail),
  unsupportedType: (detail: string) => new Problem(415, 'unsupported-media-type', '文件类型不支持', detail),
  unprocessable: (detail: string, errors?: FieldError[]) =>
    new Problem(422, 'unprocessable', '无法处理该请求', detail, errors),
  tooMany: (detail: string) => new Problem(429, 'too-many-requests', '请求过于频繁', detail),
  unavailable: (detail: string) => new Problem(503, 'unavailable', '服务暂不可用', detail),
};
