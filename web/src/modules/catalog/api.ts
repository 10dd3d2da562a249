// Catalog (事项清单) types and TanStack Query hooks, derived from the generated OpenAPI types.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, unwrap } from '../../api/client.ts';
import { collectPages } from '../../api/paging.ts';
import { ApiProblem } from '../../api/problem.ts';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ItemPage = Json<paths['/api/catalog/items']['get']['responses'][200]>;
export type ItemSummary = ItemPage['items'][number];
export type ItemQuery = paths['/api/catalog/items']['get']['parameters']['query'];
export type ItemDetail = Json<paths['/api/catalog/items/{id}']['get']['responses'][200]>;
export type ItemVersion = Json<paths['/api/catalog/versions/{id}']['get']['responses'][200]>;
export type VersionRef = ItemDetail['versions'][number];
export type Material = ItemVersion['materials'][number];

export type ChangeRequestBody =
  paths['/api/catalog/change-requests']['post']['requestBody']['content']['application/json'];
export type Definition = Extract<ChangeRequestBody, { kind: 'add' }>['definition'];
export type MaterialInput = NonNullable<Definition['materials']>[number];
export type ChangeRequestPage = Json<paths['/api/catalog/change-requests']['get']['responses'][200]>;
export type ChangeRequest = ChangeRequestPage['items'][number];
export type ChangeRequestQuery = NonNullable<
  paths['/api/catalog/change-requests']['get']['parameters']['query']
>;
export type ChangeStatus = ChangeRequest['status'];
export type DecisionBody =
  paths['/api/catalog/change-requests/{id}/decision']['post']['requestBody']['content']['application/json'];

export type Bundle = Json<paths['/api/catalog/bundles']['get']['responses'][200]>[number];
export type BundleBody = paths['/api/catalog/bundles']['post']['requestBody']['content']['application/json'];
export type BundleField = Bundle['form'][number];

export type Authorization = Json<paths['/api/catalog/authorizations']['get']['responses'][200]>[number];
export type AuthorizationBody =
  paths['/api/catalog/authorizations']['post']['requestBody']['content']['application/json'];

export const catalogKeys = {
  all: ['catalog'] as const,
  items: (q: ItemQuery) => ['catalog', 'items', q] as const,
  allItems: (region: string) => ['catalog', 'all-items', region] as const,
  item: (id: number) => ['catalog', 'item', id] as const,
  version: (id: number) => ['catalog', 'version', id] as const,
  changeRequestsAll: ['catalog', 'change-requests'] as const,
  changeRequests: (q: ChangeRequestQuery) => ['catalog', 'change-requests', 'list', q] as const,
  changeRequest: (id: number) => ['catalog', 'change-requests', 'one', id] as const,
  bundles: (region: string) => ['catalog', 'bundles', region] as const,
  authorizations: ['catalog', 'authorizations'] as const,
};

const noRetryOn4xx = (n: number, err: unknown) => !(err instanceof ApiProblem && err.status < 500) && n < 2;

/** One page of the published items of a region. */
export function useItems(q: ItemQuery, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.items(q),
    queryFn: () => body(api.GET('/api/catalog/items', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled: enabled && Boolean(q.region),
  });
}

/** Reads every published item of a region (for exports and pickers); stops at `max`. */
export async function fetchAllItems(
  region: string,
  extra: Omit<ItemQuery, 'region' | 'limit' | 'after' | 'page'> = {},
  max = 5000,
  onProgress?: (n: number, total: number) => void,
): Promise<{ items: ItemSummary[]; truncated: boolean }> {
  return collectPages(
    (page, limit) =>
      body(api.GET('/api/catalog/items', { params: { query: { ...extra, region, page, limit } } })),
    { max, onProgress },
  );
}

/** All published items of a region: department filter, bundle and authorization pickers. */
export function useAllItems(region: string | undefined, enabled = true) {
  return useQuery({
    queryKey: catalogKeys.allItems(region ?? ''),
    queryFn: async () => (await fetchAllItems(region ?? '')).items,
    enabled: enabled && Boolean(region),
    staleTime: 60_000,
  });
}

