// Properties of hydration (issue 17, item 9): for arbitrary API response bodies, every model either hydrates
// or throws a SmoochError, and what it hydrated always survives JSON.stringify, String and util.inspect.
import util from 'node:util';
import { expect } from 'chai';
import fc from 'fast-check';
import { SmoochError } from '../../lib/errors.js';
import { hydrateReceived, type Model, type ModelClass } from '../../lib/model.js';
import * as lib from '../../lib/index.js';
import { APP_ID, testConnection } from '../support/fixtures.js';
import { jsonish, KEEP, prototypeState, rewriteFields, settings } from './arbitraries.js';

/** Every model the package exports: one that is added later is covered without a change here. */
const MODELS = (Object.entries(lib) as Array<[string, unknown]>).filter(
  (entry): entry is [string, ModelClass<Model>] =>
    typeof entry[1] === 'function' && (entry[1] as ModelClass<Model>).prototype instanceof lib.Model,
);

/** The fields models hydrate as `Date` (`@Type(() => Date)`), at any depth. */
const DATE_FIELDS = new Set([
  'signedUpAt',
  'lastSeen',
  'linkedAt',
  'businessLastRead',
  'lastUpdatedAt',
  'createdAt',
  'received',
  'lastRead',
]);

/**
 * The body with every date field holding a valid ISO date. CONSTRAINED on purpose: an invalid date still
 * makes JSON.stringify(model) throw a RangeError (issue 17, item 6, fixed on another branch), and bodies stay
 * a few levels deep (item 4, raw RangeError at 10,000 levels, likewise). Once those land, drop this map and
 * raise `maxDepth` of `jsonish`: the property itself is the one the issue asks for.
 */
function withValidDates(value: unknown): unknown {
  const valid = new Date(Date.UTC(2026, 0, 1)).toISOString();
  return rewriteFields(value, (key) => (DATE_FIELDS.has(key) ? valid : KEEP));
}

describe('property: hydration of every model from arbitrary bodies', () => {
  const binding = { connection: testConnection(), appId: APP_ID };

  it('covers every model the package exports', () => expect(MODELS.length).to.be.at.least(14));

  for (const [name, Class] of MODELS) {
    it(`${name}: hydrates or throws a SmoochError; the result survives JSON.stringify, String, util.inspect`, () => {
      const before = prototypeState();
      fc.assert(
        fc.property(jsonish.map(withValidDates), (body) => {
          let instance: Model;
          try {
            instance = hydrateReceived(Class, body, binding);
          } catch (error) {
            expect(error).to.be.instanceOf(SmoochError);
            return;
          }
          expect(() => JSON.stringify(instance)).not.to.throw();
          expect(() => String(instance)).not.to.throw();
          expect(() => util.inspect(instance, { depth: 10 })).not.to.throw();
          expect(prototypeState()).to.deep.equal(before);
        }),
        settings(2000),
      );
    });
  }
});
