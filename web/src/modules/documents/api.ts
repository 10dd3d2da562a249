// Hooks of seals and document templates.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import type { SealCreateBody, TemplateBody } from '../../api/types.ts';

export const docKeys = {
  seals: ['seals'] as const,
  templates: (regionCode: string) => ['document-templates', regionCode] as const,
};

export function useSeals(enabled = true) {
  return useQuery({ queryKey: docKeys.seals, queryFn: () => body(api.GET('/api/seals')), enabled });
}

export function useCreateSeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: SealCreateBody) => body(api.POST('/api/seals', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: docKeys.seals }),
  });
}

export function useRotateSeal() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => body(api.POST('/api/seals/{id}/rotate', { params: { path: { id } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: docKeys.seals }),
  });
}

export function useSetSealInUse() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; inUse: boolean }) =>
      body(
        api.POST('/api/seals/{id}/status', {
          params: { path: { id: input.id } },
          body: { inUse: input.inUse },
        }),
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: docKeys.seals }),
  });
}

export function useDocumentTemplates(regionCode: string | undefined) {
  return useQuery({
    queryKey: docKeys.templates(regionCode ?? ''),
    queryFn: () =>
      body(api.GET('/api/document-templates', { params: { query: { regionCode: regionCode ?? '' } } })),
    enabled: Boolean(regionCode),
  });
}

/** Saves one template; `version` is the row's version (0 when never set), sent as If-Match. */
export function useSaveDocumentTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { regionCode: string; kind: string; version: number; values: TemplateBody }) =>
      body(
        api.PUT('/api/document-templates/{regionCode}/{kind}', {
          params: { path: { regionCode: input.regionCode, kind: input.kind } },
          body: input.values,
          headers: { 'if-match': `W/"${input.version}"` },
        }),
      ),
    onSettled: (_d, _e, input) => qc.invalidateQueries({ queryKey: docKeys.templates(input.regionCode) }),
  });
}

/** A PDF sample of one template in unsaved settings (nothing is stored). */
export function usePreviewDocumentTemplate() {
  return useMutation({
    mutationFn: (input: { regionCode: string; kind: string; values: TemplateBody }) =>
      body(
        api.POST('/api/document-templates/{regionCode}/{kind}/preview', {
          params: { path: { regionCode: input.regionCode, kind: input.kind } },
          body: input.values,
          parseAs: 'blob',
        }),
      ) as Promise<Blob>,
  });
}
