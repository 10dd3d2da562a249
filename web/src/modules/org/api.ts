// Hooks of the organisation: regions and units.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, unwrap } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import { ApiProblem } from '../../api/problem.ts';
import type { UnitCreateBody, UnitPatchBody, UnitQuery } from '../../api/types.ts';

export function useRegions() {
  return useQuery({
    queryKey: keys.regions,
    queryFn: () => body(api.GET('/api/regions')),
    staleTime: 10 * 60_000,
  });
}

export function useUnits(q: UnitQuery, enabled = true) {
  return useQuery({
    queryKey: keys.units(q),
    queryFn: () => body(api.GET('/api/units', { params: { query: q } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A unit with its version tag (ETag), which an edit must send back in If-Match. */
export function useUnit(id: number | null) {
  return useQuery({
    queryKey: keys.unit(id ?? 0),
    queryFn: async () => {
      const { data, response } = await unwrap(
        api.GET('/api/units/{id}', { params: { path: { id: id ?? 0 } } }),
      );
      return { unit: data, etag: response.headers.get('etag') ?? `W/"${data.version}"` };
    },
    enabled: id !== null,
    retry: (n, err) => !(err instanceof ApiProblem && err.status < 500) && n < 2,
  });
}

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: UnitCreateBody) => body(api.POST('/api/units', { body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.unitsAll }),
  });
}

export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number; etag: string; patch: UnitPatchBody }) =>
      body(
        api.PATCH('/api/units/{id}', {
          params: { path: { id: input.id } },
          body: input.patch,
          headers: { 'if-match': input.etag },
        }),
      ),
    onSettled: (_d, _e, input) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.unitsAll }),
        qc.invalidateQueries({ queryKey: keys.unit(input.id) }),
      ]),
  });
}
