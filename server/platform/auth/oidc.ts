import * as client from 'openid-client';

// Relying-party side of OpenID Connect (authorization code + PKCE) for a provincial identity
// platform. The provider is discovered once and cached per process.
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  usernameClaim: string;
  name: string;
}

export class OidcClient {
  #config?: Promise<client.Configuration>;
  constructor(readonly settings: OidcSettings) {}

  #discover(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    // Plain http only for a provider on this machine (tests, a local gateway); never across a network.
    const local =
      issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    this.#config ??= client
      .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
        // ID token signatures are verified against the provider's JWKS even though the token comes
        // straight from the token endpoint: a tampering gateway must not be able to log anyone in.
        execute: local
          ? [client.allowInsecureRequests, client.enableNonRepudiationChecks]
          : [client.enableNonRepudiationChecks],
      })
      .catch((err) => {
        this.#config = undefined; // retry discovery on the next login
        throw err;
      });
    return this.#config;
  }

  async start(): Promise<{ url: string; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.#discover();
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /** Exchanges the code and returns the username claim of the verified ID token. */
  async finish(
    callbackUrl: URL,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<string> {
    const config = await this.#discover();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: expected.codeVerifier,
      expectedState: expected.state,
      expectedNonce: expected.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    const username = claims?.[this.settings.usernameClaim];
    if (typeof username !== 'string' || !username)
      throw new Error(`ID 令牌缺少 ${this.settings.usernameClaim}`);
    return username.toLowerCase();
  }
}
