/**
 * The rate-limit benchmark (issue 19, item 4; not a test): a local server enforcing a token bucket (RATE
 * requests/s, burst RATE/10, 429 with `Retry-After: 1`, then without it), CALLS `conversation.reply` calls
 * fired at once, side by side in one run: today's behaviour (per-call retries), a fixed p-limit concurrency,
 * the throttle; then the same split over two processes (the throttle sharing Redis). Prints a Markdown table
 * and writes one SVG chart per scenario (requests per second over time against the limit).
 *   node --import tsx bench/rate-limit.ts            (RATE=500 CALLS=5000 by default)
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../spec/support/redis-server.js';
import { startBucketServer } from '../spec/support/token-bucket.js';
import { type Series, svgChart } from './rate-limit-chart.js';

const RATE = Number(process.env.RATE ?? 500);
const CALLS = Number(process.env.CALLS ?? 5000);
const ALL_STRATEGIES = ['today', 'p-limit', 'throttle'] as const;
// STRATEGIES=throttle (comma-separated) runs a subset, e.g. while tuning; a partial run writes no files.
const STRATEGIES = process.env.STRATEGIES
  ? ALL_STRATEGIES.filter((s) => process.env.STRATEGIES!.split(',').includes(s))
  : ALL_STRATEGIES;
const CLIENT = fileURLToPath(new URL('./rate-limit-client.ts', import.meta.url));

interface ClientResult {
  wallMs: number;
  failed: number;
  peakRssMb: number;
}

function runClient(args: string[]): Promise<ClientResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`client exited ${code}`)),
    ),
  );
}

/** Requests per second in 250 ms bins. */
function perSecond(log: Array<{ at: number }>): Array<[number, number]> {
  const bins: number[] = [];
  for (const { at } of log) bins[Math.floor(at / 250)] = (bins[Math.floor(at / 250)] ?? 0) + 1;
  return Array.from(bins, (n, i) => [(i * 250) / 1000, (n ?? 0) * 4]);
}

const redis = await startRedisServer();
const rows: string[] = [];
const load = loadavg()
  .map((n) => n.toFixed(1))
  .join(' / ');
console.log(`load average before: ${load}; ${RATE} requests/s, burst ${RATE / 10}, ${CALLS} calls`);
try {
  for (const retryAfter of ['1', undefined]) {
    for (const processes of [1, 2]) {
      const series: Series[] = [];
      for (const strategy of STRATEGIES) {
        const bucket = await startBucketServer({ rate: RATE, burst: RATE / 10, retryAfter });
        const name = strategy === 'throttle' && processes === 2 ? 'throttle-redis' : strategy;
        const each = CALLS / processes;
        const started = performance.now();
        const results = await Promise.all(
          Array.from({ length: processes }, (_, p) =>
            runClient([name, bucket.url, String(each), `p${p}`, redis.url]),
          ),
        );
        const wallMs = Math.max(...results.map((r) => r.wallMs));
        void started;
        const ideal = (CALLS / RATE) * 1000;
        const failed = results.reduce((sum, r) => sum + r.failed, 0);
        const share = (100 * bucket.refused) / bucket.requests;
        const peak = Math.max(...results.map((r) => r.peakRssMb));
        rows.push(
          `| ${retryAfter ? 'Retry-After: 1' : 'no Retry-After'} | ${processes} | ${name} | ${(wallMs / ideal).toFixed(2)}x | ${failed} | ${share.toFixed(1)}% (${bucket.refused} of ${bucket.requests}) | ${bucket.duplicates()} | ${peak.toFixed(0)} MB |`,
        );
        console.log(rows.at(-1));
        series.push({ name, points: perSecond(bucket.log) });
        await bucket.close();
      }
      const file = `rate-limit-${retryAfter ? 'retry-after' : 'no-retry-after'}-${processes}p.svg`;
      const title = `${processes} process${processes > 1 ? 'es' : ''}, ${retryAfter ? 'Retry-After: 1' : 'no Retry-After'}`;
      // A subset run (STRATEGIES) would draw charts with lines missing: it prints its rows only.
      if (STRATEGIES.length === ALL_STRATEGIES.length)
        writeFileSync(new URL(`./${file}`, import.meta.url), svgChart(title, series, RATE));
    }
  }
} finally {
  await redis.stop();
}
console.log(
  '\n| 429 answers | processes | strategy | wall / ideal | failed | 429s of requests | duplicates | peak RSS |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(
  `load average after: ${loadavg()
    .map((n) => n.toFixed(1))
    .join(' / ')}`,
);
