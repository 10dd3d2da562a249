// Hooks of the working-day calendar: a year, local overrides, and the State Council import.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body } from '../../api/client.ts';
import { keys } from '../../api/keys.ts';
import type { CalendarImportBody, OverrideBody } from '../../api/types.ts';

export function useCalendarYear(regionCode: string | undefined, year: number) {
  return useQuery({
    queryKey: keys.calendar(regionCode ?? '', year),
    queryFn: () =>
      body(api.GET('/api/calendar', { params: { query: { regionCode: regionCode ?? '', year } } })),
    enabled: Boolean(regionCode),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useCalendarOverrides(regionCode: string | undefined) {
  return useQuery({
    queryKey: keys.overrides(regionCode ?? ''),
    queryFn: () =>
      body(api.GET('/api/calendar/overrides', { params: { query: { regionCode: regionCode ?? '' } } })),
    enabled: Boolean(regionCode),
  });
}

export function useAddOverride() {
  const invalidate = useCalendarInvalidation();
  return useMutation({
    mutationFn: (input: OverrideBody) => body(api.POST('/api/calendar/overrides', { body: input })),
    onSuccess: () => invalidate(),
  });
}

export function useRemoveOverride() {
  const invalidate = useCalendarInvalidation();
  return useMutation({
    mutationFn: (input: { regionCode: string; date: string }) =>
      body(api.DELETE('/api/calendar/overrides/{regionCode}/{date}', { params: { path: input } })),
    onSuccess: () => invalidate(),
  });
}

/** Checks an arrangement and lists the due dates it would move; stores nothing. */
export function usePreviewImport() {
  return useMutation({
    mutationFn: (input: CalendarImportBody) =>
      body(api.POST('/api/calendar/imports/preview', { body: input })),
  });
}

export function useApplyImport() {
  const invalidate = useCalendarInvalidation();
  return useMutation({
    mutationFn: (input: CalendarImportBody) => body(api.POST('/api/calendar/imports', { body: input })),
    onSuccess: () => invalidate(),
  });
}

/** After a calendar change every calendar view, override list and deadline may differ. */
function useCalendarInvalidation() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['calendar'] }),
      qc.invalidateQueries({ queryKey: ['calendar-overrides'] }),
      qc.invalidateQueries({ queryKey: keys.deadlinesAll }),
    ]);
}
