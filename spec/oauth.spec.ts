import { expect } from 'chai';
import nock from 'nock';
import { Connection } from '../lib/connection/connection.js';
import { ConfigurationError } from '../lib/errors.js';
import { App } from '../lib/models/app.js';
import { OAUTH_BASE_URL, OAuth } from '../lib/oauth.js';

const TOKEN = 'test-access-token-not-real';

describe('OAuth', () => {
  it('builds the authorize URL with the client id, response type, state and redirect', () => {
    const url = new URL(
      OAuth.authorizeUrl({ clientId: 'acme', state: 's 1', redirectUri: 'https://acme.example/cb' }),
    );
    expect(url.origin + url.pathname).to.equal(`${OAUTH_BASE_URL}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({
      client_id: 'acme',
      response_type: 'code',
      state: 's 1',
      redirect_uri: 'https://acme.example/cb',
    });
    expect(() => OAuth.authorizeUrl({ clientId: '' })).to.throw(TypeError, /clientId/);
  });

  it('exchanges a code for a token without sending an Authorization header', async () => {
    const body = {
      code: '658965',
      grant_type: 'authorization_code',
      client_id: 'acme',
      client_secret: 'test-client-secret',
    };
    const scope = nock(OAUTH_BASE_URL, { badheaders: ['authorization'] })
      .post('/oauth/token', body)
      .reply(200, { access_token: TOKEN, token_type: 'Bearer' });
    const token = await OAuth.getToken({
      code: '658965',
      clientId: 'acme',
      clientSecret: 'test-client-secret',
    });
    scope.done();
    expect(token).to.deep.equal({ accessToken: TOKEN, tokenType: 'Bearer' });
  });

  it('rejects a missing code before any request', async () => {
    const error = await OAuth.getToken({ code: '', clientId: 'acme', clientSecret: 'x' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TypeError);
  });

  it('reads token info with the bearer token and returns an App bound to that token', async () => {
    const scope = nock(OAUTH_BASE_URL)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .get('/v2/tokenInfo')
      .reply(200, { app: { id: '5d8cff3cd55b040010928b5b', displayName: 'Acme', subdomain: 'acme' } });
    const app = await OAuth.tokenInfo(TOKEN);
    scope.done();
    expect(app).to.be.instanceOf(App);
    expect(app.subdomain).to.equal('acme');
    expect(app.connection.scope).to.equal('integration');
    expect(app.appId).to.equal('5d8cff3cd55b040010928b5b');
    expect(app.connection.baseUrl).to.equal('https://api.smooch.io');
  });

  it('binds the app of tokenInfo to the API host it lives on', async () => {
    nock(OAUTH_BASE_URL)
      .get('/v2/tokenInfo')
      .reply(200, { app: { id: 'a1' } });
    const eu = await OAuth.tokenInfo(TOKEN, { region: 'eu' });
    expect(eu.connection.baseUrl).to.equal('https://api.eu-1.smooch.io');
    nock(OAUTH_BASE_URL)
      .get('/v2/tokenInfo')
      .reply(200, { app: { id: 'a1' } });
    const zendesk = await OAuth.tokenInfo(TOKEN, { apiBaseUrl: 'https://acme.zendesk.com/sc' });
    expect(zendesk.connection.baseUrl).to.equal('https://acme.zendesk.com/sc');
  });

  it('revokes access with the bearer token', async () => {
    const scope = nock(OAUTH_BASE_URL)
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .delete('/oauth/authorization')
      .reply(200, {});
    await OAuth.revokeAccess(TOKEN);
    scope.done();
  });
});

describe('Connection with an OAuth access token', () => {
  it('sends it as a Bearer token with integration scope, and never shows it', async () => {
    const connection = new Connection({ accessToken: TOKEN, appId: 'a1', retry: { limit: 0 } });
    const scope = nock('https://api.smooch.io')
      .matchHeader('authorization', `Bearer ${TOKEN}`)
      .get('/v2/apps/a1')
      .reply(200, { app: { id: 'a1' } });
    await App.find('a1', { connection });
    scope.done();
    expect(connection.scope).to.equal('integration');
    expect(JSON.stringify(connection)).to.not.include(TOKEN);
  });

  it('refuses both a token and a key, or neither', () => {
    expect(() => new Connection({ accessToken: TOKEN, keyId: 'app_x', secret: 's' })).to.throw(
      ConfigurationError,
      /either/,
    );
    expect(() => new Connection({})).to.throw(ConfigurationError, /keyId is required/);
    expect(() => new Connection({ accessToken: '' })).to.throw(ConfigurationError, /accessToken/);
  });
});

describe('Connection credentials that cannot travel in a header', () => {
  it('refuses a key id or access token with spaces or line breaks before any request', () => {
    expect(() => new Connection({ keyId: 'app_x\n', secret: 's' })).to.throw(
      ConfigurationError,
      /visible ASCII/,
    );
    expect(() => new Connection({ accessToken: 'abc\ndef' })).to.throw(ConfigurationError, /visible ASCII/);
    expect(() => new Connection({ accessToken: 'abc def' })).to.throw(ConfigurationError, /visible ASCII/);
  });
});
