// Hooks and types of the coordination API (协调事项, 书面征询, 承诺督办) for the center, the
// departments, the leader and the enterprise portal.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import { toProblem } from '../../api/problem.ts';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type RequestDetail = Json<paths['/api/coordination/{id}']['get']['responses'][200]>;
export type RequestPage = Json<paths['/api/coordination']['get']['responses'][200]>;
export type RequestSummary = RequestPage['items'][number];
export type RequestQuery = NonNullable<paths['/api/coordination']['get']['parameters']['query']>;
export type BoardColumn = Json<paths['/api/coordination/board']['get']['responses'][200]>[number];
export type Consultation = Json<paths['/api/consultations/{id}']['get']['responses'][200]>;
export type Commitment = Consultation['commitments'][number];
export type CommitmentQuery = NonNullable<paths['/api/commitments']['get']['parameters']['query']>;
export type Suggestions = Json<paths['/api/coordination/{id}/suggestions']['get']['responses'][200]>;
export type SubmitBody = paths['/api/coordination']['post']['requestBody']['content']['application/json'];
export type ReplyBody =
  paths['/api/consultations/{id}/reply']['post']['requestBody']['content']['application/json'];
export type LadderStep = Json<paths['/api/coordination-ladder/{region}']['get']['responses'][200]>[number];
export type UploadedFile = Json<paths['/api/coordination/files']['post']['responses'][201]>;

/** Staff use /api, the enterprise its portal; both return the same shapes. */
export type Channel = 'staff' | 'portal';
const base = (c: Channel) => (c === 'portal' ? '/api/portal' : '/api');

export const coordinationKeys = {
  all: ['coordination'] as const,
  list: (c: Channel, q: RequestQuery) => ['coordination', 'list', c, q] as const,
  board: ['coordination', 'board'] as const,
  one: (c: Channel, id: number) => ['coordination', 'one', c, id] as const,
  suggestions: (id: number) => ['coordination', 'suggestions', id] as const,
  consultations: (status: 'open' | 'all') => ['coordination', 'consultations', status] as const,
  consultation: (id: number) => ['coordination', 'consultation', id] as const,
  commitments: (q: CommitmentQuery) => ['coordination', 'commitments', q] as const,
  ladder: (region: string) => ['coordination', 'ladder', region] as const,
};

async function getJson<T>(url: string): Promise<{ data: T; etag: string }> {
  const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toProblem(res.status, json);
  return { data: json as T, etag: res.headers.get('etag') ?? '' };
}

/** A JSON call that sends the version the user saw (If-Match) and throws the server's problem. */
export async function send<T>(
  method: 'POST' | 'PUT',
  url: string,
  etag: string | null,
  payload?: unknown,
): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(etag ? { 'if-match': etag } : {}),
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toProblem(res.status, json);
  return json as T;
}

export function useRequests(c: Channel, q: RequestQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: coordinationKeys.list(c, q),
    queryFn: async () => {
      const s = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') s.set(k, String(v));
      return (await getJson<RequestPage>(`${base(c)}/coordination?${s}`)).data;
    },
    placeholderData: keepPreviousData,
  });
}

export function useBoard(enabled = true) {
  return useQuery({
    queryKey: coordinationKeys.board,
    queryFn: () => body(api.GET('/api/coordination/board')),
    enabled,
  });
}

/** A request with its ETag, which every action sends back in If-Match. */
export function useRequest(c: Channel, id: number) {
  return useQuery({
    queryKey: coordinationKeys.one(c, id),
    queryFn: () => getJson<RequestDetail>(`${base(c)}/coordination/${id}`),
    enabled: id > 0,
  });
}

export function useSuggestions(id: number, enabled: boolean) {
  return useQuery({
    queryKey: coordinationKeys.suggestions(id),
    queryFn: () => body(api.GET('/api/coordination/{id}/suggestions', { params: { path: { id } } })),
    enabled,
  });
}

/** Performs an action path (consult, decide, escalate, …) at the version the user saw. */
export function useRequestAction(c: Channel = 'staff') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      id: number;
      etag: string;
      path: string;
      body?: unknown;
      method?: 'POST' | 'PUT';
    }) =>
      send<RequestDetail>(
        input.method ?? 'POST',
        `${base(c)}/coordination/${input.id}/${input.path}`,
        input.etag,
        input.body ?? {},
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: coordinationKeys.all }),
  });
}

export function useSubmitRequest(c: Channel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitBody) =>
      send<{ id: number; number: string; level: string }>('POST', `${base(c)}/coordination`, null, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: coordinationKeys.all }),
  });
}

export function useConsultations(status: 'open' | 'all', enabled = true) {
  return useQuery({
    enabled,
    queryKey: coordinationKeys.consultations(status),
    queryFn: () => body(api.GET('/api/consultations', { params: { query: { status, limit: 200 } } })),
  });
}

export function useConsultation(id: number) {
  return useQuery({
    queryKey: coordinationKeys.consultation(id),
    queryFn: () => getJson<Consultation>(`/api/consultations/${id}`),
  });
}

export function useConsultationAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; etag: string; path: 'reply' | 'sign'; body?: ReplyBody }) =>
      send<Consultation>(
        'POST',
        `/api/consultations/${input.id}/${input.path}`,
        input.etag,
        input.body ?? {},
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: coordinationKeys.all }),
  });
}

export function useCommitments(q: CommitmentQuery) {
  return useQuery({
    queryKey: coordinationKeys.commitments(q),
    queryFn: () => body(api.GET('/api/commitments', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

export function useCommitmentAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; version: number; path: 'urge' | 'done'; note: string }) =>
      send<{ ok: true }>(
        'POST',
        `/api/commitments/${input.id}/${input.path}`,
        input.path === 'done' ? `"${input.version}"` : null,
        {
          note: input.note,
        },
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: coordinationKeys.all }),
  });
}

export function useLadder(region: string | undefined) {
  return useQuery({
    queryKey: coordinationKeys.ladder(region ?? ''),
    queryFn: () =>
      body(api.GET('/api/coordination-ladder/{region}', { params: { path: { region: region! } } })),
    enabled: Boolean(region),
  });
}

/** Uploads one attachment as raw bytes; the server decides the type from the content. */
export async function uploadFile(c: Channel, file: File): Promise<UploadedFile> {
  const res = await fetch(`${base(c)}/coordination/files?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
    body: file,
  });
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw toProblem(res.status, json);
  return json as UploadedFile;
}

export const documentUrl = (c: Channel, id: number, documentId: number, format: 'pdf' | 'docx') =>
  `${base(c)}/coordination/${id}/documents/${documentId}/${format}`;
export const fileUrl = (c: Channel, id: number, fileId: number) =>
  `${base(c)}/coordination/${id}/files/${fileId}`;
