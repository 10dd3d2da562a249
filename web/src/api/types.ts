// Shapes derived from the generated OpenAPI types, so they follow the server without hand copies.
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type Me = Json<paths['/api/auth/me']['get']['responses'][200]>;
export type Region = Json<paths['/api/regions']['get']['responses'][200]>[number];
export type UnitPage = Json<paths['/api/units']['get']['responses'][200]>;
export type Unit = UnitPage['items'][number];
export type UnitQuery = NonNullable<paths['/api/units']['get']['parameters']['query']>;
export type UnitCreateBody = paths['/api/units']['post']['requestBody']['content']['application/json'];
export type UnitPatchBody = NonNullable<
  paths['/api/units/{id}']['patch']['requestBody']
>['content']['application/json'];
export type AuditPage = Json<paths['/api/audit-events']['get']['responses'][200]>;
export type AuditEvent = AuditPage['items'][number];
export type AuditQuery = NonNullable<paths['/api/audit-events']['get']['parameters']['query']>;
export type AuditVerifyResult = Json<paths['/api/audit-events/verify']['post']['responses'][200]>;

export type DemoLogins = Json<paths['/api/auth/demo-logins']['get']['responses'][200]>;
export type OidcInfo = Json<paths['/api/auth/oidc']['get']['responses'][200]>;
export type LoginBody = paths['/api/auth/login']['post']['requestBody']['content']['application/json'];
export type TotpEnrolment = Json<paths['/api/auth/totp/enrol']['post']['responses'][200]>;

export type UserPage = Json<paths['/api/users']['get']['responses'][200]>;
export type User = UserPage['items'][number];
export type UserQuery = NonNullable<paths['/api/users']['get']['parameters']['query']>;
export type UserCreateBody = paths['/api/users']['post']['requestBody']['content']['application/json'];
export type UserPatchBody = paths['/api/users/{id}']['patch']['requestBody']['content']['application/json'];
export type RoleGrantInput = NonNullable<UserCreateBody['roles']>[number];
export type UserWithPassword = Json<paths['/api/users']['post']['responses'][201]>;
export type RolePolicy = Json<paths['/api/role-policies']['get']['responses'][200]>[number];

export type CalendarYear = Json<paths['/api/calendar']['get']['responses'][200]>;
export type CalendarDay = CalendarYear['days'][number];
export type CalendarOverride = Json<paths['/api/calendar/overrides']['get']['responses'][200]>[number];
export type NotificationPage = Json<paths['/api/notifications']['get']['responses'][200]>;
export type AppNotification = NotificationPage['items'][number];

export type OverrideBody =
  paths['/api/calendar/overrides']['post']['requestBody']['content']['application/json'];
export type OverrideResult = Json<paths['/api/calendar/overrides']['post']['responses'][201]>;
export type DeadlineChange = OverrideResult['changes'][number];
export type CalendarImportBody =
  paths['/api/calendar/imports']['post']['requestBody']['content']['application/json'];
export type CalendarImportResult = Json<paths['/api/calendar/imports']['post']['responses'][200]>;

export type DeadlinePage = Json<paths['/api/deadlines']['get']['responses'][200]>;
export type DeadlineItem = DeadlinePage['items'][number];
export type DeadlineQuery = NonNullable<paths['/api/deadlines']['get']['parameters']['query']>;
export type DeadlineLedgerData = Json<paths['/api/deadlines/{id}']['get']['responses'][200]>;
export type SuspendBody =
  paths['/api/deadlines/{id}/suspensions']['post']['requestBody']['content']['application/json'];
export type NotificationQuery = NonNullable<paths['/api/notifications']['get']['parameters']['query']>;

export type Seal = Json<paths['/api/seals']['get']['responses'][200]>[number];
export type SealCreateBody = paths['/api/seals']['post']['requestBody']['content']['application/json'];
export type DocumentTemplate = Json<paths['/api/document-templates']['get']['responses'][200]>[number];
export type TemplateBody =
  paths['/api/document-templates/{regionCode}/{kind}']['put']['requestBody']['content']['application/json'];
