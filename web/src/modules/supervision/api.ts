// Hooks and types of the supervision API (督办台账): the tracker, one item with its ETag, every
// action on an item, handing over a task and uploading evidence.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, uploadBytes, withEtag } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type SupervisionItem = Json<paths['/api/supervision/{id}']['get']['responses'][200]>;
export type SupervisionPage = Json<paths['/api/supervision']['get']['responses'][200]>;
export type SupervisionSummary = SupervisionPage['items'][number];
export type SupervisionQuery = NonNullable<paths['/api/supervision']['get']['parameters']['query']>;
export type AssignBody = JsonBody<paths['/api/supervision']['post']>;
export type ReportBody = JsonBody<paths['/api/supervision/{id}/reports']['post']>;
export type ExtensionBody = JsonBody<paths['/api/supervision/{id}/extensions']['post']>;
export type ExtensionDecisionBody = JsonBody<paths['/api/supervision/{id}/extensions/decide']['post']>;
export type EvidenceFile = Json<paths['/api/supervision/files']['post']['responses'][201]>;
export type SupervisionAction = SupervisionItem['actions'][number];

export const supervisionKeys = {
  all: ['supervision'] as const,
  list: (q: SupervisionQuery) => ['supervision', 'list', q] as const,
  one: (id: number) => ['supervision', 'one', id] as const,
};

/** A page of the tracker; empty filters are left out of the query. */
export function useSupervisionList(q: SupervisionQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: supervisionKeys.list(q),
    queryFn: () => {
      const query = Object.fromEntries(
        Object.entries(q).filter(([, v]) => v !== undefined && v !== ''),
      ) as SupervisionQuery;
      return body(api.GET('/api/supervision', { params: { query } }));
    },
    placeholderData: keepPreviousData,
  });
}

/** An item with its ETag, which every versioned action sends back in If-Match. */
export function useSupervisionItem(id: number) {
  return useQuery({
    queryKey: supervisionKeys.one(id),
    queryFn: () => withEtag(api.GET('/api/supervision/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
}

/** 交办督办事项: the answer is the new item. */
export function useAssignItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: AssignBody) => body(api.POST('/api/supervision', { body: b })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: supervisionKeys.all });
      void qc.invalidateQueries({ queryKey: keys.deadlinesAll });
    },
  });
}

/** One action on an item, typed by its route. */
export type SupervisionActionCall =
  | { path: 'reports'; body: ReportBody }
  | { path: 'confirm' }
  | { path: 'return'; body: { reason: string } }
  | { path: 'urge'; body: { note: string } }
  | { path: 'extensions'; body: ExtensionBody }
  | { path: 'extensions/decide'; body: ExtensionDecisionBody }
  | { path: 'cancel'; body: { reason: string } };

/**
 * Whether the action is checked against the version the user saw (If-Match): a progress report,
 * an urging and an extension request are not, since they do not change what others decide on.
 */
export function isVersioned(a: SupervisionActionCall): boolean {
  if (a.path === 'reports') return a.body.kind === 'done';
  return a.path !== 'urge' && a.path !== 'extensions';
}

function send(id: number, etag: string, a: SupervisionActionCall) {
  const params = { path: { id } };
  const headers = isVersioned(a) ? { 'if-match': etag } : {};
  switch (a.path) {
    case 'reports':
      return withEtag(api.POST('/api/supervision/{id}/reports', { params, headers, body: a.body }));
    case 'confirm':
      return withEtag(api.POST('/api/supervision/{id}/confirm', { params, headers, body: {} }));
    case 'return':
      return withEtag(api.POST('/api/supervision/{id}/return', { params, headers, body: a.body }));
    case 'urge':
      return withEtag(api.POST('/api/supervision/{id}/urge', { params, body: a.body }));
    case 'extensions':
      return withEtag(api.POST('/api/supervision/{id}/extensions', { params, body: a.body }));
    case 'extensions/decide':
      return withEtag(api.POST('/api/supervision/{id}/extensions/decide', { params, headers, body: a.body }));
    case 'cancel':
      return withEtag(api.POST('/api/supervision/{id}/cancel', { params, headers, body: a.body }));
  }
}

/**
 * Performs an action (at the version the user saw when it is versioned); the answer, the item as
 * it now is with its new ETag, replaces the cached item and the lists are fetched again.
 */
export function useSupervisionAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SupervisionActionCall & { id: number; etag: string }) =>
      send(input.id, input.etag, input),
    onSuccess: (r, input) => {
      qc.setQueryData(supervisionKeys.one(input.id), r);
      void qc.invalidateQueries({
        queryKey: supervisionKeys.all,
        predicate: (q) => q.queryKey[1] !== 'one',
      });
      // Confirming, cancelling and granting an extension move the item's time limit.
      void qc.invalidateQueries({ queryKey: keys.deadlinesAll });
    },
  });
}

/** Uploads one evidence file as raw bytes; a report then refers to it by its id. */
export function useUploadEvidence() {
  return useMutation({
    mutationFn: (file: File) =>
      uploadBytes('/api/supervision/files', file, { query: { fileName: file.name } }),
  });
}

export const evidenceUrl = (id: number, fileId: number) => `/api/supervision/${id}/files/${fileId}`;
