/**
 * (f) Notification.parse of a 1-event and a 50-event v2 delivery against JSON.parse of the same bytes, in one
 * process: warm-up, then interleaved batches of each, the median batch reported (in µs per call). Every
 * parse is checked (event count and ids), so the library is never timed doing less than it should.
 */
import { pathToFileURL } from 'node:url';
import type { ParseFigures } from '../report.js';
import { deliveryBody } from '../fixtures.js';
import { APP_ID, KEY_ID, SECRET, hexId } from '../shared.js';

interface Library {
  configure(options: object): unknown;
  Notification: {
    parse(
      body: Buffer,
      options: { headers: Record<string, string>; secret: string },
    ): { events: { id: string }[] };
  };
}

const BATCHES = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

function timeBatch(fn: () => void, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e3 / iterations;
}

function measure(lib: Library, events: number, iterations: number): ParseFigures {
  const body = Buffer.from(deliveryBody(events));
  const headers = { 'content-type': 'application/json', 'x-api-key': SECRET };
  const parse = (): void => {
    const notification = lib.Notification.parse(body, { headers, secret: SECRET });
    if (notification.events.length !== events) throw new Error(`parsed ${notification.events.length} events`);
    if (notification.events[events - 1]!.id !== hexId(1_000_000 + events - 1))
      throw new Error('wrong event id');
  };
  let sink = 0;
  const json = (): void => {
    sink += (JSON.parse(body.toString('utf8')) as { events: unknown[] }).events.length;
  };
  for (let i = 0; i < iterations / 4; i++) {
    parse();
    json();
  }
  const parseTimes: number[] = [];
  const jsonTimes: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    parseTimes.push(timeBatch(parse, iterations / BATCHES));
    jsonTimes.push(timeBatch(json, iterations / BATCHES));
  }
  if (sink === 0) throw new Error('JSON.parse produced nothing');
  return { events, bytes: body.length, parseUs: median(parseTimes), jsonUs: median(jsonTimes) };
}

const result = {
  scenario: 'f',
  proto: 'http',
  ok: false,
  extra: {} as Record<string, ParseFigures>,
  error: '',
};
try {
  const entry = process.env.BENCH_LIB_ENTRY;
  if (!entry) throw new Error('BENCH_LIB_ENTRY (the library entry point) is required');
  const lib = (await import(pathToFileURL(entry).href)) as Library;
  if (typeof lib.Notification?.parse !== 'function')
    throw new Error('Notification.parse is not exported yet');
  // As a receiver does at start-up (its handlers reply through this connection); no request is made here.
  // Without it, each parse looks the connection up and pays for a thrown and caught ConfigurationError.
  lib.configure({ keyId: KEY_ID, secret: SECRET, appId: APP_ID, baseUrl: 'http://127.0.0.1:9' });
  result.extra = { '1': measure(lib, 1, 14_000), '50': measure(lib, 50, 1_400) };
  result.ok = true;
} catch (error) {
  result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
