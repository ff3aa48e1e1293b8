// The in-memory EventStore: the shared contract, and its size bound.
import { expect } from 'chai';
import { MemoryEventStore } from '../../lib/webhooks/memory-store.js';
import { eventStoreContract } from './event-store-contract.js';

describe('MemoryEventStore', () => {
  eventStoreContract((retention) => new MemoryEventStore({ ttl: retention }));

  it('keeps at most `size` keys, dropping the oldest', async () => {
    const store = new MemoryEventStore({ size: 2 });
    for (const k of ['a', 'b', 'c']) {
      await store.claim([k], 'o', 10_000);
      await store.markDone(k);
    }
    expect(store.size).to.equal(2);
    expect(await store.claim(['a', 'c'], 'o', 10_000)).to.deep.equal(['claimed', 'done']);
  });

  it('refuses bad bounds with a RangeError', () => {
    expect(() => new MemoryEventStore({ size: 0 })).to.throw(RangeError, /size/);
    expect(() => new MemoryEventStore({ ttl: -1 })).to.throw(RangeError, /ttl/);
  });
});
