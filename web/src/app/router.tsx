import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { NotFoundPage, RouteErrorPage } from '../modules/errors/ErrorPages.tsx';
import { AppLayout, type RouteHandle } from './AppLayout.tsx';
import { FullPageSpin, RequireSession } from './session.tsx';

// Each page is its own chunk; `handle` declares who may open it (checked in AppLayout).
type PageModule = { default: ComponentType };
const page = (load: () => Promise<PageModule>) => async () => ({ Component: (await load()).default });
const handle = (h: RouteHandle) => h;
// Shown while the first page's chunk loads.
const loading = <FullPageSpin tip="正在加载…" />;

export const routes: RouteObject[] = [
  {
    path: '/login',
    lazy: page(() => import('../modules/auth/LoginPage.tsx')),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: loading,
  },
  {
    path: '/verify',
    lazy: page(() => import('../modules/verify/VerifyPage.tsx')),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: loading,
  },
  {
    path: '/change-password',
    lazy: page(() => import('../modules/auth/ForcedPasswordPage.tsx')),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: loading,
  },
  {
    path: '/enrol-totp',
    lazy: page(() => import('../modules/auth/TotpSetupPage.tsx')),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: loading,
  },
  {
    path: '/',
    element: (
      <RequireSession>
        <AppLayout />
      </RequireSession>
    ),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: loading,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, lazy: page(() => import('../modules/home/WorkbenchPage.tsx')) },
          {
            path: 'account/security',
            lazy: page(() => import('../modules/auth/AccountSecurityPage.tsx')),
          },
          {
            path: 'org',
            handle: handle({ permission: 'org:read', kind: 'staff' }),
            lazy: page(() => import('../modules/org/OrgPage.tsx')),
          },
          {
            path: 'org/units/:id',
            handle: handle({ permission: 'org:read', kind: 'staff' }),
            lazy: page(() => import('../modules/org/UnitDetailPage.tsx')),
          },
          {
            path: 'users',
            handle: handle({ permission: 'user:read', kind: 'staff' }),
            lazy: page(() => import('../modules/users/UsersPage.tsx')),
          },
          {
            path: 'deadlines',
            handle: handle({ permission: 'deadline:read', kind: 'staff' }),
            lazy: page(() => import('../modules/deadlines/DeadlinesPage.tsx')),
          },
          {
            path: 'deadlines/:id',
            handle: handle({ permission: 'deadline:read', kind: 'staff' }),
            lazy: page(() => import('../modules/deadlines/DeadlineDetailPage.tsx')),
          },
          {
            path: 'cases',
            handle: handle({ permission: 'case:read', kind: 'staff' }),
            lazy: page(() => import('../modules/cases/CasesPage.tsx')),
          },
          {
            path: 'cases/new',
            handle: handle({ permission: 'case:intake', kind: 'staff' }),
            lazy: page(() => import('../modules/cases/IntakePage.tsx')),
          },
          {
            path: 'cases/:id',
            handle: handle({ permission: 'case:read', kind: 'staff' }),
            lazy: page(() => import('../modules/cases/CaseDetailPage.tsx')),
          },
          {
            path: 'cases/bundle/:id',
            handle: handle({ permission: 'case:read', kind: 'staff' }),
            lazy: page(() => import('../modules/cases/BundleCasePage.tsx')),
          },
          {
            path: 'coordination',
            handle: handle({ permission: 'coordination:read', kind: 'staff' }),
            lazy: page(() => import('../modules/coordination/CoordinationPage.tsx')),
          },
          {
            path: 'coordination/new',
            handle: handle({ permission: 'coordination:submit', kind: 'staff' }),
            lazy: page(() => import('../modules/coordination/RequestFormPage.tsx')),
          },
          {
            path: 'coordination/:id',
            handle: handle({ permission: 'coordination:read', kind: 'staff' }),
            lazy: page(() => import('../modules/coordination/RequestDetailPage.tsx')),
          },
          {
            path: 'consultations',
            handle: handle({ permission: 'coordination:read', kind: 'staff' }),
            lazy: page(() => import('../modules/coordination/ConsultationsPage.tsx')),
          },
          {
            path: 'consultations/:id',
            handle: handle({ permission: 'coordination:read', kind: 'staff' }),
            lazy: page(() => import('../modules/coordination/ConsultationPage.tsx')),
          },
          {
            path: 'meetings',
            handle: handle({ permission: 'meeting:read', kind: 'staff' }),
            lazy: page(() => import('../modules/meetings/MeetingsPage.tsx')),
          },
          {
            path: 'meetings/system',
            handle: handle({ permission: 'meeting:read', kind: 'staff' }),
            lazy: page(() => import('../modules/meetings/MeetingSystemPage.tsx')),
          },
          {
            path: 'meetings/:id',
            handle: handle({ permission: 'meeting:read', kind: 'staff' }),
            lazy: page(() => import('../modules/meetings/MeetingPage.tsx')),
          },
          {
            path: 'commitments',
            handle: handle({ permission: 'coordination:read', kind: 'staff' }),
            lazy: page(() => import('../modules/coordination/CommitmentsPage.tsx')),
          },
          {
            path: 'supervision',
            handle: handle({ permission: 'supervision:read', kind: 'staff' }),
            lazy: page(() => import('../modules/supervision/SupervisionPage.tsx')),
          },
          {
            path: 'supervision/:id',
            handle: handle({ permission: 'supervision:read', kind: 'staff' }),
            lazy: page(() => import('../modules/supervision/SupervisionItemPage.tsx')),
          },
          {
            path: 'catalog',
            handle: handle({ permission: 'catalog:read', kind: 'staff' }),
            lazy: page(() => import('../modules/catalog/CatalogPage.tsx')),
          },
          {
            path: 'apply',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/portal/ApplyPage.tsx')),
          },
          {
            path: 'my-cases',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/portal/MyCasesPage.tsx')),
          },
          {
            path: 'my-cases/:id',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/portal/MyCasePage.tsx')),
          },
          {
            path: 'my-cases/bundle/:id',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/portal/MyBundlePage.tsx')),
          },
          {
            path: 'my-coordination',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/portal/MyCoordinationListPage.tsx')),
          },
          {
            path: 'my-coordination/new',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/coordination/RequestFormPage.tsx')),
          },
          {
            path: 'my-coordination/:id',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/portal/MyCoordinationPage.tsx')),
          },
          {
            path: 'notifications',
            handle: handle({ kind: 'staff' }),
            lazy: page(() => import('../modules/notifications/NotificationsPage.tsx')),
          },
          {
            path: 'calendar',
            handle: handle({ permission: 'calendar:read', kind: 'staff' }),
            lazy: page(() => import('../modules/calendar/CalendarPage.tsx')),
          },
          {
            path: 'documents-admin',
            handle: handle({ permission: 'seal:manage', kind: 'staff' }),
            lazy: page(() => import('../modules/documents/DocumentsAdminPage.tsx')),
          },
          {
            path: 'exchange',
            handle: handle({ permission: 'exchange:export', kind: 'staff' }),
            lazy: page(() => import('../modules/exchange/ExchangePage.tsx')),
          },
          {
            path: 'audit',
            handle: handle({ permission: 'audit:read', kind: 'staff' }),
            lazy: page(() => import('../modules/audit/AuditPage.tsx')),
          },
          {
            path: 'profile',
            handle: handle({ kind: 'enterprise' }),
            lazy: page(() => import('../modules/enterprise/ProfilePage.tsx')),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
