import { Button, Result } from 'antd';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ApiProblem, errorMessage } from '../../api/problem.ts';
import { LinkButton } from '../../ui/LinkButton.tsx';

export function NotFoundPage({ what = '页面' }: { what?: string }) {
  return (
    <Result
      status="404"
      title={`未找到该${what}`}
      subTitle={`您访问的${what}不存在，或不在您的数据范围内。`}
      extra={
        <LinkButton to="/" type="primary">
          返回首页
        </LinkButton>
      }
    />
  );
}

export function ForbiddenPage() {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色没有访问此页面的权限。如需开通，请联系本单位系统管理员。"
      extra={
        <LinkButton to="/" type="primary">
          返回首页
        </LinkButton>
      }
    />
  );
}

/** The result page for a failed load: 404/403 read as such, anything else offers a retry. */
export function LoadError({ error, what, onRetry }: { error: unknown; what: string; onRetry?: () => void }) {
  if (error instanceof ApiProblem && error.status === 404) return <NotFoundPage what={what} />;
  if (error instanceof ApiProblem && error.status === 403) return <ForbiddenPage />;
  return (
    <Result
      status="error"
      title={`${what}加载失败`}
      subTitle={errorMessage(error)}
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            重试
          </Button>
        )
      }
    />
  );
}

/** Router errorElement: a chunk that failed to load (new deployment) or a render error. */
export function RouteErrorPage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const chunk = error instanceof Error && /dynamically imported module|Failed to fetch/i.test(error.message);
  return (
    <Result
      status="error"
      title={chunk ? '页面已更新' : '页面出错了'}
      subTitle={
        chunk
          ? '系统刚刚发布了新版本，请刷新页面后继续。'
          : '页面显示时发生错误，请刷新重试；如持续出现，请联系系统管理员。'
      }
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          刷新页面
        </Button>
      }
    />
  );
}
