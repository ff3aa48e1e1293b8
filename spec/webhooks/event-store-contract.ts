// The EventStore contract, run against every store (in memory here, Redis in spec/redis): claims are
// exclusive, done keys stay done, a release frees only the releaser's own claims, leases end.
import { expect } from 'chai';
import type { EventStore } from '../../lib/webhooks/event-store.js';

/** Registers the contract's tests; `make` builds a fresh store whose done keys live `retention` ms. */
export function eventStoreContract(make: (retention?: number) => EventStore | Promise<EventStore>): void {
  let n = 0;
  const key = (name: string): string => `${process.pid}-${Date.now()}-${++n}:${name}`;

  it('gives a free key to exactly one of many concurrent claims', async () => {
    const store = await make();
    const k = key('on');
    const states = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.claim([k], `owner-${i}`, 10_000)),
    );
    expect(states.flat().filter((s) => s === 'claimed')).to.have.length(1);
    expect(states.flat().filter((s) => s === 'busy')).to.have.length(19);
  });

  it('answers done for a key marked done, and keeps it done against later claims', async () => {
    const store = await make();
    const [a, b] = [key('on'), key('onEvent')];
    expect(await store.claim([a, b], 'first', 10_000)).to.deep.equal(['claimed', 'claimed']);
    await store.markDone(a, 'first');
    await store.release([b], 'first');
    expect(await store.claim([a, b], 'second', 10_000)).to.deep.equal(['done', 'claimed']);
    await store.release([a], 'second'); // not its claim: a stays done
    expect(await store.claim([a], 'third', 10_000)).to.deep.equal(['done']);
  });

  it("releases only the releaser's own claims", async () => {
    const store = await make();
    const k = key('on');
    expect(await store.claim([k], 'holder', 10_000)).to.deep.equal(['claimed']);
    await store.release([k], 'someone-else');
    expect(await store.claim([k], 'someone-else', 10_000)).to.deep.equal(['busy']);
    await store.release([k], 'holder');
    expect(await store.claim([k], 'next', 10_000)).to.deep.equal(['claimed']);
  });

  it('frees a claim when its lease ends, and forgets a done key after the retention', async () => {
    const store = await make(150);
    const [claimed, done] = [key('on'), key('onEvent')];
    await store.claim([claimed, done], 'dies', 100);
    await store.markDone(done, 'dies');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await store.claim([claimed, done], 'later', 10_000)).to.deep.equal(['claimed', 'claimed']);
  });
}
