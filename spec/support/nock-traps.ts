// The global check that every nock interceptor a test sets up is used (spec/setup.ts), and the one way out
// of it: a trap, an interceptor a test sets up to prove a request is NOT made (and asserts so itself).
import nock from 'nock';

const traps = new Set<nock.Scope>();

/**
 * Marks `scope`'s interceptors as a trap: requests that must not happen. The test asserts on the trap itself
 * (`expect(scope.isDone()).to.equal(false)`); the global unused-interceptor check leaves them alone.
 * @example const scope = trap(nock(BASE).get(/.*\/).reply(200, {}));
 */
export function trap<S extends nock.Scope>(scope: S): S {
  traps.add(scope);
  return scope;
}

/** The interceptors still pending that no trap accounts for, then forgets the traps (after each test). */
export function unusedInterceptors(): string[] {
  const allowed = new Map<string, number>();
  for (const scope of traps)
    for (const key of scope.pendingMocks()) allowed.set(key, (allowed.get(key) ?? 0) + 1);
  traps.clear();
  return nock.pendingMocks().filter((key) => {
    const left = allowed.get(key) ?? 0;
    if (left === 0) return true;
    allowed.set(key, left - 1);
    return false;
  });
}
