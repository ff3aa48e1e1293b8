/**
 * The measuring side of one runner process: one client, one scenario, one protocol, then exit. It warms up,
 * times the scenario, checks every answer (ids echoed, counts and checksums exact) and prints one
 * `RESULT {...}` line. Each client file under clients/ only says how to make its calls (an Adapter).
 *
 * Run by run.ts as: node --expose-gc <runner>.mjs with BENCH_* variables (see readTarget()).
 */
import http from 'node:http';
import {
  CLIENT_COUNT,
  CONCURRENCY,
  CONCURRENT_FINDS,
  CONVERSATION_ID,
  MESSAGE_COUNT,
  type Proto,
  type Scenario,
  SEQUENTIAL_FINDS,
  USER_ID,
  expectedChecksum,
  indexOf,
  userIdFor,
} from './shared.js';

/** Where the canned server is, and which variant of the client to build. */
export interface Target {
  proto: Proto;
  baseUrl: string;
  controlUrl: string;
  /** `default` (as installed) or `keepalive` (given a keep-alive agent). */
  variant: string;
}

/** Receives every listed item's id; throws `STOP` to end a warm-up walk early. */
export type OnItem = (id: string) => void;

/** How one client makes the calls of the scenarios. */
export interface Adapter {
  setup(target: Target): Promise<void> | void;
  /** Finds a user and resolves with the id the server echoed back. */
  findUser(id: string): Promise<string>;
  /** Lists every client of a user in pages of CLIENT_PAGE, calling onItem for each. */
  listClients?(userId: string, onItem: OnItem): Promise<void>;
  /** Walks every message of a conversation, newest page first, calling onItem for each. */
  walkMessages?(conversationId: string, onItem: OnItem): Promise<void>;
  /** Why a scenario does not apply to this client (the cell is then marked n/a). */
  notApplicable?: Partial<Record<Scenario, string>>;
  /** Notes for the results (a quirk the run showed), and counters such as JWT signatures. */
  extra?(): Record<string, unknown>;
}

/** What one process reports. */
export interface RunResult {
  scenario: Scenario;
  proto: Proto;
  ok: boolean;
  error?: string;
  notApplicable?: string;
  requests: number;
  items: number;
  wallMs: number;
  cpuMs: number;
  tcpWarmup: number;
  tlsWarmup: number;
  tcpTimed: number;
  tlsTimed: number;
  tlsResumedTimed: number;
  distinctAuthorization: number;
  peakRssMB: number;
  heapGrowthMB: number;
  extra: Record<string, unknown>;
}

export const STOP = Symbol('stop');

interface ServerCounters {
  httpConnections: number;
  httpsConnections: number;
  tlsHandshakes: number;
  tlsResumed: number;
  requests: number;
  distinctAuthorization: number;
}

function counters(target: Target, method = 'GET', route = '/stats'): Promise<ServerCounters> {
  // The control port is plain HTTP and not counted, so reading the counters changes none of them; node:http
  // without an agent keeps this out of every pool the clients use (and loads nothing new, unlike fetch).
  return new Promise((resolve, reject) => {
    const request = http.request(`${target.controlUrl}${route}`, { method, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ServerCounters));
    });
    request.on('error', reject);
    request.end();
  });
}

function readTarget(): { target: Target; scenario: Scenario } {
  const { BENCH_PROTO, BENCH_BASE_URL, BENCH_CONTROL_URL, BENCH_SCENARIO, BENCH_VARIANT } = process.env;
  if (!BENCH_BASE_URL || !BENCH_CONTROL_URL || !BENCH_SCENARIO) {
    throw new Error('BENCH_BASE_URL, BENCH_CONTROL_URL and BENCH_SCENARIO are required (run.ts sets them)');
  }
  return {
    target: {
      proto: BENCH_PROTO === 'http' ? 'http' : 'https',
      baseUrl: BENCH_BASE_URL,
      controlUrl: BENCH_CONTROL_URL,
      variant: BENCH_VARIANT ?? 'default',
    },
    scenario: BENCH_SCENARIO as Scenario,
  };
}

const gc = (): void => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  collect();
};

/** Heap measured after a full GC, with the cost of measuring it kept out of the timed figures. */
class Meter {
  excludedWallNs = 0n;
  excludedCpuUs = 0;
  peakHeap = 0;

  probe(): number {
    const wall = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    gc();
    const heap = process.memoryUsage().heapUsed;
    this.peakHeap = Math.max(this.peakHeap, heap);
    const spent = process.cpuUsage(cpu);
    this.excludedCpuUs += spent.user + spent.system;
    this.excludedWallNs += process.hrtime.bigint() - wall;
    return heap;
  }
}

