// Sends exchange batches to the upstream platform (GB/T 39046). The provincial interface is not
// public here, so the adapter posts the stored batch file as it is, names it and its SM3 digest in
// headers and takes any 2xx as receipt; a site whose platform wants another envelope writes its own
// ExchangeSender.

export interface ExchangeSender {
  /** Delivers one batch; resolves with the platform's receipt, rejects with a Chinese reason. */
  send(batch: { name: string; digest: string; content: Buffer }): Promise<string>;
}

const TIMEOUT_MS = 15_000;

const CONNECTION_CODES: Record<string, string> = {
  ECONNREFUSED: '对方拒绝连接（地址或端口不对，或服务未启动）',
  ENOTFOUND: '域名无法解析',
  EAI_AGAIN: '域名解析暂时失败',
  ECONNRESET: '连接被对方重置',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '网络不可达',
  CERT_HAS_EXPIRED: '对方证书已过期',
  DEPTH_ZERO_SELF_SIGNED_CERT: '对方使用了不受信任的自签名证书',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: '无法验证对方证书',
};

/** Why a request did not reach the platform, in Chinese (fetch reports it in English). */
function connectionProblem(e: Error & { cause?: { code?: string } }): string {
  if (e.name === 'TimeoutError') return `${TIMEOUT_MS / 1000} 秒内无响应`;
  const code = e.cause?.code;
  return (code && CONNECTION_CODES[code]) ?? `网络错误${code ? `（${code}）` : ''}`;
}

export function httpExchangeSender(url: string, token?: string): ExchangeSender {
  return {
    async send(batch) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'x-batch-id': batch.name,
            'x-content-sm3': batch.digest,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: new Uint8Array(batch.content),
          signal: AbortSignal.timeout(TIMEOUT_MS),
          // A redirect would turn the POST into a body-less GET: treat it as a refusal instead.
          redirect: 'manual',
        });
      } catch (err) {
        throw new Error(
          `无法连接上级平台：${connectionProblem(err as Error & { cause?: { code?: string } })}`,
        );
      }
      const body = (await res.text().catch(() => '')).trim().slice(0, 500);
      if (!res.ok)
        throw new Error(`上级平台拒收（HTTP ${res.status}）${body ? `：${body.slice(0, 200)}` : ''}`);
      return body || `HTTP ${res.status}`;
    },
  };
}
