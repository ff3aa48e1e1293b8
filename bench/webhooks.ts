// Webhook handler benchmark (issue 14): deliveries per second and answer latency (p50 / p99) at 32 concurrent
// senders, for the in-memory store (the baseline), the Redis store and queue mode, in one run against one
// real redis-server. Each mode's server runs in its own process; rounds alternate the modes so drift in the
// machine's load hits all three alike. Writes its section of bench/RESULTS.md.
// Usage: node --import tsx bench/webhooks.ts [rounds=5] [deliveries=5000]
import { spawn } from 'node:child_process';
import { writeSection } from './results-file.js';
import { Agent, request } from 'node:http';
import os from 'node:os';
import { webhookDelivery, webhookEvent } from '../lib/testing/index.js';
import { startRedisServer } from '../spec/support/redis-server.js';

const SECRET = 'bench-webhook-secret-not-real';
const SENDERS = 32;
const MODES = ['memory', 'redis', 'queue'] as const;
type Mode = (typeof MODES)[number];
const [rounds = 5, deliveries = 5000] = process.argv.slice(2).map(Number);

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
}

/** Sends `count` deliveries (fresh event ids) from SENDERS concurrent keep-alive senders. */
async function load(port: number, count: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: SENDERS });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next++ < count) {
        const { body, headers } = webhookDelivery(webhookEvent('conversation:message'), { secret: SECRET });
        const t0 = performance.now();
        const status = await post(port, agent, body, headers);
        latencies.push(performance.now() - t0);
        if (status !== 200) throw new Error(`answered ${status}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number): number =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { perSecond: count / seconds, p50: at(0.5), p99: at(0.99) };
}

function post(port: number, agent: Agent, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/hooks',
        agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(mode: Mode, redisUrl: string): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./webhook-server.ts', import.meta.url).pathname, mode, redisUrl, SECRET],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const match = /listening (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
    });
    await load(port, Math.min(2000, deliveries)); // warm-up: until V8 has optimised the handler
    return await load(port, deliveries);
  } finally {
    child.kill('SIGTERM');
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const redis = await startRedisServer();
const runs: Record<Mode, Run[]> = { memory: [], redis: [], queue: [] };
const startedAt = new Date();
const loadBefore = os.loadavg()[0]!;
try {
  for (let round = 0; round < rounds; round++) {
    for (const mode of MODES) {
      runs[mode].push(await measure(mode, redis.url));
      const last = runs[mode].at(-1)!;
      console.log(
        `round ${round + 1} ${mode}: ${last.perSecond.toFixed(0)}/s p50 ${last.p50.toFixed(2)} ms p99 ${last.p99.toFixed(2)} ms`,
      );
    }
  }
} finally {
  await redis.stop();
}

const loadAfter = os.loadavg()[0]!;
const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const row = (mode: Mode, label: string): string => {
  const r = runs[mode];
  const base = runs.memory;
  const ratio = median(r.map((run, i) => run.perSecond / base[i]!.perSecond));
  const extra = median(r.map((run, i) => 1000 / run.perSecond - 1000 / base[i]!.perSecond));
  return `| ${label} | ${fmt(median(r.map((x) => x.perSecond)), 0)} | ${fmt(ratio)}x | ${fmt(median(r.map((x) => x.p50)))} | ${fmt(median(r.map((x) => x.p99)))} | ${mode === 'memory' ? '(baseline)' : `${fmt(median(r.map((run, i) => run.p50 - base[i]!.p50)))} ms p50, ${fmt(extra, 3)} ms of throughput`} |`;
};
const p99Queue = median(runs.queue.map((x) => x.p99));
const redisExtra = median(runs.redis.map((run, i) => run.p50 - runs.memory[i]!.p50));
const section = `## (g) Webhook handler at ${SENDERS} concurrent senders: memory store, Redis store, queue mode (issue 14)

Written by \`node --import tsx bench/webhooks.ts ${rounds} ${deliveries}\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${rounds} rounds, each mode's server in its own process (rounds alternate the modes), ${deliveries.toLocaleString('en')} deliveries per run after a warm-up of ${Math.min(2000, deliveries).toLocaleString('en')}, one \`conversation:message\` event each with a fresh id and a no-op \`on\` handler, from ${SENDERS} keep-alive senders on 127.0.0.1; one real redis-server (persistence off) on loopback. Queue mode measures the web process (verify, parse, enqueue, answer); no worker runs during the timed section. Machine: ${os.cpus()[0]?.model ?? 'unknown'} x ${os.cpus().length}, Node ${process.version}; senders, server and Redis share its cores; 1-minute load average ${fmt(loadBefore)} before and ${fmt(loadAfter)} after the run (other work on the machine included). At ${SENDERS} deliveries in flight, latency is mostly waiting: p50 ≈ ${SENDERS} / (deliveries/s). Figures: medians over rounds; ratios and differences are per round against the memory store.

| mode | deliveries/s | vs memory | p50 ms | p99 ms | cost over memory |
|---|---|---|---|---|---|
${row('memory', 'memory store (default)')}
${row('redis', 'Redis store')}
${row('queue', 'queue mode (BullMQ)')}

Targets: queue mode p99 under 20 ms: **${p99Queue < 20 ? 'met' : 'not met'}** (${fmt(p99Queue)} ms); Redis store under 1 ms per delivery over the memory store: **${redisExtra < 1 ? 'met' : 'not met'}** (${fmt(redisExtra)} ms at p50).
`;
writeSection('webhooks-bench', section);
console.log(section);
