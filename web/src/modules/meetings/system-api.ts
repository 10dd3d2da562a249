// Hooks and types of the meeting system (会议制度): the standing schedules of regular meetings and
// the region's joint-meeting system.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, body, withEtag } from '../../api/client.ts';
import type { paths } from '../../api/schema';
import { meetingKeys } from './api.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

export type Schedule = Json<paths['/api/meeting-schedules']['get']['responses'][200]>['items'][number];
export type ScheduleBody = JsonBody<paths['/api/meeting-schedules']['post']>;
export type JointSystem = NonNullable<
  Json<paths['/api/joint-meeting-system']['get']['responses'][200]>['system']
>;
export type JointSystemBody = JsonBody<paths['/api/joint-meeting-system']['put']>;
export type SystemCandidate = Json<
  paths['/api/joint-meeting-system/candidates']['get']['responses'][200]
>['items'][number];

export const meetingSystemKeys = {
  all: ['meeting-system'] as const,
  schedules: ['meeting-system', 'schedules'] as const,
  joint: ['meeting-system', 'joint'] as const,
  candidates: ['meeting-system', 'candidates'] as const,
};

/** The If-Match value of a schedule at the version the user saw. */
export const versionTag = (version: number) => `W/"${version}"`;

export function useSchedules() {
  return useQuery({
    queryKey: meetingSystemKeys.schedules,
    queryFn: () => body(api.GET('/api/meeting-schedules')),
  });
}

/** Creates a schedule (`id` null) or edits one at the version the form was filled from. */
export function useSaveSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: number | null; version: number; body: ScheduleBody }) =>
      input.id === null
        ? body(api.POST('/api/meeting-schedules', { body: input.body }))
        : body(
            api.PUT('/api/meeting-schedules/{id}', {
              params: { path: { id: input.id } },
              headers: { 'if-match': versionTag(input.version) },
              body: input.body,
            }),
          ),
    onSettled: () => qc.invalidateQueries({ queryKey: meetingSystemKeys.schedules }),
  });
}

/** Plans the schedule's next meeting now; the calendar gains its draft. */
export function usePlanNextMeeting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      body(api.POST('/api/meeting-schedules/{id}/plan', { params: { path: { id } } })),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: meetingSystemKeys.schedules });
      void qc.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
}

/** The joint-meeting system (null when none is set) with its ETag (W/"0" when none). */
export function useJointSystem() {
  return useQuery({
    queryKey: meetingSystemKeys.joint,
    queryFn: () => withEtag(api.GET('/api/joint-meeting-system')),
  });
}

/** Sets the joint-meeting system at the version read (If-Match); the answer replaces the cached one. */
export function useSaveJointSystem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { etag: string; body: JointSystemBody }) =>
      withEtag(
        api.PUT('/api/joint-meeting-system', { headers: { 'if-match': input.etag }, body: input.body }),
      ),
    onSuccess: (r) => qc.setQueryData(meetingSystemKeys.joint, r),
  });
}

/** Who may convene or deputise (canChair) and who may lead a working group (anyone listed). */
export function useSystemCandidates(enabled: boolean) {
  return useQuery({
    queryKey: meetingSystemKeys.candidates,
    queryFn: () => body(api.GET('/api/joint-meeting-system/candidates')),
    enabled,
    staleTime: 5 * 60_000,
  });
}