export function useItem(id: number | null) {
  return useQuery({
    queryKey: catalogKeys.item(id ?? 0),
    queryFn: () => body(api.GET('/api/catalog/items/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
    retry: noRetryOn4xx,
  });
}

export function useVersion(id: number | null) {
  return useQuery({
    queryKey: catalogKeys.version(id ?? 0),
    queryFn: () => body(api.GET('/api/catalog/versions/{id}', { params: { path: { id: id ?? 0 } } })),
    enabled: id !== null,
    // Published versions never change.
    staleTime: Number.POSITIVE_INFINITY,
    retry: noRetryOn4xx,
  });
}

export function useChangeRequests(q: ChangeRequestQuery) {
  return useQuery({
    queryKey: catalogKeys.changeRequests(q),
    queryFn: () => body(api.GET('/api/catalog/change-requests', { params: { query: q } })),
    placeholderData: keepPreviousData,
  });
}

/** A change request with its version tag (ETag), which a decision must send back in If-Match. */
export function useChangeRequest(id: number | null) {
  return useQuery({
    queryKey: catalogKeys.changeRequest(id ?? 0),
    queryFn: async () => {
      const { data, response } = await unwrap(
        api.GET('/api/catalog/change-requests/{id}', { params: { path: { id: id ?? 0 } } }),
      );
      return { request: data, etag: response.headers.get('etag') ?? `W/"${data.version}"` };
    },
    enabled: id !== null,
    retry: noRetryOn4xx,
  });
}

export function useDraftChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangeRequestBody) => body(api.POST('/api/catalog/change-requests', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.changeRequestsAll }),
  });
}

export function useDecideChange() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; etag: string } & DecisionBody) =>
      body(
        api.POST('/api/catalog/change-requests/{id}/decision', {
          params: { path: { id: input.id } },
          body: { approve: input.approve, note: input.note ?? null },
          headers: { 'if-match': input.etag },
        }),
      ),
    // An approval publishes a version: every catalog view may change.
    onSettled: () => qc.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

export function useBundles(region: string | undefined) {
  return useQuery({
    queryKey: catalogKeys.bundles(region ?? ''),
    queryFn: () => body(api.GET('/api/catalog/bundles', { params: { query: { region: region ?? '' } } })),
    enabled: Boolean(region),
  });
}

export function useCreateBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: BundleBody) => body(api.POST('/api/catalog/bundles', { body: input })),
    onSuccess: (b) => qc.invalidateQueries({ queryKey: catalogKeys.bundles(b.regionCode) }),
  });
}

export function useAuthorizations() {
  return useQuery({
    queryKey: catalogKeys.authorizations,
    queryFn: () => body(api.GET('/api/catalog/authorizations')),
  });
}

export function useGrantAuthorization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AuthorizationBody) => body(api.POST('/api/catalog/authorizations', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.authorizations }),
  });
}

export function useRevokeAuthorization() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      body(api.DELETE('/api/catalog/authorizations/{id}', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: catalogKeys.authorizations }),
  });
}

/**
 * Enabled window clerks in the user's data scope, for the authorization picker. Only asked when
 * the user may read users; a refusal just means the picker falls back to typing the user number.
 */
export function useWindowClerks(enabled: boolean) {
  return useQuery({
    queryKey: ['users', { role: 'window_clerk', enabled: 'true', limit: 200 }] as const,
    queryFn: () =>
      body(
        api.GET('/api/users', { params: { query: { role: 'window_clerk', enabled: 'true', limit: 200 } } }),
      ),
    enabled,
    retry: false,
  });
}

/** After an import every item list (and the pickers built from it) may differ. */
export function useInvalidateItems() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['catalog', 'items'] }),
      qc.invalidateQueries({ queryKey: ['catalog', 'all-items'] }),
      qc.invalidateQueries({ queryKey: ['catalog', 'item'] }),
      qc.invalidateQueries({ queryKey: catalogKeys.changeRequestsAll }),
    ]);
}
