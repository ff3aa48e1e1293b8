import util from 'node:util';
import { expect } from 'chai';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { Authorizer, basicAuthorization, inferScope, jwtForUser, signToken } from '../lib/auth.js';
import { ConfigurationError } from '../lib/errors.js';
import { TEST_SECRET } from './support/fixtures.js';

/** Verifies a token with the secret and returns its header and payload (throws if the signature is wrong). */
function verify(token: string): { header: jwt.JwtHeader; payload: JwtPayload } {
  const { header, payload } = jwt.verify(token, TEST_SECRET, { algorithms: ['HS256'], complete: true });
  return { header, payload: payload as JwtPayload };
}

describe('auth', () => {
  describe('basicAuthorization', () => {
    it('encodes keyId:secret in base64', () => {
      const value = basicAuthorization('app_123', TEST_SECRET);
      expect(value).to.equal(`Basic ${Buffer.from(`app_123:${TEST_SECRET}`).toString('base64')}`);
      expect(Buffer.from(value.slice(6), 'base64').toString()).to.equal(`app_123:${TEST_SECRET}`);
    });
  });

  describe('inferScope', () => {
    it('maps each key id prefix to its scope', () => {
      expect(inferScope('app_5d8c')).to.equal('app');
      expect(inferScope('act_5963')).to.equal('account');
      expect(inferScope('svc_5963')).to.equal('account');
      expect(inferScope('int_5e4a')).to.equal('integration');
    });

    it('gives undefined for an unknown prefix', () => {
      expect(inferScope('5d8cff3c')).to.equal(undefined);
      expect(inferScope('ap_x')).to.equal(undefined);
    });
  });

  describe('signToken', () => {
    it('signs HS256 with header kid and claim scope, without expiry by default', () => {
      const { header, payload } = verify(signToken('act_123', TEST_SECRET, 'account'));
      expect(header).to.include({ alg: 'HS256', typ: 'JWT', kid: 'act_123' });
      expect(payload.scope).to.equal('account');
      expect(payload).not.to.have.property('exp');
    });

    it('sets exp when a lifetime is given', () => {
      const { payload } = verify(signToken('app_1', TEST_SECRET, 'app', { expiresIn: 600 }));
      expect(payload.exp! - payload.iat!).to.equal(600);
    });

    it('does not verify with another secret', () => {
      const token = signToken('app_1', TEST_SECRET, 'app');
      expect(() => jwt.verify(token, 'another-secret-not-real')).to.throw(/invalid signature/);
    });
  });

  describe('jwtForUser', () => {
    it('mints an SDK login token: scope user, external_id, kid', () => {
      const { header, payload } = verify(jwtForUser('app_123', TEST_SECRET, 'b6518'));
      expect(header).to.include({ alg: 'HS256', kid: 'app_123' });
      expect(payload).to.include({ scope: 'user', external_id: 'b6518' });
      expect(payload).not.to.have.property('exp');
    });

    it('takes an expiry', () => {
      const { payload } = verify(jwtForUser('app_123', TEST_SECRET, 'b6518', { expiresIn: 3600 }));
      expect(payload.exp! - payload.iat!).to.equal(3600);
    });

    it('refuses empty arguments with a ConfigurationError', () => {
      expect(() => jwtForUser('', TEST_SECRET, 'b')).to.throw(ConfigurationError, /keyId/);
      expect(() => jwtForUser('app_1', '', 'b')).to.throw(ConfigurationError, /secret/);
      expect(() => jwtForUser('app_1', TEST_SECRET, '')).to.throw(ConfigurationError, /externalId/);
    });
  });

  describe('Authorizer', () => {
    const options = { keyId: 'app_123', secret: TEST_SECRET, scope: 'app' as const };

    it('gives the Basic value in basic mode and never signs', () => {
      const auth = new Authorizer({ ...options, mode: 'basic' });
      expect(auth.header()).to.equal(basicAuthorization('app_123', TEST_SECRET));
      expect(auth.signatures).to.equal(0);
    });

    it('signs a JWT once and reuses it', () => {
      const auth = new Authorizer({ ...options, mode: 'jwt' });
      const first = auth.header(1000);
      expect(first).to.match(/^Bearer /);
      expect(verify(first.slice(7)).payload.scope).to.equal('app');
      expect(auth.header(1000 + 86_400 * 365)).to.equal(first);
      expect(auth.signatures).to.equal(1);
    });

    it('re-signs shortly before a configured expiry, not before', () => {
      const auth = new Authorizer({ ...options, mode: 'jwt', expiresIn: 300 });
      auth.header(1000);
      auth.header(1000 + 269);
      expect(auth.signatures).to.equal(1);
      auth.header(1000 + 271); // within 30 s of the expiry at 1300
      expect(auth.signatures).to.equal(2);
      auth.header(1000 + 272);
      expect(auth.signatures).to.equal(2);
    });

    it('keeps a short lifetime useful: a 20 s token is reused for 10 s', () => {
      const auth = new Authorizer({ ...options, mode: 'jwt', expiresIn: 20 });
      auth.header(1000);
      auth.header(1009);
      expect(auth.signatures).to.equal(1);
      auth.header(1010);
      expect(auth.signatures).to.equal(2);
    });

    it('refuses a lifetime that is not a positive whole number of seconds', () => {
      for (const expiresIn of [0, -5, 1.5, Number.NaN]) {
        expect(() => new Authorizer({ ...options, mode: 'jwt', expiresIn })).to.throw(
          ConfigurationError,
          /jwtExpiresIn/,
        );
      }
    });

    it('shows neither the secret nor the token when logged, inspected or spread', () => {
      const auth = new Authorizer({ ...options, mode: 'jwt' });
      const token = auth.header();
      const basic = new Authorizer({ ...options, mode: 'basic' });
      for (const shown of [
        util.inspect(auth),
        util.inspect(auth, { customInspect: false, showHidden: true }),
        JSON.stringify(auth),
        JSON.stringify({ ...auth }),
        util.inspect(basic, { customInspect: false }),
        JSON.stringify(basic),
      ]) {
        expect(shown).not.to.include(TEST_SECRET);
        expect(shown).not.to.include(token.slice(7));
        expect(shown).not.to.include(basic.header().slice(6));
      }
      expect(JSON.stringify(auth)).to.equal('{"keyId":"app_123","mode":"jwt","scope":"app"}');
    });
  });
});
