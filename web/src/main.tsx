import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

// Entry page until the web shell lands: says what runs here and whether it is ready.
function App() {
  const [ready, setReady] = useState<string>('检查中…');
  useEffect(() => {
    fetch('/readyz')
      .then((r) => r.json())
      .then((b: { status?: string; title?: string }) =>
        setReady(b.status === 'ready' ? '服务正常' : (b.title ?? '不可用')),
      )
      .catch(() => setReady('无法连接服务'));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 720, margin: '64px auto', padding: 24 }}>
      <h1>审批服务协同平台</h1>
      <p>
        状态：<strong data-testid="ready">{ready}</strong>
      </p>
      <p>
        接口文档：<a href="/api/docs">/api/docs</a>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
