import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { keys } from '../api/keys.ts';
import { ApiProblem } from '../api/problem.ts';
import { theme } from './theme.ts';

dayjs.locale('zh-cn');

function onApiError(err: unknown) {
  if (!(err instanceof ApiProblem)) return;
  // An expired session anywhere sends the user back to the login page (RequireSession reacts to me=null).
  if (err.status === 401 && queryClient.getQueryData(keys.me)) {
    queryClient.clear();
    queryClient.setQueryData(keys.me, null);
    sessionStorage.setItem('xietong.sessionExpired', '1');
  }
  if (err.slug === 'password-change-required') void queryClient.invalidateQueries({ queryKey: keys.me });
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // Client errors will not fix themselves on retry; network and 5xx may.
      retry: (n, err) => !(err instanceof ApiProblem && err.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
