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

/** Reads a resource with its ETag, which every change to it sends back in If-Match. */
export async function withEtag<T>(p: Promise<FetchResult<T>>): Promise<{ data: T; etag: string }> {
  const { data, response } = await unwrap(p);
  return { data, etag: response.headers.get('etag') ?? '' };
}

/** Like unwrap, returning only the body. */
export async function body<T>(p: Promise<FetchResult<T>>): Promise<T> {
  return (await unwrap(p)).data;
}

export { ApiProblem };

// --- uploads ------------------------------------------------------------------------------------------

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;
/** The routes that take a file as raw bytes (the server types it by its content). */
export type UploadRoute =
  | '/api/materials'
  | '/api/portal/materials'
  | '/api/coordination/files'
  | '/api/portal/coordination/files'
  | '/api/meetings/{id}/materials'
  | '/api/supervision/files'
  | '/api/catalog/form-templates'
  | '/api/seals/{id}/image'
  | '/api/documents/verify';
type Operation<P extends UploadRoute> =
  NonNullable<paths[P]['post']> extends never ? NonNullable<paths[P]['put']> : NonNullable<paths[P]['post']>;
type Success<R> = R extends { 201: infer O } ? JsonOf<O> : R extends { 200: infer O } ? JsonOf<O> : never;
export type UploadResult<P extends UploadRoute> = Success<Operation<P>['responses']>;

/**
 * The one upload helper: sends `file` as raw bytes to an upload route (path parameters filled in,
 * query string from `query`) and resolves to the route's typed answer, or throws its problem.
 */
export async function uploadBytes<P extends UploadRoute>(
  route: P,
  file: Blob,
  opts: {
    path?: Record<string, string | number>;
    query?: Record<string, string | number | undefined>;
    method?: 'POST' | 'PUT';
    /** The route's declared body type: raw bytes unless it says otherwise (a seal's PNG). */
    contentType?: string;
  } = {},
): Promise<UploadResult<P>> {
  const url = route.replace(/\{(\w+)\}/g, (_m, k: string) => encodeURIComponent(String(opts.path?.[k])));
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) q.set(k, String(v));
  const res = await fetch(q.size ? `${url}?${q}` : url, {
    method: opts.method ?? 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': opts.contentType ?? 'application/octet-stream', accept: 'application/json' },
    body: file,
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toProblem(res.status, json);
  return json as UploadResult<P>;
}
