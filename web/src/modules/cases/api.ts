// Hooks and types of the case API (办件) for the window, the departments and the enterprise portal.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, unwrap, uploadBytes, withEtag } from '../../api/client.ts';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CaseDetail = Json<paths['/api/cases/{id}']['get']['responses'][200]>;
export type CasePage = Json<paths['/api/cases']['get']['responses'][200]>;
export type CaseSummary = CasePage['items'][number];
export type CaseQuery = NonNullable<paths['/api/cases']['get']['parameters']['query']>;
export type CaseBoardRow = Json<paths['/api/cases/board']['get']['responses'][200]>[number];
export type CaseSubmitBody = paths['/api/cases']['post']['requestBody']['content']['application/json'];
export type BundleSubmitBody =
  paths['/api/portal/bundle-cases']['post']['requestBody']['content']['application/json'];
export type StoredMaterial = Json<paths['/api/portal/materials']['get']['responses'][200]>[number];
export type ItemVersion = Json<paths['/api/catalog/versions/{id}']['get']['responses'][200]>;
export type ItemSummary = Json<paths['/api/catalog/items']['get']['responses'][200]>['items'][number];
export type Bundle = Json<paths['/api/catalog/bundles']['get']['responses'][200]>[number];
export type BundleCase = Json<paths['/api/portal/bundle-cases/{id}']['get']['responses'][200]>;
export type CaseEvent = CaseDetail['actions'][number];
export type Agent = Json<paths['/api/cases/agents']['get']['responses'][200]>[number];

/** Staff use /api, the enterprise its portal; both return the same shapes. */
export type Channel = 'staff' | 'portal';
const base = (c: Channel) => (c === 'portal' ? '/api/portal' : '/api');

export const caseKeys = {
  all: ['cases'] as const,
  list: (q: CaseQuery) => ['cases', 'list', q] as const,
  portalList: ['cases', 'portal-list'] as const,
  one: (c: Channel, id: number) => ['cases', 'one', c, id] as const,
  board: ['cases', 'board'] as const,
  bundleCase: (c: Channel, id: number) => ['cases', 'bundle', c, id] as const,
  items: (region: string) => ['catalog', 'items', region] as const,
  version: (id: number) => ['catalog', 'version', id] as const,
  bundles: (region: string) => ['catalog', 'bundles', region] as const,
  offers: (keys: string) => ['materials', 'offers', keys] as const,
  agents: (region: string) => ['cases', 'agents', region] as const,
};

export function useCases(q: CaseQuery, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(q),
    queryFn: () => body(api.GET('/api/cases', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function usePortalCases(enabled = true) {
  return useQuery({
    queryKey: caseKeys.portalList,
    queryFn: () => body(api.GET('/api/portal/cases', { params: { query: { limit: 200 } } })),
    enabled,
  });
}

/** Agents (代办员) the window may name on cases of a region. */
export function useAgents(region: string | null) {
  return useQuery({
    queryKey: caseKeys.agents(region ?? ''),
    queryFn: () => body(api.GET('/api/cases/agents', { params: { query: { region: region! } } })),
    enabled: region !== null,
    staleTime: 60_000,
  });
}

export function useCaseBoard(enabled = true) {
  return useQuery({ queryKey: caseKeys.board, queryFn: () => body(api.GET('/api/cases/board')), enabled });
}

/** A case with its ETag, which every action sends back in If-Match. */
export function useCase(c: Channel, id: number | null) {
  return useQuery({
    queryKey: caseKeys.one(c, id ?? 0),
    queryFn: () => {
      const params = { path: { id: id! } };
      return c === 'portal'
        ? withEtag(api.GET('/api/portal/cases/{id}', { params }))
        : withEtag(api.GET('/api/cases/{id}', { params }));
    },
    enabled: id !== null,
  });
}

export function useBundleCase(c: Channel, id: number | null) {
  return useQuery({
    queryKey: caseKeys.bundleCase(c, id ?? 0),
    queryFn: () => {
      const params = { path: { id: id! } };
      return c === 'portal'
        ? body(api.GET('/api/portal/bundle-cases/{id}', { params }))
        : body(api.GET('/api/bundle-cases/{id}', { params }));
    },
    enabled: id !== null,
  });
}

type PostOf<K extends keyof paths> = NonNullable<paths[K]['post']>;
type BodyOf<K extends keyof paths> =
  PostOf<K> extends { requestBody: { content: { 'application/json': infer B } } } ? B : undefined;
/** The actions on a case, named by their routes (`/api/cases/{id}/accept` → 'accept'). */
export type CaseActionName = {
  [K in keyof paths]: K extends `/api/cases/{id}/${infer A}`
    ? A extends `${string}/${string}`
      ? never
      : [PostOf<K>] extends [never]
        ? never
        : A
    : never;
}[keyof paths];
type BodyField<B> = [B] extends [undefined] ? { body?: undefined } : { body: B };
/** One action with the body its route declares: a renamed route or a wrong body fails the typecheck. */
export type CaseActionCall = {
  [A in CaseActionName]: { path: A } & BodyField<BodyOf<`/api/cases/{id}/${A}`>>;
}[CaseActionName];
export type CaseActionInput = CaseActionCall & { id: number; etag: string };

/**
 * Performs an action at the version the user saw. The answer is the case as it now is, with its
 * new ETag: it replaces the cached case, and only the lists and the board are fetched again.
 */
export function useCaseAction(c: Channel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CaseActionInput) => {
      // Both channels answer with the case detail; the route is checked by CaseActionInput above.
      const route = `${base(c)}/cases/{id}/${input.path}` as '/api/cases/{id}/accept';
      return withEtag(
        api.POST(route, {
          params: { path: { id: input.id } },
          headers: { 'if-match': input.etag },
          body: input.body as never,
        }),
      );
    },
    onSuccess: (r, input) => {
      qc.setQueryData(caseKeys.one(c, input.id), r);
      void qc.invalidateQueries({
        queryKey: caseKeys.all,
        predicate: (q) => !(q.queryKey[1] === 'one' && q.queryKey[3] === input.id),
      });
    },
  });
}

