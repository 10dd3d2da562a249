import { createHash, createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A small but real OpenID provider on localhost for tests: discovery, authorization (the user is
// chosen by the test), token endpoint with client authentication and PKCE, RS256 ID tokens, JWKS.
export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who "logs in" at the provider next. */
  nextUser: { sub: string; preferred_username: string };
  /** Misbehaviours for negative tests. */
  tamper: { badSignature?: boolean; wrongNonce?: boolean; wrongAudience?: boolean };
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export async function startTestProvider(): Promise<TestProvider> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<
    string,
    { nonce: string; challenge: string; redirectUri: string; user: TestProvider['nextUser'] }
  >();
  const provider = {
    clientId: 'xietong-test',
    clientSecret: randomBytes(16).toString('hex'),
    nextUser: { sub: 'u-1', preferred_username: 'nanhu.coord' },
    tamper: {},
  } as TestProvider;

  const sign = (claims: Record<string, unknown>) => {
    const head = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test-key' }));
    const body = b64url(JSON.stringify(claims));
    let sig = createSign('RSA-SHA256').update(`${head}.${body}`).sign(privateKey);
    if (provider.tamper.badSignature) sig = Buffer.from(sig.map((x) => x ^ 1));
    return `${head}.${body}.${b64url(sig)}`;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', provider.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: provider.issuer,
        authorization_endpoint: `${provider.issuer}/authorize`,
        token_endpoint: `${provider.issuer}/token`,
        jwks_uri: `${provider.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (url.pathname === '/jwks') return json(200, { keys: [jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== provider.clientId || q.get('code_challenge_method') !== 'S256') {
        return json(400, { error: 'invalid_request' });
      }
      const code = randomBytes(16).toString('hex');
      codes.set(code, {
        nonce: q.get('nonce') ?? '',
        challenge: q.get('code_challenge') ?? '',
        redirectUri: q.get('redirect_uri') ?? '',
        user: provider.nextUser,
      });
      const back = new URL(q.get('redirect_uri') ?? '');
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (d) => {
        raw += d;
      });
      req.on('end', () => {
        const form = new URLSearchParams(raw);
        const basic = req.headers.authorization?.startsWith('Basic ')
          ? Buffer.from(req.headers.authorization.slice(6), 'base64')
              .toString()
              .split(':')
              .map(decodeURIComponent)
          : [form.get('client_id'), form.get('client_secret')];
        if (basic[0] !== provider.clientId || basic[1] !== provider.clientSecret)
          return json(401, { error: 'invalid_client' });
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!grant || b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) {
          return json(400, { error: 'invalid_grant' });
        }
        const now = Math.floor(Date.now() / 1000);
        const idToken = sign({
          iss: provider.issuer,
          sub: grant.user.sub,
          aud: provider.tamper.wrongAudience ? 'someone-else' : provider.clientId,
          iat: now,
          exp: now + 300,
          nonce: provider.tamper.wrongNonce ? 'not-the-nonce' : grant.nonce,
          preferred_username: grant.user.preferred_username,
        });
        json(200, {
          access_token: randomBytes(16).toString('hex'),
          token_type: 'Bearer',
          expires_in: 300,
          id_token: idToken,
        });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  provider.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider.close = () => new Promise((resolve) => server.close(() => resolve()));
  return provider;
}
