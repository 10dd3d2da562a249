import { Breadcrumb } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';
import { PRODUCT_NAME } from '../messages/zh-CN.ts';

export interface Crumb {
  title: string;
  to?: string;
}

/** Page title (also the document title), optional breadcrumbs, subtitle and actions. */
export function PageHeader({
  title,
  subtitle,
  extra,
  crumbs,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
  crumbs?: Crumb[];
}) {
  useEffect(() => {
    document.title = `${title} - ${PRODUCT_NAME}`;
  }, [title]);
  return (
    <>
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <div className="page-header">
        <div>
          <h1>{title}</h1>
          {subtitle && <div className="page-header-sub">{subtitle}</div>}
        </div>
        {extra && <div>{extra}</div>}
      </div>
    </>
  );
}
