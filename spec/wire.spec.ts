import { expect } from 'chai';
import { changesOf, excerptOf, invalidDate, sentAs, toWire } from '../lib/wire.js';

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

  describe('invalidDate', () => {
    it('gives back what was sent in the wire shape, and counts as unchanged against it', () => {
      const at = invalidDate('garbage');
      expect(Number.isNaN(at.getTime())).to.equal(true);
      expect(sentAs(at)).to.equal('garbage');
      expect(toWire({ at })).to.deep.equal({ at: 'garbage' });
      expect(changesOf({ at: 'garbage' }, { at }, ['at'])).to.equal(undefined);
      expect(changesOf({ at: 'garbage' }, { at: invalidDate('other') }, ['at'])).to.deep.equal({
        at: 'other',
      });
    });

    it('turns an Invalid Date made elsewhere into null instead of throwing', () => {
      expect(toWire({ at: new Date('x') })).to.deep.equal({ at: null });
      expect(changesOf({ at: 'x' }, { at: new Date('x') }, ['at'])).to.deep.equal({ at: null });
    });
  });

  describe('excerptOf', () => {
    it('is the JSON of a small value', () => {
      expect(excerptOf({ a: { b: [1, 'x', null] }, c: new Date(0) })).to.equal(
        '{"a":{"b":[1,"x",null]},"c":"1970-01-01T00:00:00.000Z"}',
      );
    });

    it('cuts a deep or long value at its room without walking the rest', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expect(excerptOf(deep, 10)).to.equal('[[[[[[[[[[...');
      expect(excerptOf({ s: 'y'.repeat(1000) }, 12)).to.equal('{"s":"yyyyyy...');
    });
  });
});
