// The one way specs take the error a call rejects with: it fails the test when the call resolves instead.

/**
 * The error `call` rejects with (a promise, or a function returning one); fails when it resolves. A function
 * that throws synchronously counts as rejecting: use a promise to insist on a rejection proper.
 * @example const error = await rejectionOf(AppUser.find(''));
 * @example const { status } = await rejectionOf<ApiError>(connection.request(options));
 */
export async function rejectionOf<E extends Error = Error>(
  call: Promise<unknown> | (() => Promise<unknown>),
): Promise<E> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to reject, it resolved');
}
