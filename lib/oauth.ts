/**
 * The OAuth flow of Zendesk partner integrations (a small helper, not a model): build the authorize URL the
 * user's browser visits, exchange the returned code for an access token, ask which app a token belongs to,
 * and revoke it. The token then authenticates a `Connection` (`new Connection({ accessToken, appId })`).
 */
import {
  type CallOptions,
  Connection,
  type ConnectionOptions,
  type RequestOptions,
} from './connection/index.js';
import { hydrate } from './model.js';
import { App } from './models/app.js';

/**
 * The host of the OAuth endpoints and of `/v2/tokenInfo`.
 * @example OAuth.tokenInfo(token, { baseUrl: OAUTH_BASE_URL })
 */
export const OAUTH_BASE_URL = 'https://oauth-bridge.zendesk.com/sc';

/** Options of the OAuth calls: another host (tests, a sandbox) and the usual call options. */
export type OAuthCallOptions = Pick<CallOptions, 'signal' | 'timeout'> &
  Pick<ConnectionOptions, 'baseUrl' | 'agent' | 'retry'>;

/** Where the app of `tokenInfo()` lives, for the connection it is bound to (default: the US host). */
export type ApiHostOptions = { apiBaseUrl?: string; region?: ConnectionOptions['region'] };

/** The answer of the token exchange. */
export interface OAuthToken {
  accessToken: string;
  tokenType: string;
}

function requireText(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`${name} must be a non-empty string`);
  return value;
}

/**
 * One call on the OAuth host with a short-lived connection of its own (its sockets are closed after the
 * call). `anonymous` sends no Authorization header: the token exchange authenticates with its body.
 */
async function oauthCall<T>(
  accessToken: string | undefined,
  options: OAuthCallOptions,
  request: Pick<RequestOptions, 'method' | 'path' | 'json'>,
): Promise<T> {
  const { baseUrl = OAUTH_BASE_URL, agent, retry, signal, timeout } = options;
  // The token exchange has no token yet: the placeholder is never sent (the call is anonymous).
  const token = accessToken === undefined ? 'none' : requireText('accessToken', accessToken);
  const connection = new Connection({ accessToken: token, baseUrl, agent, retry });
  try {
    return await connection.request<T>({ ...request, signal, timeout, anonymous: accessToken === undefined });
  } finally {
    connection.close();
  }
}

/**
 * The OAuth helpers.
 * @example
 * res.redirect(OAuth.authorizeUrl({ clientId: 'acme', redirectUri: 'https://acme.example/oauth', state }));
 * const { accessToken } = await OAuth.getToken({ code, clientId: 'acme', clientSecret });
 * const app = await OAuth.tokenInfo(accessToken);
 */
export const OAuth = {
  /**
   * The URL to send the user's browser to (Authorize); it redirects back to `redirectUri` with `code` and `state`.
   * @example OAuth.authorizeUrl({ clientId: 'acme', state: 'x1' })
   */
  authorizeUrl(
    params: { clientId: string; redirectUri?: string; state?: string },
    options: Pick<OAuthCallOptions, 'baseUrl'> = {},
  ): string {
    const url = new URL(`${(options.baseUrl ?? OAUTH_BASE_URL).replace(/\/+$/, '')}/oauth/authorize`);
    url.searchParams.set('client_id', requireText('clientId', params?.clientId));
    url.searchParams.set('response_type', 'code');
    if (params.state !== undefined) url.searchParams.set('state', params.state);
    if (params.redirectUri !== undefined) url.searchParams.set('redirect_uri', params.redirectUri);
    return url.toString();
  },

  /**
   * Exchanges the code from the redirect for an access token (GetToken). Authenticated by the body, so no
   * Authorization header is sent.
   * @example const { accessToken } = await OAuth.getToken({ code, clientId: 'acme', clientSecret });
   */
  async getToken(
    params: { code: string; clientId: string; clientSecret: string },
    options: OAuthCallOptions = {},
  ): Promise<OAuthToken> {
    const json = {
      code: requireText('code', params?.code),
      grant_type: 'authorization_code',
      client_id: requireText('clientId', params.clientId),
      client_secret: requireText('clientSecret', params.clientSecret),
    };
    const body = await oauthCall<{ access_token: string; token_type: string }>(undefined, options, {
      method: 'POST',
      path: '/oauth/token',
      json,
    });
    return { accessToken: body.access_token, tokenType: body.token_type };
  },

  /**
   * Which app an access token belongs to (GetTokenInfo); `apiBaseUrl` / `region` say where that app's API lives.
   * @example const app = await OAuth.tokenInfo(accessToken); console.log(app.id);
   */
  async tokenInfo(accessToken: string, options: OAuthCallOptions & ApiHostOptions = {}): Promise<App> {
    const body = await oauthCall<{ app?: { id?: string } }>(accessToken, options, {
      method: 'GET',
      path: '/v2/tokenInfo',
    });
    // Bound to a connection on the app's API host with this token, so `app.save()` acts with it.
    const connection = new Connection({ accessToken, baseUrl: options.apiBaseUrl, region: options.region });
    return hydrate(App, body.app, { connection, appId: body.app?.id });
  },

  /**
   * Revokes an access token (RevokeAccess): the integration loses access to the app.
   * @example await OAuth.revokeAccess(accessToken);
   */
  async revokeAccess(accessToken: string, options: OAuthCallOptions = {}): Promise<void> {
    await oauthCall(accessToken, options, { method: 'DELETE', path: '/oauth/authorization' });
  },
};
