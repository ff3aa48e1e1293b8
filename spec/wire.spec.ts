import { expect } from 'chai';
import { changesOf, escapeKeys, restoreKeys, toWire } from '../lib/wire.js';

describe('wire', () => {
  describe('toWire', () => {
    it('turns dates into ISO strings, copies nested data and drops undefined and functions', () => {
      const nested = { at: new Date(0), list: [new Date(1000), { skip: undefined, keep: null }] };
      const out = toWire({ nested, fn: () => 1, gone: undefined, flag: false, empty: '' });
      expect(out).to.deep.equal({
        nested: { at: '1970-01-01T00:00:00.000Z', list: ['1970-01-01T00:00:01.000Z', { keep: null }] },
        flag: false,
        empty: '',
      });
      expect((out as { nested: unknown }).nested).not.to.equal(nested);
    });

    it('keeps a `__proto__` key as data instead of swapping the prototype', () => {
      const out = toWire(JSON.parse('{"__proto__":{"x":1}}')) as object;
      expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
      expect(JSON.stringify(out)).to.equal('{"__proto__":{"x":1}}');
    });
  });

  describe('changesOf', () => {
    const fields = ['name', 'profile', 'tags', 'metadata', 'at'];

    it('is undefined when nothing changed, also for an equal Date and a missing undefined field', () => {
      const before = { name: 'a', at: '2026-01-01T00:00:00.000Z', profile: { x: 1 } };
      const after = { name: 'a', at: new Date('2026-01-01T00:00:00.000Z'), profile: { x: 1, y: undefined } };
      expect(changesOf(before, after, fields)).to.equal(undefined);
    });

    it('sends nested changes only, whole arrays, null for removed keys', () => {
      const before = { profile: { x: 1, y: 2 }, tags: ['a'], metadata: { keep: 1, drop: 2 } };
      const after = { profile: { x: 1, y: 3 }, tags: ['a', 'b'], metadata: { keep: 1 } };
      expect(changesOf(before, after, fields)).to.deep.equal({
        profile: { y: 3 },
        tags: ['a', 'b'],
        metadata: { drop: null },
      });
    });

    it('sends null when a field is cleared and a whole object when it was null before', () => {
      expect(changesOf({ metadata: { a: 1 } }, { metadata: undefined }, fields)).to.deep.equal({
        metadata: null,
      });
      expect(changesOf({ metadata: null }, { metadata: { a: 1 } }, fields)).to.deep.equal({
        metadata: { a: 1 },
      });
    });

    it('looks at the given fields only', () => {
      expect(changesOf({ id: 'a' }, { id: 'b' }, fields)).to.equal(undefined);
    });

    it('never reads `constructor` or `toString` from Object.prototype as data', () => {
      expect(changesOf({ metadata: {} }, { metadata: {} }, ['metadata', 'constructor', 'toString'])).to.equal(
        undefined,
      );
      expect(changesOf({ metadata: {} }, { metadata: { constructor: 'x' } }, fields)).to.deep.equal({
        metadata: { constructor: 'x' },
      });
    });
  });

  describe('escapeKeys / restoreKeys', () => {
    it('renames unsafe keys below the top level and shadowed keys at it, and restores them', () => {
      const plain = JSON.parse('{"appId":"fb","constructor":"dropped","metadata":{"constructor":"c","a":1}}');
      const { plain: safe, escaped } = escapeKeys(plain, new Set(['appId']));
      expect(escaped).to.equal(true);
      expect(Object.keys(safe)).to.have.length(2);
      expect(Object.keys(safe)).not.to.include('appId').and.not.include('constructor');
      restoreKeys(safe);
      expect(safe).to.deep.equal({ metadata: { a: 1, constructor: 'c' }, appId: 'fb' });
    });

    it('renames every nested key that Object.prototype has, not only constructor', () => {
      const plain = { metadata: { valueOf: 1, toString: 'x', hasOwnProperty: true, isPrototypeOf: 0, a: 2 } };
      const { plain: safe, escaped } = escapeKeys(structuredClone(plain), new Set());
      expect(escaped).to.equal(true);
      expect(Object.keys(safe.metadata as object)).to.have.length(5);
      expect(Object.keys(safe.metadata as object)).to.deep.equal([
        '\u0000smooch-record:valueOf',
        '\u0000smooch-record:toString',
        '\u0000smooch-record:hasOwnProperty',
        '\u0000smooch-record:isPrototypeOf',
        'a',
      ]);
      restoreKeys(safe);
      expect(safe).to.deep.equal(plain);
    });

    it('drops top-level keys it is told to, and says when nothing needed escaping', () => {
      const { plain, escaped } = escapeKeys(
        { isDirty: true, id: 'a', list: [{ b: 1 }] },
        new Set(),
        new Set(['isDirty']),
      );
      expect(plain).to.deep.equal({ id: 'a', list: [{ b: 1 }] });
      expect(escaped).to.equal(false);
    });
  });
});
