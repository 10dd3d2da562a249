// Sends exchange batches to the upstream platform (GB/T 39046). The provincial interface is not
// public here, so the adapter posts the stored batch file as it is, names it and its SM3 digest in
// headers and takes any 2xx as receipt; a site whose platform wants another envelope writes its own
// ExchangeSender.

export interface ExchangeSender {
  /** Delivers one batch; resolves with the platform's receipt, rejects with a Chinese reason. */
  send(batch: { name: string; digest: string; content: Buffer }): Promise<string>;
}

const TIMEOUT_MS = 15_000;

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
        });
      } catch (err) {
        const e = err as Error;
        const why = e.name === 'TimeoutError' ? `${TIMEOUT_MS / 1000} 秒内无响应` : e.message;
        throw new Error(`无法连接上级平台：${why}`);
      }
      const body = (await res.text().catch(() => '')).trim().slice(0, 500);
      if (!res.ok)
        throw new Error(`上级平台拒收（HTTP ${res.status}）${body ? `：${body.slice(0, 200)}` : ''}`);
      return body || `HTTP ${res.status}`;
    },
  };
}
