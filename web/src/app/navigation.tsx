import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  DesktopOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FlagOutlined,
  FormOutlined,
  IdcardOutlined,
  MailOutlined,
  PartitionOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Me } from '../api/types.ts';
import { can } from './session.tsx';

export interface NavItem {
  path: string;
  label: string;
  icon: ReactNode;
  /** Shown only when the user holds this permission (me.permissions). */
  permission?: string;
  kind: 'staff' | 'enterprise';
}

// The menu, in display order. Pages whose server API does not exist yet are absent, not disabled.
export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: '我的待办', icon: <DesktopOutlined />, kind: 'staff' },
  {
    path: '/deadlines',
    label: '办理时限',
    icon: <FieldTimeOutlined />,
    permission: 'deadline:read',
    kind: 'staff',
  },
  { path: '/cases', label: '办件', icon: <SolutionOutlined />, permission: 'case:read', kind: 'staff' },
  {
    path: '/coordination',
    label: '协调事项',
    icon: <PartitionOutlined />,
    permission: 'coordination:read',
    kind: 'staff',
  },
  {
    path: '/consultations',
    label: '书面征询',
    icon: <MailOutlined />,
    permission: 'consultation:reply',
    kind: 'staff',
  },
  {
    path: '/meetings',
    label: '会议',
    icon: <ScheduleOutlined />,
    permission: 'meeting:read',
    kind: 'staff',
  },
  {
    path: '/commitments',
    label: '承诺督办',
    icon: <CarryOutOutlined />,
    permission: 'coordination:read',
    kind: 'staff',
  },
  {
    path: '/supervision',
    label: '督办台账',
    icon: <FlagOutlined />,
    permission: 'supervision:read',
    kind: 'staff',
  },
  {
    path: '/catalog',
    label: '事项清单',
    icon: <UnorderedListOutlined />,
    permission: 'catalog:read',
    kind: 'staff',
  },
  { path: '/org', label: '组织机构', icon: <ApartmentOutlined />, permission: 'org:read', kind: 'staff' },
  { path: '/users', label: '用户与角色', icon: <TeamOutlined />, permission: 'user:read', kind: 'staff' },
  {
    path: '/calendar',
    label: '工作日历',
    icon: <CalendarOutlined />,
    permission: 'calendar:read',
    kind: 'staff',
  },
  {
    path: '/documents-admin',
    label: '公文与印章',
    icon: <FileProtectOutlined />,
    permission: 'seal:manage',
    kind: 'staff',
  },
  {
    path: '/exchange',
    label: '数据交换',
    icon: <CloudUploadOutlined />,
    permission: 'exchange:export',
    kind: 'staff',
  },
  { path: '/audit', label: '审计日志', icon: <AuditOutlined />, permission: 'audit:read', kind: 'staff' },
  { path: '/', label: '我的办事', icon: <DesktopOutlined />, kind: 'enterprise' },
  { path: '/apply', label: '网上申请', icon: <FormOutlined />, kind: 'enterprise' },
  { path: '/my-cases', label: '我的办件', icon: <SolutionOutlined />, kind: 'enterprise' },
  { path: '/my-coordination', label: '协调申请', icon: <PartitionOutlined />, kind: 'enterprise' },
  { path: '/profile', label: '企业信息', icon: <IdcardOutlined />, kind: 'enterprise' },
];

export function navFor(me: Me): NavItem[] {
  return NAV_ITEMS.filter((i) => i.kind === me.kind && (!i.permission || can(me, i.permission)));
}

/** The menu entry a path belongs to (longest prefix), for highlighting and the page title. */
export function activeNav(items: NavItem[], pathname: string): NavItem | undefined {
  return items
    .filter((i) =>
      i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
