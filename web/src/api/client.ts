// The typed HTTP client: paths and bodies come from schema.d.ts (generated from the server's OpenAPI).
import createClient from 'openapi-fetch';
import { ApiProblem, toProblem } from './problem.ts';
import type { paths } from './schema';

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to the body, or throws ApiProblem; keeps the response for headers such as ETag. */
export async function unwrap<T>(p: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  const r = await p;
  if (!r.response.ok || r.data === undefined) {
    if (r.error instanceof ApiProblem) throw r.error;
    throw toProblem(r.response.status, r.error);
  }
  return { data: r.data, response: r.response };
}

/** Like unwrap, returning only the body. */
export async function body<T>(p: Promise<FetchResult<T>>): Promise<T> {
  return (await unwrap(p)).data;
}

/**
 * For endpoints the server may not have yet (added while the web shell was built): a plain GET that
 * resolves to null on 404 instead of throwing.
 */
export async function optionalGet<T>(url: string, init?: RequestInit): Promise<T | null> {
  const res = await fetch(url, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    ...init,
  });
  if (res.status === 404) return null;
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toProblem(res.status, json);
  return json as T;
}

export { ApiProblem };
