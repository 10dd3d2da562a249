// Hooks and types of the meetings API (会议与纪要): the calendar, the meeting page and its actions.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, uploadBytes, withEtag } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { coordinationKeys } from '../coordination/api.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type Meeting = Json<paths['/api/meetings/{id}']['get']['responses'][200]>;
export type MeetingSummary = Json<paths['/api/meetings']['get']['responses'][200]>['items'][number];
export type MeetingCreateBody = JsonBody<paths['/api/meetings']['post']>;
export type MeetingEditBody = JsonBody<paths['/api/meetings/{id}']['patch']>;
export type RecordBody = JsonBody<paths['/api/meetings/{id}/record']['put']>;
export type AcknowledgeBody = JsonBody<paths['/api/meetings/{id}/acknowledge']['post']>;
export type ProposalBody = JsonBody<paths['/api/meetings/{id}/proposals']['post']>;
export type ProposalDecisionBody = JsonBody<paths['/api/meetings/{id}/proposals/decide']['post']>;

export const meetingKeys = {
  all: ['meetings'] as const,
  range: (from: string, to: string) => ['meetings', 'range', from, to] as const,
  one: (id: number) => ['meetings', 'one', id] as const,
};

export function useMeetingCalendar(from: string, to: string) {
  return useQuery({
    queryKey: meetingKeys.range(from, to),
    queryFn: () => body(api.GET('/api/meetings', { params: { query: { from, to } } })),
    placeholderData: keepPreviousData,
  });
}

/** A meeting with its ETag, which every versioned action sends back in If-Match. */
export function useMeeting(id: number) {
  return useQuery({
    queryKey: meetingKeys.one(id),
    queryFn: () => withEtag(api.GET('/api/meetings/{id}', { params: { path: { id } } })),
    enabled: id > 0,
  });
}

export function useCreateMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (b: MeetingCreateBody) => body(api.POST('/api/meetings', { body: b })),
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
      if (m.requestId) void qc.invalidateQueries({ queryKey: coordinationKeys.all });
    },
  });
}

/** One action on a meeting, typed by its route. */
export type MeetingActionCall =
  | { path: 'convene' | 'minutes/approve' | 'minutes/issue' | 'remind' | 'figures/refresh' }
  | { path: 'agenda/approve'; body: { chairUserId?: number } }
  | { path: 'proposals'; body: ProposalBody }
  | { path: 'proposals/decide'; body: ProposalDecisionBody }
  | { path: 'minutes/receive'; body: { unitId?: number } }
  | { path: 'minutes/correction'; body: { summary: string; reason: string } }
  | { path: 'material/delete'; materialId: number }
  | { path: 'cancel'; body: { reason: string } }
  | { path: 'acknowledge'; body: AcknowledgeBody }
  | { path: 'record'; body: RecordBody }
  | { path: 'minutes'; body: { summary: string } }
  | { path: 'edit'; body: MeetingEditBody };

function send(id: number, etag: string, a: MeetingActionCall) {
  const init = { params: { path: { id } }, headers: { 'if-match': etag } };
  switch (a.path) {
    case 'convene':
      return withEtag(api.POST('/api/meetings/{id}/convene', init));
    case 'minutes/approve':
      return withEtag(api.POST('/api/meetings/{id}/minutes/approve', init));
    case 'minutes/issue':
      return withEtag(api.POST('/api/meetings/{id}/minutes/issue', init));
    case 'remind':
      return withEtag(api.POST('/api/meetings/{id}/remind', init));
    case 'cancel':
      return withEtag(api.POST('/api/meetings/{id}/cancel', { ...init, body: a.body }));
    case 'acknowledge':
      return withEtag(api.POST('/api/meetings/{id}/acknowledge', { ...init, body: a.body }));
    case 'record':
      return withEtag(api.PUT('/api/meetings/{id}/record', { ...init, body: a.body }));
    case 'minutes':
      return withEtag(api.PUT('/api/meetings/{id}/minutes', { ...init, body: a.body }));
    case 'edit':
      return withEtag(api.PATCH('/api/meetings/{id}', { ...init, body: a.body }));
    case 'figures/refresh':
      return withEtag(api.POST('/api/meetings/{id}/figures/refresh', init));
    case 'agenda/approve':
      return withEtag(api.POST('/api/meetings/{id}/agenda/approve', { ...init, body: a.body }));
    case 'proposals':
      return withEtag(api.POST('/api/meetings/{id}/proposals', { ...init, body: a.body }));
    case 'proposals/decide':
      return withEtag(api.POST('/api/meetings/{id}/proposals/decide', { ...init, body: a.body }));
    case 'minutes/receive':
      return withEtag(api.POST('/api/meetings/{id}/minutes/receive', { ...init, body: a.body }));
    case 'minutes/correction':
      return withEtag(api.PUT('/api/meetings/{id}/minutes/correction', { ...init, body: a.body }));
    case 'material/delete':
      return withEtag(
        api.DELETE('/api/meetings/{id}/materials/{materialId}', {
          params: { path: { id, materialId: a.materialId } },
        }),
      );
  }
}

/**
 * Performs an action at the version the user saw; the answer (the meeting as it now is, with its
 * new ETag) replaces the cached meeting, and the calendar and the request are fetched again.
 */
export function useMeetingAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: MeetingActionCall & { id: number; etag: string }) =>
      send(input.id, input.etag, input),
    onSuccess: (m, input) => {
      qc.setQueryData(meetingKeys.one(input.id), m);
      void qc.invalidateQueries({ queryKey: meetingKeys.all, predicate: (q) => q.queryKey[1] !== 'one' });
      if (m.data.requestId) void qc.invalidateQueries({ queryKey: coordinationKeys.all });
    },
  });
}

export const meetingDocumentUrl = (id: number, documentId: number, format: 'pdf' | 'docx') =>
  `/api/meetings/${id}/documents/${documentId}/${format}`;

export const meetingMaterialUrl = (id: number, materialId: number) =>
  `/api/meetings/${id}/materials/${materialId}`;

/** Uploads a material file as its raw bytes; the meeting's version (its ETag) does not move. */
export function useUploadMaterial(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      uploadBytes('/api/meetings/{id}/materials', file, { path: { id }, query: { fileName: file.name } }),
    onSuccess: (m) =>
      qc.setQueryData(meetingKeys.one(id), (old: { data: Meeting; etag: string } | undefined) =>
        old ? { ...old, data: m } : old,
      ),
  });
}
