// Hooks and types of the coordination API (协调事项, 书面征询, 承诺督办) for the center, the
// departments, the leader and the enterprise portal.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, uploadBytes, withEtag } from '../../api/client.ts';
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

type PostOf<K extends keyof paths> = NonNullable<paths[K]['post']>;
type PutOf<K extends keyof paths> = NonNullable<paths[K]['put']>;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
type BodyField<B> = [B] extends [undefined] ? { body?: undefined } : { body: B };
type ActionsUnder<Prefix extends string, Method extends 'post' | 'put'> = {
  [K in keyof paths]: K extends `${Prefix}${infer A}`
    ? A extends `${string}{${string}`
      ? never
      : [NonNullable<paths[K][Method]>] extends [never]
        ? never
        : A
    : never;
}[keyof paths];

type RequestPost = ActionsUnder<'/api/coordination/{id}/', 'post'>;
type RequestPut = ActionsUnder<'/api/coordination/{id}/', 'put'>;
/**
 * One action on a request with the body its route declares (`/api/coordination/{id}/consult` →
 * 'consult'): a renamed route or a wrong body fails the typecheck.
 */
export type RequestActionCall =
  | {
      [A in RequestPost]: { path: A; method?: 'POST' } & BodyField<
        JsonBody<PostOf<`/api/coordination/{id}/${A}`>>
      >;
    }[RequestPost]
  | {
      [A in RequestPut]: { path: A; method: 'PUT' } & BodyField<
        JsonBody<PutOf<`/api/coordination/{id}/${A}`>>
      >;
    }[RequestPut];

export function useRequests(c: Channel, q: RequestQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: coordinationKeys.list(c, q),
    queryFn: () => {
      const query = Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));
      return c === 'portal'
        ? body(api.GET('/api/portal/coordination', { params: { query } }))
        : body(api.GET('/api/coordination', { params: { query } }));
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
    queryFn: () => {
      const params = { path: { id } };
      return c === 'portal'
        ? withEtag(api.GET('/api/portal/coordination/{id}', { params }))
        : withEtag(api.GET('/api/coordination/{id}', { params }));
    },
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

/**
 * Performs an action at the version the user saw. The answer is the request as it now is, with its
 * new ETag: it replaces the cached request, and only the lists and the board are fetched again.
 */
export function useRequestAction(c: Channel = 'staff') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestActionCall & { id: number; etag: string }) => {
      // Both channels answer with the request detail; the route is checked by RequestActionCall.
      const init = {
        params: { path: { id: input.id } },
        headers: { 'if-match': input.etag },
        body: (input.body ?? {}) as never,
      };
      return input.method === 'PUT'
        ? withEtag(
            api.PUT(`${base(c)}/coordination/{id}/${input.path}` as '/api/coordination/{id}/letter', init),
          )
        : withEtag(
            api.POST(`${base(c)}/coordination/{id}/${input.path}` as '/api/coordination/{id}/consult', init),
          );
    },
    onSuccess: (r, input) => {
      qc.setQueryData(coordinationKeys.one(c, input.id), r);
      void qc.invalidateQueries({
        queryKey: coordinationKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'one' && q.queryKey[3] === input.id),
      });
    },
  });
}

export function useSubmitRequest(c: Channel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SubmitBody) =>
      c === 'portal'
        ? body(api.POST('/api/portal/coordination', { body: input }))
        : body(api.POST('/api/coordination', { body: input })),
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
    queryFn: () => withEtag(api.GET('/api/consultations/{id}', { params: { path: { id } } })),
  });
}

/** Drafts or signs a reply; the answer replaces the cached consultation. */
export function useConsultationAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { id: number; etag: string } & ({ path: 'reply'; body: ReplyBody } | { path: 'sign' }),
    ) => {
      const params = { path: { id: input.id } };
      const headers = { 'if-match': input.etag };
      return input.path === 'reply'
        ? withEtag(api.POST('/api/consultations/{id}/reply', { params, headers, body: input.body }))
        : withEtag(api.POST('/api/consultations/{id}/sign', { params, headers }));
    },
    onSuccess: (r, input) => {
      qc.setQueryData(coordinationKeys.consultation(input.id), r);
      void qc.invalidateQueries({
        queryKey: coordinationKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'consultation' && q.queryKey[2] === input.id),
      });
    },
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
    mutationFn: (input: { id: number; version: number; path: 'urge' | 'done'; note: string }) => {
      const params = { path: { id: input.id } };
      const payload = { body: { note: input.note } };
      return input.path === 'done'
        ? body(
            api.POST('/api/commitments/{id}/done', {
              params,
              headers: { 'if-match': `"${input.version}"` },
              ...payload,
            }),
          )
        : body(api.POST('/api/commitments/{id}/urge', { params, ...payload }));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: coordinationKeys.all }),
  });
}

/** Saves a region's ladder as a whole at the version read (If-Match). */
export function useSaveLadder(region: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      etag: string | null;
      steps: { level: LadderStep['level']; limitDays: number; required: string[] }[];
    }) =>
      body(
        api.PUT('/api/coordination-ladder/{region}', {
          params: { path: { region } },
          headers: input.etag ? { 'if-match': input.etag } : {},
          body: { steps: input.steps } as never,
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: coordinationKeys.all }),
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
export function uploadFile(c: Channel, file: File): Promise<UploadedFile> {
  const query = { fileName: file.name };
  return c === 'portal'
    ? uploadBytes('/api/portal/coordination/files', file, { query })
    : uploadBytes('/api/coordination/files', file, { query });
}

export const documentUrl = (c: Channel, id: number, documentId: number, format: 'pdf' | 'docx') =>
  `${base(c)}/coordination/${id}/documents/${documentId}/${format}`;
export const fileUrl = (c: Channel, id: number, fileId: number) =>
  `${base(c)}/coordination/${id}/files/${fileId}`;
