import { expect } from 'chai';
import { ConfigurationError } from '../lib/errors.js';
import {
  type FailedAttempt,
  mayHaveBeenProcessed,
  retryDelay,
  retryReason,
  validateRetryPolicy,
} from '../lib/connection/retry-policy.js';

const attempt = (changes: Partial<FailedAttempt>): FailedAttempt => ({
  attemptCount: 1,
  method: 'GET',
  postOptIn: false,
  waited: 0,
  ...changes,
});
const half = () => 0.5;
const top = () => 1;

describe('retry policy', () => {
  describe('what is retried', () => {
    it('retries 429 for every method, POST included: the request was refused, not processed', () => {
      for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
        expect(retryDelay(attempt({ method, status: 429 }), {}, half), method).to.equal(250);
      }
    });

    it('retries failures before the request was written for every method', () => {
      for (const errorCode of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
        expect(retryDelay(attempt({ method: 'POST', errorCode }), {}, half), errorCode).to.equal(250);
      }
      for (const phase of ['pool', 'lookup', 'connect', 'secureConnect']) {
        const timedOut = attempt({ method: 'POST', errorCode: 'ETIMEDOUT', phase });
        expect(retryDelay(timedOut, {}, half), phase).to.equal(250);
      }
    });

    it('retries 5xx, timeouts and resets after writing for GET / PUT / DELETE / PATCH only', () => {
      const causes: Partial<FailedAttempt>[] = [
        { status: 500 },
        { status: 502 },
        { status: 503 },
        { status: 504 },
        { errorCode: 'ETIMEDOUT', phase: 'response' },
        { errorCode: 'ECONNRESET', phase: 'send' },
        { status: 200, errorCode: 'ECONNRESET' },
      ];
      for (const cause of causes) {
        for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
          expect(
            retryDelay(attempt({ method, ...cause }), {}, half),
            `${method} ${JSON.stringify(cause)}`,
          ).to.equal(250);
        }
        expect(retryDelay(attempt({ method: 'POST', ...cause }), {}, half), JSON.stringify(cause)).to.equal(
          0,
        );
        const optedIn = attempt({ method: 'POST', postOptIn: true, ...cause });
        expect(retryDelay(optedIn, {}, half), `opted-in ${JSON.stringify(cause)}`).to.equal(250);
      }
    });

    it('never retries 4xx other than 429, a parse failure or an unknown error', () => {
      for (const status of [400, 401, 403, 404, 409, 423, 501]) {
        expect(retryDelay(attempt({ status }), {}, half), String(status)).to.equal(0);
      }
      expect(retryDelay(attempt({ status: 200, errorCode: 'ERR_BODY_PARSE_FAILURE' }), {}, half)).to.equal(0);
      expect(retryDelay(attempt({ errorCode: 'ERR_GOT_REQUEST_ERROR' }), {}, half)).to.equal(0);
    });

    it('names the reason: refused (safe for all) or unsure (may have been processed)', () => {
      expect(retryReason(attempt({ status: 429 }))).to.equal('refused');
      expect(retryReason(attempt({ errorCode: 'ECONNREFUSED' }))).to.equal('refused');
      expect(retryReason(attempt({ status: 503 }))).to.equal('unsure');
      expect(retryReason(attempt({ errorCode: 'ETIMEDOUT', phase: 'read' }))).to.equal('unsure');
      expect(retryReason(attempt({ status: 404 }))).to.equal(undefined);
    });

    it('does not retry failures that would repeat on every attempt, even before the request was written', () => {
      // An invalid header character or a bad certificate fails the same way each time: report it at once.
      for (const errorCode of ['ERR_INVALID_CHAR', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT']) {
        for (const phase of ['pool', 'lookup', 'connect', 'secureConnect']) {
          expect(retryReason(attempt({ errorCode, phase })), `${errorCode} in ${phase}`).to.equal(undefined);
        }
      }
      expect(retryReason(attempt({ errorCode: 'ETIMEDOUT', phase: 'connect' }))).to.equal('refused');
      expect(retryReason(attempt({ errorCode: 'ECONNRESET', phase: 'secureConnect' }))).to.equal('refused');
    });
  });

  describe('how long it waits', () => {
    it('doubles the step each attempt with full jitter, at least 1 ms', () => {
      expect(
        [1, 2, 3].map((n) => retryDelay(attempt({ attemptCount: n, status: 503 }), { limit: 5 }, top)),
      ).to.deep.equal([500, 1000, 2000]);
      expect(retryDelay(attempt({ status: 503 }), {}, () => 0)).to.equal(1);
      expect(retryDelay(attempt({ status: 503 }), { baseDelay: 100 }, () => 0.25)).to.equal(25);
    });

    it('caps each backoff at maxDelay instead of giving up', () => {
      const late = attempt({ attemptCount: 10, status: 503 });
      expect(retryDelay(late, { limit: 20, maxDelay: 3000, maxTotalDelay: 1e9 }, top)).to.equal(3000);
    });

    it('honours Retry-After in seconds as a floor, jitter on top only when backoff is longer', () => {
      expect(retryDelay(attempt({ status: 429, retryAfter: '2' }), {}, half)).to.equal(2000);
      expect(retryDelay(attempt({ status: 429, retryAfter: '0' }), {}, half)).to.equal(250);
      expect(retryDelay(attempt({ status: 503, retryAfter: ['1', '9'] }), {}, half)).to.equal(1000);
    });

    it('honours Retry-After as an HTTP date', () => {
      const inThreeSeconds = new Date(Date.now() + 3000).toUTCString();
      const delay = retryDelay(attempt({ status: 429, retryAfter: inThreeSeconds }), {}, half);
      // toUTCString() drops milliseconds, so the date is 2-3 s away.
      expect(delay).to.be.within(2000, 3000);
      const past = new Date(Date.now() - 60_000).toUTCString();
      expect(retryDelay(attempt({ status: 429, retryAfter: past }), {}, half)).to.equal(250);
    });

    it('gives up at once when Retry-After asks for more than maxDelay or the remaining total', () => {
      expect(retryDelay(attempt({ status: 429, retryAfter: '31' }), {}, half)).to.equal(0);
      expect(retryDelay(attempt({ status: 429, retryAfter: '5' }), { maxDelay: 4000 }, half)).to.equal(0);
      const late = attempt({ status: 429, retryAfter: '5', waited: 56_000 });
      expect(retryDelay(late, {}, half)).to.equal(0);
    });

    it('keeps the total of the waits within maxTotalDelay, then gives up', () => {
      const policy = { limit: 100, baseDelay: 100, maxDelay: 100, maxTotalDelay: 250 };
      let waited = 0;
      let attempts = 0;
      for (;;) {
        const delay = retryDelay(attempt({ attemptCount: attempts + 1, status: 429, waited }), policy, top);
        if (delay === 0) break;
        waited += delay;
        attempts += 1;
      }
      expect(waited).to.equal(250);
      expect(attempts).to.equal(3);
    });
  });

  describe('how many times', () => {
    it('makes 3 attempts by default (2 retries), as got does', () => {
      expect(retryDelay(attempt({ attemptCount: 2, status: 503 }), {}, half)).to.be.greaterThan(0);
      expect(retryDelay(attempt({ attemptCount: 3, status: 503 }), {}, half)).to.equal(0);
    });

    it('takes the limit from the policy; 0 turns retries off', () => {
      expect(
        retryDelay(attempt({ attemptCount: 5, status: 503 }), { limit: 5, maxTotalDelay: 1e9 }, half),
      ).to.be.greaterThan(0);
      expect(retryDelay(attempt({ attemptCount: 6, status: 503 }), { limit: 5 }, half)).to.equal(0);
      expect(retryDelay(attempt({ status: 429 }), { limit: 0 }, half)).to.equal(0);
    });

    it('gives 429 its own budget: past the limit while the total wait allows, backing off per 429', () => {
      const storm = (n: number, waited = 0) =>
        retryDelay(attempt({ attemptCount: n, status: 429, rateLimited: n - 1, waited }), {}, top);
      expect([1, 2, 3, 4, 5, 8].map((n) => storm(n))).to.deep.equal([500, 1000, 2000, 4000, 8000, 30_000]);
      expect(storm(20, 59_000)).to.equal(1000);
      expect(storm(20, 60_000)).to.equal(0);
    });

    it('counts only the other failures against the limit: two 5xx after three 429s are still retried', () => {
      const after429s = (n: number) =>
        retryDelay(attempt({ attemptCount: n, status: 503, rateLimited: 3 }), {}, top);
      expect([after429s(4), after429s(5)]).to.deep.equal([500, 1000]);
      expect(after429s(6)).to.equal(0);
    });

    it('ignores undefined fields of a policy instead of turning them into NaN', () => {
      expect(retryDelay(attempt({ status: 503 }), { limit: undefined, baseDelay: undefined }, half)).to.equal(
        250,
      );
    });
  });

  describe('mayHaveBeenProcessed', () => {
    it('is true for 5xx and transport failures after writing, false for refusals and 4xx', () => {
      const post = (changes: Partial<FailedAttempt>) =>
        mayHaveBeenProcessed(attempt({ method: 'POST', ...changes }));
      expect(post({ status: 500 })).to.equal(true);
      expect(post({ status: 502 })).to.equal(true);
      expect(post({ errorCode: 'ETIMEDOUT', phase: 'response' })).to.equal(true);
      expect(post({ status: 200, errorCode: 'ECONNRESET' })).to.equal(true);
      expect(post({ errorCode: 'ESOMETHINGNEW', phase: 'read' })).to.equal(true);
      expect(post({ status: 429 })).to.equal(false);
      expect(post({ status: 400 })).to.equal(false);
      expect(post({ errorCode: 'ECONNREFUSED', phase: 'connect' })).to.equal(false);
      expect(post({ errorCode: 'ETIMEDOUT', phase: 'pool' })).to.equal(false);
    });
  });

  describe('validateRetryPolicy', () => {
    it('accepts nothing, an empty policy and a full one', () => {
      validateRetryPolicy(undefined);
      validateRetryPolicy({});
      validateRetryPolicy({ limit: 0, post: true, maxDelay: 0, maxTotalDelay: 10, baseDelay: 1 });
    });

    it('refuses bad values with a ConfigurationError', () => {
      const bad = [
        { limit: -1 },
        { limit: 1.5 },
        { maxDelay: -5 },
        { baseDelay: Number.NaN },
        { post: 'yes' },
        'x',
      ];
      for (const policy of bad) {
        expect(() => validateRetryPolicy(policy as never), JSON.stringify(policy)).to.throw(
          ConfigurationError,
        );
      }
    });
  });
});
