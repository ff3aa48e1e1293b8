// The public surface: what `import ... from 'smooch-record'` offers, and what it keeps to itself.
import { expect } from 'chai';
import * as lib from '../lib/index.js';

describe('lib/index.ts', () => {
  it('exports every error class, each named after itself', () => {
    const errors = [
      'SmoochError',
      'ApiError',
      'BadRequestError',
      'AuthenticationError',
      'ForbiddenError',
      'NotFoundError',
      'ConflictError',
      'LockedError',
      'RateLimitError',
      'ServerError',
      'ConnectionError',
      'TimeoutError',
      'AbortError',
      'ConfigurationError',
      'WebhookVerificationError',
      'ParseError',
    ];
    const exported = lib as unknown as Record<string, unknown>;
    for (const name of errors) {
      expect(exported[name], name).to.be.a('function');
      expect((exported[name] as { prototype: Error }).prototype).to.be.instanceOf(Error);
    }
  });

  it('keeps the error plumbing internal', () => {
    for (const name of ['errorDetails', 'parseRetryAfter', 'errorFromResponse']) {
      expect(Object.keys(lib), name).not.to.include(name);
    }
  });
});
