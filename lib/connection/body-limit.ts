/**
 * The cap on what one response body may hold. got has no such option, so the call's `downloadProgress` events
 * (bytes after decompression, and the declared Content-Length before any byte) cancel it once past the cap:
 * got then stops reading, and the call rejects with a `ResponseTooLargeError` instead of buffering it all.
 */
import type { CallState } from './call-state.js';

/**
 * Default `maxResponseSize`: 10 MB, far above the API's largest answers (a page of 100 messages is well under 1 MB).
 * @example new Connection({ ...options, maxResponseSize: 2 * DEFAULT_MAX_RESPONSE_SIZE })
 */
export const DEFAULT_MAX_RESPONSE_SIZE = 10 * 1024 * 1024;

/** What `capBody` needs of got's promise: its progress events and its cancel. */
export interface CancelableCall {
  on(
    event: 'downloadProgress',
    listener: (progress: { transferred: number; total?: number }) => void,
  ): unknown;
  cancel(): void;
}

/**
 * Cancels `call` once its body (declared or received) goes past `limit` bytes, noting it in `state.oversized`
 * so the rejection is told apart from a caller's cancel. `Infinity` puts no cap.
 * @example capBody(client(url, options), DEFAULT_MAX_RESPONSE_SIZE, state);
 */
export function capBody(call: CancelableCall, limit: number, state: CallState): void {
  if (limit === Infinity) return;
  call.on('downloadProgress', ({ transferred, total }) => {
    if (state.oversized === undefined && (transferred > limit || (total ?? 0) > limit)) {
      state.oversized = limit;
      call.cancel();
    }
  });
}
