// RFC 9457 problem details as thrown by the API client; pages show `detail` (Chinese) to the user.
export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  requestId?: string;
}

export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly requestId: string | undefined;

  constructor(body: ProblemBody) {
    super(body.detail ?? body.title);
    this.name = 'ApiProblem';
    this.status = body.status;
    this.type = body.type;
    this.title = body.title;
    this.detail = body.detail;
    this.errors = body.errors ?? [];
    this.requestId = body.requestId;
  }

  /** `/problems/stale-version` → `stale-version`. */
  get slug(): string {
    return this.type.replace(/^\/problems\//, '');
  }

  /** Field errors keyed by the form field name (`body.name` → `name`). */
  fieldErrors(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const e of this.errors) {
      const key = e.field.replace(/^(body|query|params)\./, '');
      out.set(key, [...(out.get(key) ?? []), e.message]);
    }
    return out;
  }
}

function isProblemBody(v: unknown): v is ProblemBody {
  return typeof v === 'object' && v !== null && typeof (v as ProblemBody).title === 'string';
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: '请求内容有误',
  401: '未登录或登录已过期',
  403: '无权操作',
  404: '未找到',
  409: '与现有数据冲突',
  412: '记录已被他人修改',
  429: '请求过于频繁',
  500: '服务器内部错误',
  502: '服务暂不可用',
  503: '服务暂不可用',
  504: '服务响应超时',
};

/** Builds an ApiProblem from any error body, even when the server (or a proxy) sent no problem JSON. */
export function toProblem(status: number, body: unknown): ApiProblem {
  if (isProblemBody(body)) return new ApiProblem({ ...body, status: body.status ?? status });
  return new ApiProblem({
    type: 'about:blank',
    title: STATUS_TEXT[status] ?? `请求失败（${status}）`,
    status,
    detail: status >= 500 ? '服务器处理请求时出错，请稍后重试；如持续出现请联系系统管理员。' : undefined,
  });
}

/** The one sentence shown to the user for any error thrown by a query or mutation. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiProblem) {
    const fields = err.errors.map((e) => e.message);
    if (err.slug === 'validation-error' && fields.length > 0) return fields.join('；');
    return err.detail ?? err.title;
  }
  if (err instanceof TypeError) return '无法连接服务器，请检查网络后重试。';
  return '操作失败，请稍后重试。';
}
