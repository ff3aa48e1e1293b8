// Properties of listings (issue 17, item 9): whatever cursors a server hands out, a listing ends. A walk
// whose cursors never repeat yields every page; one that repeats a cursor ends with a ParseError, at once for
// a cycle of up to RECENT_CURSORS, within three times prefix + cycle for a longer one.
import { expect } from 'chai';
import fc from 'fast-check';
import { Collection, RECENT_CURSORS } from '../../lib/collection.js';
import { ParseError } from '../../lib/errors.js';
import { settings } from './arbitraries.js';

/** Walks a listing whose n-th page (0-based) says `next[n]`; stops counting at `cap` pages. */
async function walk(
  next: Array<string | undefined>,
  cap: number,
): Promise<{ pages: number; error?: unknown }> {
  let pages = 0;
  const load = async () => ({ items: [pages], next: next[pages++] });
  try {
    for await (const _items of new Collection(load).pages()) if (pages > cap) break;
    return { pages };
  } catch (error) {
    return { pages, error };
  }
}

describe('property: arbitrary cursor sequences end', () => {
  it('a stateful server handing out any cursors: every page when none repeats, else a ParseError at the repeat', async () => {
    const cursors = fc.array(fc.string({ maxLength: 3 }), { maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(cursors, async (sequence) => {
        const { pages, error } = await walk([...sequence, undefined], sequence.length + 5);
        const firstRepeat = sequence.findIndex((cursor, i) => sequence.indexOf(cursor) < i);
        if (firstRepeat === -1) {
          expect(error).to.equal(undefined);
          expect(pages).to.equal(sequence.length + 1);
        } else {
          expect(error).to.be.instanceOf(ParseError);
          expect(pages).to.equal(firstRepeat + 1);
        }
      }),
      settings(3000),
    );
  });

  it('a cycle of any length after any prefix ends with a ParseError, within three times its length', async function () {
    this.timeout(30_000); // up to thousands of pages per run on a loaded machine; nothing here asserts time
    const shape = fc.record({
      prefix: fc.nat({ max: 3 * RECENT_CURSORS }),
      cycle: fc.integer({ min: 1, max: 3 * RECENT_CURSORS }),
    });
    await fc.assert(
      fc.asyncProperty(shape, async ({ prefix, cycle }) => {
        const total = prefix + cycle;
        // Page n says p<n+1> in the prefix, then c<k> round the cycle forever.
        const nextOf = (n: number) => (n + 1 < prefix ? `p${n + 1}` : `c${(n + 1 - prefix) % cycle}`);
        const next = Array.from({ length: 4 * total + 10 }, (_, n) => nextOf(n));
        const { pages, error } = await walk(next, 4 * total + 5);
        expect(error).to.be.instanceOf(ParseError);
        // The exact window catches a short cycle on its first repeat; Brent's checkpoint a long one.
        expect(pages).to.be.at.most(cycle <= RECENT_CURSORS ? total + 1 : 3 * total + 2);
      }),
      settings(150),
    );
  });
});
