import { expect } from 'chai';
import sinon from 'sinon';
import { Collection, type Page, RECENT_CURSORS, singlePage, validatePageSize } from '../lib/collection.js';
import { AbortError, ParseError } from '../lib/errors.js';

/** A loader over three pages of two items: [1,2] -> 'c1' -> [3,4] -> 'c2' -> [5,6]. */
function threePages() {
  const pages: Record<string, Page<number>> = {
    start: { items: [1, 2], next: 'c1' },
    c1: { items: [3, 4], next: 'c2' },
    c2: { items: [5, 6], next: undefined },
  };
  return sinon.spy(async (cursor: string | undefined, _signal?: AbortSignal) => pages[cursor ?? 'start']!);
}

describe('Collection', () => {
  it('loads nothing until iterated', async () => {
    const load = threePages();
    const list = new Collection(load);
    expect(load.callCount).to.equal(0);
    await list.first(1);
    expect(load.callCount).to.equal(1);
  });

  it('walks every item across pages with for await, following the cursors', async () => {
    const load = threePages();
    const seen: number[] = [];
    for await (const item of new Collection(load)) seen.push(item);
    expect(seen).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(load.args.map(([cursor]) => cursor)).to.deep.equal([undefined, 'c1', 'c2']);
  });

  it('stops fetching when a loop is left early', async () => {
    const load = threePages();
    for await (const item of new Collection(load)) if (item === 2) break;
    expect(load.callCount).to.equal(1);
  });

  it('walks pages with .pages()', async () => {
    const load = threePages();
    const pages: number[][] = [];
    for await (const page of new Collection(load).pages()) pages.push(page);
    expect(pages).to.deep.equal([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const partial = threePages();
    for await (const page of new Collection(partial).pages()) if (page[0] === 3) break;
    expect(partial.callCount).to.equal(2);
  });

  it('.first(n) fetches only the pages it needs', async () => {
    const cases: [number, number[], number][] = [
      [0, [], 0],
      [2, [1, 2], 1],
      [3, [1, 2, 3], 2],
      [10, [1, 2, 3, 4, 5, 6], 3],
    ];
    for (const [n, items, calls] of cases) {
      const load = threePages();
      expect(await new Collection(load).first(n)).to.deep.equal(items);
      expect(load.callCount, `first(${n})`).to.equal(calls);
    }
  });

  it('.toArray({ limit }) collects up to the bound, which is required', async () => {
    const load = threePages();
    expect(await new Collection(load).toArray({ limit: 5 })).to.deep.equal([1, 2, 3, 4, 5]);
    expect(await new Collection(threePages()).toArray({ limit: 100 })).to.have.length(6);
    const list = new Collection(threePages());
    for (const bad of [undefined, { limit: -1 }, { limit: 1.5 }, {}]) {
      let error: unknown;
      await list.toArray(bad as never).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
    }
  });

  it('.first() refuses a negative or fractional count', async () => {
    for (const n of [-1, 1.5, Number.NaN]) {
      let error: unknown;
      await new Collection(threePages()).first(n).catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(RangeError);
    }
  });

  it('.map() stays lazy and maps every item', async () => {
    const load = threePages();
    const doubled = new Collection(load).map((n) => n * 2);
    expect(load.callCount).to.equal(0);
    expect(await doubled.toArray({ limit: 10 })).to.deep.equal([2, 4, 6, 8, 10, 12]);
  });

  it('starts again from the first page each time it is iterated', async () => {
    const load = threePages();
    const list = new Collection(load);
    await list.first(1);
    expect(await list.first(1)).to.deep.equal([1]);
    expect(load.args.map(([cursor]) => cursor)).to.deep.equal([undefined, undefined]);
  });

  it('stops with an AbortError once its signal is aborted', async () => {
    const controller = new AbortController();
    const load = threePages();
    const seen: number[] = [];
    let error: unknown;
    try {
      for await (const item of new Collection(load, controller.signal)) {
        seen.push(item);
        if (item === 3) controller.abort();
      }
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(AbortError);
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(load.callCount).to.equal(2);
    expect(load.args[0]![1]).to.equal(controller.signal);
  });

  it('throws a ParseError when the API repeats a cursor instead of looping forever', async () => {
    const load = sinon.spy(async (cursor: string | undefined) =>
      cursor ? { items: [3], next: 'c1' } : { items: [1, 2], next: 'c1' },
    );
    const seen: number[] = [];
    let error: unknown;
    try {
      // Bounded, so that without the check the test fails instead of hanging.
      for await (const item of new Collection(load)) if (seen.push(item) >= 10) break;
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(ParseError);
    expect((error as Error).message).to.include('the API returned the same cursor twice');
    expect(seen).to.deep.equal([1, 2, 3]);
    expect(load.callCount).to.equal(2);
  });

  // A cycle A -> B -> ... -> A of any length: the short ones by the exact window, the longer by the checkpoint.
  for (const length of [2, 3, 17, RECENT_CURSORS, RECENT_CURSORS + 1, 5 * RECENT_CURSORS + 3]) {
    it(`ends a cursor cycle of ${length} with a ParseError, within three laps`, async () => {
      const load = sinon.spy(async (cursor: string | undefined) => {
        const n = cursor === undefined ? 0 : Number(cursor.slice(1));
        return { items: [n], next: `c${(n + 1) % length}` };
      });
      let error: unknown;
      try {
        for await (const _page of new Collection(load).pages()) if (load.callCount > 10 * length + 10) break;
      } catch (caught) {
        error = caught;
      }
      expect(error).to.be.instanceOf(ParseError);
      expect(load.callCount).to.be.within(length, 3 * length + 2);
    });
  }

  it('singlePage() is one page, loaded once', async () => {
    const load = sinon.spy(async () => ['a', 'b']);
    const list = singlePage(load);
    expect(load.callCount).to.equal(0);
    expect(await list.toArray({ limit: 10 })).to.deep.equal(['a', 'b']);
    expect(load.callCount).to.equal(1);
  });
});

describe('validatePageSize', () => {
  it('accepts 1 to 100 and no size', () => {
    for (const size of [undefined, 1, 25, 100]) expect(() => validatePageSize(size)).not.to.throw();
  });

  it('throws a RangeError for 0, 101, 1.5 and NaN', () => {
    for (const size of [0, 101, 1.5, Number.NaN, -1]) {
      expect(() => validatePageSize(size), String(size)).to.throw(RangeError, /1 to 100/);
    }
  });
});
