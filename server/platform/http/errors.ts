import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { type FieldError, Problem, problems } from './problem.ts';

const FASTIFY_CODES: Record<string, () => Problem> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    new Problem(415, 'unsupported-media-type', '不支持的内容类型', '请求体须为 application/json。'),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => problems.badRequest('Content-Length 与请求体长度不符。'),
  FST_ERR_CTP_BODY_TOO_LARGE: () =>
    new Problem(413, 'payload-too-large', '请求体过大', '请求体超过允许的大小。'),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    problems.badRequest('Content-Type 为 application/json 时请求体不能为空。'),
  FST_ERR_CTP_INVALID_JSON_BODY: () => problems.badRequest('请求体不是合法的 JSON。'),
  FST_ERR_BAD_URL: () => problems.badRequest('请求地址格式有误。'),
  FST_ERR_ASYNC_CONSTRAINT: () => problems.badRequest('请求无法匹配。'),
};

// PostgreSQL errors that reach here mean a rule the schema enforces; they are the client's fault.
// Unique constraints a user can run into, by name: say which value is taken, on its field.
const UNIQUE_FIELDS: Record<string, FieldError> = {
  unit_uscc_key: { field: 'body.uscc', message: '该统一社会信用代码已登记在其他单位名下。' },
  unit_region_code_name_key: { field: 'body.name', message: '本区划已有同名单位。' },
};

const PG_CODES: Record<string, (constraint?: string) => Problem> = {
  '23505': (constraint) => {
    const taken = constraint ? UNIQUE_FIELDS[constraint] : undefined;
    return taken
      ? problems.conflict(taken.message, [taken])
      : problems.conflict('已存在相同的记录（唯一性冲突）。');
  },
  '23503': () => problems.unprocessable('引用的记录不存在，或仍被其他记录引用。'),
  '23514': () => problems.unprocessable('数据不符合校验规则。'),
  '23502': () => problems.unprocessable('缺少必填数据。'),
  '22001': () => problems.unprocessable('文本超过允许的长度。'),
  '22003': () => problems.unprocessable('数值超出允许的范围。'),
  '22P02': () => problems.badRequest('数据格式有误。'),
  '22021': () => problems.badRequest('文本中含有不允许的字符（如空字符 \\u0000）。'),
  '22P05': () => problems.badRequest('文本中含有不允许的字符（如空字符 \\u0000）。'),
  '22007': () => problems.badRequest('日期时间格式有误。'),
  '22008': () => problems.badRequest('日期时间超出范围。'),
  '40001': () => new Problem(409, 'retry', '并发冲突', '与其他操作同时修改了同一数据，请重试。'),
  '40P01': () => new Problem(409, 'retry', '并发冲突', '与其他操作同时修改了同一数据，请重试。'),
};

function fieldErrors(err: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  return err.validation.map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const where = err.validationContext ?? 'body';
    return { field: path ? `${where}.${path}` : where, message: v.message ?? '取值无效' };
  });
}

export function toProblem(err: FastifyError & { code?: string; constraint?: string }): Problem | undefined {
  if (err instanceof Problem) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    return problems.validation(fieldErrors(err));
  }
  if (isResponseSerializationError(err)) return undefined;
  if (err.code && FASTIFY_CODES[err.code]) return FASTIFY_CODES[err.code]!();
  if (err.code && PG_CODES[err.code]) return PG_CODES[err.code]!(err.constraint);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new Problem(err.statusCode, 'client-error', '请求有误', err.message);
  }
  return undefined;
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, problem: Problem) {
  return reply
    .code(problem.status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify(problem.body(req.url.split('?')[0], req.id)));
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const problem = toProblem(err);
  if (problem) {
    if (problem.status >= 500) req.log.error({ err }, problem.title);
    return sendProblem(reply, req, problem);
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(
    reply,
    req,
    new Problem(
      500,
      'internal-error',
      '服务器内部错误',
      '服务器处理请求时出错，已记录日志；请稍后重试或联系管理员。',
    ),
  );
}