/** 容缺材料补齐: the applicant uploads, or the window records the original it has checked. */
export function useFulfilCommitment(c: Channel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; materialId: number; storedMaterialId?: number }) => {
      const params = { path: { id: input.id, materialId: input.materialId } };
      const payload = { body: { storedMaterialId: input.storedMaterialId }, params };
      return c === 'portal'
        ? body(api.POST('/api/portal/cases/{id}/materials/{materialId}/fulfil', payload))
        : body(api.POST('/api/cases/{id}/materials/{materialId}/fulfil', payload));
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export function useSubmitCase(c: Channel) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: CaseSubmitBody) =>
      c === 'portal'
        ? body(api.POST('/api/portal/cases', { body: input }))
        : body(api.POST('/api/cases', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export function useSubmitBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BundleSubmitBody) => body(api.POST('/api/portal/bundle-cases', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export function useDeliverBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; method: 'window' | 'post' | 'online' }) =>
      unwrap(
        api.POST('/api/bundle-cases/{id}/deliver', {
          params: { path: { id: input.id } },
          body: { method: input.method },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: caseKeys.all }),
  });
}

export function usePublishedItems(region: string | undefined) {
  return useQuery({
    queryKey: caseKeys.items(region ?? ''),
    queryFn: () =>
      body(api.GET('/api/catalog/items', { params: { query: { region: region!, limit: 500 } } })),
    enabled: Boolean(region),
    staleTime: 60_000,
  });
}

export function useItemVersion(id: number | null) {
  return useQuery({
    queryKey: caseKeys.version(id ?? 0),
    queryFn: () => body(api.GET('/api/catalog/versions/{id}', { params: { path: { id: id! } } })),
    enabled: id !== null,
    staleTime: 60_000,
  });
}

export function useBundles(region: string | undefined) {
  return useQuery({
    queryKey: caseKeys.bundles(region ?? ''),
    queryFn: () => body(api.GET('/api/catalog/bundles', { params: { query: { region: region! } } })),
    enabled: Boolean(region),
    staleTime: 60_000,
  });
}

/** Reusable materials (e-licences, checked earlier submissions) for the given shared keys. */
export function useMaterialOffers(c: Channel, sharedKeys: string[], enterpriseId?: number) {
  const keys = [...new Set(sharedKeys)].sort().join(',');
  return useQuery({
    queryKey: [...caseKeys.offers(keys), c, enterpriseId ?? 0],
    queryFn: () => {
      const params = { query: { sharedKeys: keys, enterpriseId } };
      return c === 'portal'
        ? body(api.GET('/api/portal/materials', { params }))
        : body(api.GET('/api/materials', { params }));
    },
    enabled: keys.length > 0 && (c === 'portal' || enterpriseId !== undefined),
  });
}

/** Uploads one material file as raw bytes; the server decides the type from the content. */
export function uploadMaterial(
  c: Channel,
  file: File,
  material: { sharedKey: string; name: string },
  enterpriseId?: number,
): Promise<StoredMaterial> {
  const query = { sharedKey: material.sharedKey, name: material.name, fileName: file.name, enterpriseId };
  return c === 'portal'
    ? uploadBytes('/api/portal/materials', file, { query })
    : uploadBytes('/api/materials', file, { query });
}

export const documentUrl = (c: Channel, caseId: number, documentId: number, format: 'pdf' | 'docx') =>
  `${base(c)}/cases/${caseId}/documents/${documentId}/${format}`;
