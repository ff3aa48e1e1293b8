import { expect } from 'chai';
import nock from 'nock';
import { path, segment } from '../lib/path.js';
import { BASE, APP_ID, testConnection } from './support/fixtures.js';

describe('path', () => {
  it('percent-encodes every interpolated segment', () => {
    expect(path`/v2/apps/${'a/b?c'}/users/${'../keys'}`).to.equal('/v2/apps/a%2Fb%3Fc/users/..%2Fkeys');
    expect(path`/v2/apps/${'5d8c'}/users/${'bob@example.com'}`).to.equal(
      '/v2/apps/5d8c/users/bob%40example.com',
    );
  });

  it('refuses empty, non-string and dot-segment ids with a TypeError', () => {
    expect(() => path`/v2/apps/${''}`).to.throw(TypeError, /empty string/);
    expect(() => path`/v2/apps/${undefined}`).to.throw(TypeError, /undefined/);
    expect(() => path`/v2/apps/${42}`).to.throw(TypeError, /number/);
    expect(() => segment('..')).to.throw(TypeError);
    expect(() => segment('.')).to.throw(TypeError);
  });

  it('keeps a hostile id inside its own segment on the wire', async () => {
    const scope = nock(BASE)
      .get(`/v2/apps/${APP_ID}/users/..%2Fkeys%3Fx%3D1`)
      .reply(200, { user: { id: 'u' } });
    const body = await testConnection().request({
      method: 'GET',
      path: path`/v2/apps/${APP_ID}/users/${'../keys?x=1'}`,
    });
    expect(body).to.deep.equal({ user: { id: 'u' } });
    scope.done();
  });
});