async function finds(adapter: Adapter, from: number, count: number, concurrency: number): Promise<void> {
  let next = from;
  const end = from + count;
  const worker = async (): Promise<void> => {
    while (next < end) {
      const id = userIdFor(next++);
      const echoed = await adapter.findUser(id);
      if (echoed !== id) throw new Error(`find(${id}) answered id ${echoed}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Walks a list, checking the ids add up; `stopAfter` ends a warm-up early; `probeEvery` samples the heap. */
async function walk(
  list: (onItem: OnItem) => Promise<void>,
  total: number,
  meter: Meter | undefined,
  stopAfter = Infinity,
): Promise<number> {
  let count = 0;
  let checksum = 0;
  const probeEvery = Math.floor(total / 4);
  try {
    await list((id) => {
      const index = indexOf(id);
      if (!(index >= 0 && index < total)) throw new Error(`unexpected item id ${id}`);
      checksum += index;
      count++;
      if (meter && count % probeEvery === 0 && count < total) meter.probe();
      if (count >= stopAfter) throw STOP;
    });
  } catch (error) {
    if (error !== STOP) throw error;
    return count;
  }
  if (count !== total) throw new Error(`walked ${count} items, expected ${total}`);
  if (checksum !== expectedChecksum(total)) throw new Error(`item checksum ${checksum} is wrong`);
  return count;
}

/**
 * How long each client warms up, in calls (a, b) or listed items (c, d): before the heap baseline is taken,
 * and again after it. Why this long and why twice: until V8 has optimised the hot paths a request costs 2-3x
 * its steady-state CPU, for every client (raw got: ~0.85 ms per sequential request over its first 500 calls,
 * ~0.3 ms after 3,000), and the forced full GC that measures the heap baseline costs about 30 % more CPU per
 * request for the next ~4,000 calls. Timing right after either measures V8, not the client. Evidence:
 * bench/ANALYSIS.md, round 3, "The benchmark timed V8's warm-up".
 */
const WARMUP: Record<Scenario, { before: number; after: number }> = {
  a: { before: 5_000, after: 4_000 },
  b: { before: 10_000, after: 6_000 },
  c: { before: CLIENT_COUNT, after: CLIENT_COUNT },
  d: { before: 20_000, after: 20_000 },
};

const plans: Record<
  Scenario,
  { warmup: (a: Adapter, count: number) => Promise<unknown>; run: (a: Adapter, m: Meter) => Promise<number> }
> = {
  a: {
    warmup: (a, count) => finds(a, 1_000_000, count, 1),
    run: async (a) => (await finds(a, 0, SEQUENTIAL_FINDS, 1), SEQUENTIAL_FINDS),
  },
  b: {
    warmup: (a, count) => finds(a, 1_000_000, count, CONCURRENCY),
    run: async (a) => (await finds(a, 0, CONCURRENT_FINDS, CONCURRENCY), CONCURRENT_FINDS),
  },
  c: {
    warmup: (a, count) => walk((on) => a.listClients!(USER_ID, on), CLIENT_COUNT, undefined, count),
    run: (a, m) => walk((on) => a.listClients!(USER_ID, on), CLIENT_COUNT, m),
  },
  d: {
    warmup: (a, count) => walk((on) => a.walkMessages!(CONVERSATION_ID, on), MESSAGE_COUNT, undefined, count),
    run: (a, m) => walk((on) => a.walkMessages!(CONVERSATION_ID, on), MESSAGE_COUNT, m),
  },
};

/** Runs one scenario with `adapter` and prints the RESULT line; the process exits afterwards. */
export async function runWorker(adapter: Adapter): Promise<void> {
  const { target, scenario } = readTarget();
  const result: RunResult = {
    scenario,
    proto: target.proto,
    ok: false,
    requests: 0,
    items: 0,
    wallMs: 0,
    cpuMs: 0,
    tcpWarmup: 0,
    tlsWarmup: 0,
    tcpTimed: 0,
    tlsTimed: 0,
    tlsResumedTimed: 0,
    distinctAuthorization: 0,
    peakRssMB: 0,
    heapGrowthMB: 0,
    extra: {},
  };
  try {
    const reason = adapter.notApplicable?.[scenario];
    if (reason) {
      result.notApplicable = reason;
      result.ok = true;
    } else {
      await counters(target, 'POST', '/reset');
      const start = await counters(target);
      await adapter.setup(target);
      const plan = plans[scenario];
      await plan.warmup(adapter, WARMUP[scenario].before);
      const meter = new Meter();
      const baseHeap = meter.probe();
      await plan.warmup(adapter, WARMUP[scenario].after);
      const warm = await counters(target);
      meter.excludedCpuUs = 0;
      meter.excludedWallNs = 0n;
      const cpu = process.cpuUsage();
      const wall = process.hrtime.bigint();
      result.items = await plan.run(adapter, meter);
      const wallNs = process.hrtime.bigint() - wall - meter.excludedWallNs;
      const spent = process.cpuUsage(cpu);
      const end = await counters(target);
      const finalHeap = meter.probe();
      result.wallMs = Number(wallNs) / 1e6;
      result.cpuMs = (spent.user + spent.system - meter.excludedCpuUs) / 1000;
      result.requests = end.requests - warm.requests;
      const connections = (c: ServerCounters): number => c.httpConnections + c.httpsConnections;
      result.tcpWarmup = connections(warm) - connections(start);
      result.tlsWarmup = warm.tlsHandshakes - start.tlsHandshakes;
      result.tcpTimed = connections(end) - connections(warm);
      result.tlsTimed = end.tlsHandshakes - warm.tlsHandshakes;
      result.tlsResumedTimed = end.tlsResumed - warm.tlsResumed;
      result.distinctAuthorization = end.distinctAuthorization;
      result.heapGrowthMB = (Math.max(finalHeap, meter.peakHeap) - baseHeap) / 2 ** 20;
      result.ok = true;
    }
    result.extra = adapter.extra?.() ?? {};
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  result.peakRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  process.exit(result.ok ? 0 : 1);
}
