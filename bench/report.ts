/**
 * Turns the samples of a run into bench/RESULTS.md: one table per scenario and protocol (medians, min-max
 * over rounds, ratios against raw got and node:http of the same round), the cold import and size table,
 * the Notification.parse table, and the targets of issue 7 stated as met or not met.
 */
import type { ClientSpec } from './clients.js';
import type { RunResult } from './driver.js';
import type { ImportSample, SizeRow } from './imports.js';
import { type Proto, type Scenario, SCENARIOS } from './shared.js';

export interface Sample {
  client: string;
  round: number;
  result: RunResult;
}

export interface Machine {
  cpu: string;
  memory: string;
  os: string;
  node: string;
  openssl: string;
  /** The key of the run's certificate. */
  certificate: string;
  versions: Record<string, string>;
  cores: number;
  /** Share of the machine's CPU (0-1) used by other processes: the whole run, then each round. */
  others: (number | undefined)[];
}

export interface Report {
  samples: Sample[];
  imports: ImportSample[];
  sizes: SizeRow[] | undefined;
  profiles: string | undefined;
  clients: ClientSpec[];
  rounds: number;
  machine: Machine;
  minutes: number;
  lib: 'dist' | 'src';
  /** When the run ended (ISO); re-rendering a saved run keeps it. */
  date?: string;
}

export interface ParseFigures {
  events: number;
  bytes: number;
  parseUs: number;
  jsonUs: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fixed = (value: number, digits: number): string =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
/** `median (min-max)` of a figure over rounds. */
function spread(values: number[], digits: number): string {
  if (values.length === 0) return '–';
  const med = fixed(median(values), digits);
  if (values.length === 1 || Math.min(...values) === Math.max(...values)) return med;
  return `${med} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;
}

const rate = (r: RunResult): number => (r.requests / r.wallMs) * 1000;
const itemRate = (r: RunResult): number => (r.items / r.wallMs) * 1000;
const cpuPerRequest = (r: RunResult): number => r.cpuMs / r.requests;
const cpuPerItemUs = (r: RunResult): number => (r.cpuMs * 1000) / r.items;

class Figures {
  constructor(private readonly samples: Sample[]) {}

  of(client: string, scenario: Scenario | 'f', proto?: Proto): Sample[] {
    return this.samples.filter(
      (s) =>
        s.client === client &&
        s.result.scenario === scenario &&
        (proto === undefined || s.result.proto === proto),
    );
  }

  /** Per-round difference of `figure` between two clients (the same round). */
  differences(
    client: string,
    base: string,
    scenario: Scenario,
    proto: Proto,
    figure: (r: RunResult) => number,
  ): number[] {
    return this.ratios(client, base, scenario, proto, figure, (a, b) => a - b);
  }

  /** Per-round ratio of `figure` between two clients (the same round, so the same machine state). */
  ratios(
    client: string,
    base: string,
    scenario: Scenario,
    proto: Proto,
    figure: (r: RunResult) => number,
    combine = (a: number, b: number): number => a / b,
  ): number[] {
    const mine = this.of(client, scenario, proto).filter((s) => s.result.ok && !s.result.notApplicable);
    const theirs = this.of(base, scenario, proto).filter((s) => s.result.ok && !s.result.notApplicable);
    return mine.flatMap((s) => {
      const other = theirs.find((t) => t.round === s.round);
      return other ? [combine(figure(s.result), figure(other.result))] : [];
    });
  }
}

function scenarioTable(figures: Figures, clients: ClientSpec[], scenario: Scenario, proto: Proto): string[] {
  const lists = scenario === 'c' || scenario === 'd';
  const head = [
    'client',
    'req/s',
    ...(lists ? ['items/s', 'requests'] : []),
    'req/s vs got',
    'vs node:http',
    'CPU ms/req',
    ...(lists ? ['CPU µs/item'] : []),
    'CPU vs got',
    'vs node:http',
    'new TCP / TLS after warm-up',
    'TCP / TLS in warm-up',
    'peak RSS MB',
    'heap growth MB',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const spec of clients) {
    const runs = figures.of(spec.id, scenario, proto);
    if (runs.length === 0) continue;
    const na = runs.find((s) => s.result.notApplicable)?.result.notApplicable;
    if (na) {
      lines.push(`| ${spec.label} | n/a: ${na} |${' |'.repeat(head.length - 2)}`);
      continue;
    }
    const failed = runs.filter((s) => !s.result.ok);
    const ok = runs.map((s) => s.result).filter((r) => r.ok);
    if (ok.length === 0) {
      lines.push(
        `| ${spec.label} | FAILED: ${failed[0]?.result.error ?? '?'} |${' |'.repeat(head.length - 2)}`,
      );
      continue;
    }
    const ratio = (base: string, fig: (r: RunResult) => number): string =>
      spec.id === base ? '1' : spread(figures.ratios(spec.id, base, scenario, proto, fig), 2);
    const sum = (r: RunResult, a: number, b: number): string => `${a} / ${proto === 'https' ? b : '–'}`;
    const cells = [
      `${spec.label}${failed.length ? ` (${failed.length} failed)` : ''}`,
      spread(ok.map(rate), 0),
      ...(lists
        ? [
            spread(ok.map(itemRate), 0),
            spread(
              ok.map((r) => r.requests),
              0,
            ),
          ]
        : []),
      ratio('got', rate),
      ratio('node-http', rate),
      spread(ok.map(cpuPerRequest), 3),
      ...(lists ? [spread(ok.map(cpuPerItemUs), 2)] : []),
      ratio('got', cpuPerRequest),
      ratio('node-http', cpuPerRequest),
      [...new Set(ok.map((r) => sum(r, r.tcpTimed, r.tlsTimed)))].join(', '),
      [...new Set(ok.map((r) => sum(r, r.tcpWarmup, r.tlsWarmup)))].join(', '),
      spread(
        ok.map((r) => r.peakRssMB),
        0,
      ),
      spread(
        ok.map((r) => r.heapGrowthMB),
        1,
      ),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines;
}

function importTable(report: Report): string[] {
  if (report.imports.length === 0 && !report.sizes) return [];
  const lines = [
    `## (e) ${SCENARIOS.e}`,
    '',
    'Import: `await import(name)` timed inside a fresh `node` process (module cache cold, OS file cache warm), ' +
      `${report.imports.length / Math.max(1, report.rounds) / 4} processes per package per round; process: spawn to exit. ` +
      'Installed size: the package (for smooch-record its published `files`) plus its production dependency tree, ' +
      'each package counted once.',
    '',
    '| package | import ms | process ms | packages installed | files | installed size |',
    '|---|---|---|---|---|---|',
  ];
  for (const name of ['smooch-record', 'sunshine-conversations-client', 'smooch-core', 'got']) {
    const samples = report.imports.filter((s) => s.name === name);
    const size = report.sizes?.find((s) => s.name === name);
    lines.push(
      `| ${name} | ${spread(
        samples.map((s) => s.importMs),
        1,
      )} | ${spread(
        samples.map((s) => s.processMs),
        0,
      )} | ${size?.packages ?? '–'} | ${size ? fixed(size.files, 0) : '–'} | ${
        size ? `${fixed(size.bytes / 2 ** 20, 1)} MiB` : '–'
      } |`,
    );
  }
  return [...lines, ''];
}

function parseFigures(figures: Figures): Record<string, ParseFigures[]> {
  const out: Record<string, ParseFigures[]> = {};
  for (const sample of figures.of('smooch-record', 'f')) {
    if (!sample.result.ok) continue;
    for (const [key, value] of Object.entries(sample.result.extra))
      (out[key] ??= []).push(value as ParseFigures);
  }
  return out;
}

function parseTable(figures: Figures): string[] {
  const byCase = parseFigures(figures);
  const failed = figures.of('smooch-record', 'f').filter((s) => !s.result.ok);
  if (Object.keys(byCase).length === 0 && failed.length === 0) return [];
  const lines = [
    `## (f) ${SCENARIOS.f}`,
    '',
    'A v2 delivery of `conversation:message` events with full user and source (as `includeFullUser` / ' +
      '`includeFullSource` send them), given as the raw body Buffer with its `X-API-Key` header. ' +
      'JSON.parse is given the same bytes (decoded to a string, as it needs).',
    '',
    '| delivery | bytes | Notification.parse µs | JSON.parse µs | ratio |',
    '|---|---|---|---|---|',
  ];
  for (const runs of Object.values(byCase)) {
    lines.push(
      `| ${runs[0]!.events} event${runs[0]!.events > 1 ? 's' : ''} | ${fixed(runs[0]!.bytes, 0)} | ${spread(
        runs.map((r) => r.parseUs),
        1,
      )} | ${spread(
        runs.map((r) => r.jsonUs),
        1,
      )} | ${spread(
        runs.map((r) => r.parseUs / r.jsonUs),
        2,
      )} |`,
    );
  }
  for (const f of failed) lines.push(`FAILED: ${f.result.error}`);
  return [...lines, ''];
}

type Verdict = { target: string; met: boolean | undefined; evidence: string; reason?: string };

function targets(report: Report, figures: Figures): Verdict[] {
  const verdicts: Verdict[] = [];
  const protos: Proto[] = ['https', 'http'];
  const present = (client: string, scenario: Scenario, proto: Proto): boolean =>
    figures.of(client, scenario, proto).some((s) => s.result.ok);

  // 1. CPU per request of AppUser.find at most 1.15x raw got's.
  const cpuCells: string[] = [];
  const extraCells: string[] = [];
  let cpuMet: boolean | undefined;
  for (const proto of protos)
    for (const scenario of ['a', 'b'] as Scenario[]) {
      if (!present('smooch-record', scenario, proto) || !present('got', scenario, proto)) continue;
      const ratio = median(figures.ratios('smooch-record', 'got', scenario, proto, cpuPerRequest));
      cpuMet = (cpuMet ?? true) && ratio <= 1.15;
      cpuCells.push(`${scenario}/${proto} ${fixed(ratio, 2)}x`);
      const extra = figures.differences('smooch-record', 'got', scenario, proto, cpuPerRequest);
      const floor = median(figures.ratios('got', 'node-http', scenario, proto, cpuPerRequest));
      extraCells.push(
        `${scenario}/${proto} +${fixed(median(extra) * 1000, 0)} µs (got itself ${fixed(floor, 1)}x node:http)`,
      );
    }
  const widePoolCells: string[] = [];
  for (const proto of protos) {
    if (!present('smooch-record-64', 'b', proto) || !present('got', 'b', proto)) continue;
    const ratio = median(figures.ratios('smooch-record-64', 'got', 'b', proto, cpuPerRequest));
    widePoolCells.push(`b/${proto} ${fixed(ratio, 2)}x`);
  }
  // The same ratio against raw got given smooch-record's default 30 s per-attempt timeout (got's timedOut()).
  const timeoutCells: string[] = [];
  for (const proto of protos)
    for (const scenario of ['a', 'b'] as Scenario[]) {
      if (!present('smooch-record', scenario, proto) || !present('got-timeout', scenario, proto)) continue;
      const ratio = median(figures.ratios('smooch-record', 'got-timeout', scenario, proto, cpuPerRequest));
      const cost = median(figures.ratios('got-timeout', 'got', scenario, proto, cpuPerRequest));
      timeoutCells.push(
        `${scenario}/${proto} ${fixed(ratio, 2)}x (the timeout alone: ${fixed(cost, 2)}x raw got)`,
      );
    }
  verdicts.push({
    target: 'CPU per request of `AppUser.find` at most 1.15x raw got’s',
    met: cpuMet,
    evidence:
      (cpuCells.join(', ') || 'not run') +
      (widePoolCells.length
        ? `; with maxSockets: 64 (no call waits for a socket): ${widePoolCells.join(', ')}`
        : '') +
      (timeoutCells.length
        ? `; against raw got given the library’s default 30 s per-attempt timeout: ${timeoutCells.join(', ')}`
        : ''),
    reason:
      `CPU the library adds per request over raw got: ${extraCells.join(', ')}. ` +
      (report.profiles
        ? 'Where it goes: see the CPU profiles below and ANALYSIS.md.'
        : 'Where it goes: ANALYSIS.md (a layer-by-layer ladder of separate processes; `--profile` adds profiles).'),
  });

  // 2. HTTPS req/s in (a) and (b): >= 1.5x each official client as installed, >= 1x with keep-alive.
  const speedCells: string[] = [];
  const floorCells: string[] = [];
  let speedMet: boolean | undefined;
  for (const scenario of ['a', 'b'] as Scenario[])
    for (const [other, need] of [
      ['sunshine', 1.5],
      ['smooch-core', 1.5],
      ['sunshine-ka', 1],
      ['smooch-core-ka', 1],
    ] as const) {
      if (!present('smooch-record', scenario, 'https') || !present(other, scenario, 'https')) continue;
      const ratio = median(figures.ratios('smooch-record', other, scenario, 'https', rate));
      speedMet = (speedMet ?? true) && ratio >= need;
      speedCells.push(`${scenario} vs ${other} ${fixed(ratio, 2)}x (needs ${need}x)`);
      if (ratio < need && present('got', scenario, 'https')) {
        const floor = median(figures.ratios('got', other, scenario, 'https', rate));
        floorCells.push(`${scenario} vs ${other} ${fixed(floor, 2)}x`);
      }
    }
  verdicts.push({
    target: 'HTTPS req/s in (a) and (b) ≥ 1.5x each official client as installed, ≥ 1x with keep-alive',
    met: speedMet,
    evidence: speedCells.join('; ') || 'not run',
    reason: floorCells.length
      ? `Raw got 14 with keep-alive, our transport with nothing on top, reaches only: ${floorCells.join('; ')}. ` +
        'Where got alone is below the bar, the miss is the transport’s; the rest is the library’s (target 1).'
      : undefined,
  });

  // 3. One JWT signature per connection, zero new connections after warm-up.
  const ours = report.samples.filter(
    (s) => s.client === 'smooch-record' && 'abcd'.includes(s.result.scenario),
  );
  const okOurs = ours.filter((s) => s.result.ok);
  if (okOurs.length) {
    const signatures = [...new Set(okOurs.map((s) => s.result.extra.jwtSignatures))];
    const tokens = [...new Set(okOurs.map((s) => s.result.distinctAuthorization))];
    const fresh = okOurs.reduce((sum, s) => sum + s.result.tcpTimed + s.result.tlsTimed, 0);
    verdicts.push({
      target: 'one JWT signature per connection, zero new connections after warm-up',
      met: signatures.length === 1 && signatures[0] === 1 && tokens.join() === '1' && fresh === 0,
      evidence:
        `JWT signatures per process: ${signatures.join(', ')}; distinct Authorization values seen by the server ` +
        `per process: ${tokens.join(', ')}; new TCP connections + TLS handshakes after warm-up, all ${okOurs.length} ` +
        `runs: ${fresh}`,
    });
  }

  // 4. Walking 100,000 messages: heap growth after GC under 20 MB.
  const walks = figures.of('smooch-record', 'd').filter((s) => s.result.ok);
  if (walks.length) {
    const worst = Math.max(...walks.map((s) => s.result.heapGrowthMB));
    verdicts.push({
      target: 'walking 100,000 messages: heap growth after GC under 20 MB',
      met: worst < 20,
      evidence: `worst of ${walks.length} walks: ${fixed(worst, 1)} MB (GC'd heap sampled at 25/50/75% and at the end, minus the heap after warm-up)`,
    });
  }

  // 5. Cold import no slower than sunshine-conversations-client's.
  const ourImport = report.imports.filter((s) => s.name === 'smooch-record').map((s) => s.importMs);
  const theirImport = report.imports
    .filter((s) => s.name === 'sunshine-conversations-client')
    .map((s) => s.importMs);
  if (ourImport.length && theirImport.length) {
    verdicts.push({
      target: "cold `import('smooch-record')` no slower than `sunshine-conversations-client`’s",
      met: median(ourImport) <= median(theirImport),
      evidence: `${fixed(median(ourImport), 1)} ms vs ${fixed(median(theirImport), 1)} ms (medians)`,
    });
  }

  // 6. Notification.parse of a 50-event body within 10x of JSON.parse.
  const fifty = Object.values(parseFigures(figures)).find((runs) => runs[0]?.events === 50);
  if (fifty) {
    const ratio = median(fifty.map((r) => r.parseUs / r.jsonUs));
    verdicts.push({
      target: '`Notification.parse` of a 50-event body within 10x of `JSON.parse`',
      met: ratio <= 10,
      evidence: `${fixed(ratio, 2)}x (median over rounds)`,
      reason:
        ratio <= 10
          ? undefined
          : 'Each event is hydrated into models (message, author, user, conversation, client) through ' +
            'class-transformer, after a sanitising copy of the parsed body: see the profile and ANALYSIS.md.',
    });
  }
  return verdicts;
}

/** Whether other work shared the machine, from the CPU time other processes used during the run. */
function sharedLine(machine: Machine): string {
  const [whole, ...rounds] = machine.others;
  if (whole === undefined) return '- Other load on the machine: unknown (no /proc).';
  const cores = (share: number): string => fixed(share * machine.cores, 2);
  const perRound = rounds.map((r) => (r === undefined ? '?' : cores(r))).join(', ');
  const text =
    `- Other processes used ${fixed(whole * 100, 0)}% of the machine’s CPU during the run ` +
    `(${cores(whole)} of ${machine.cores} cores on average; per round: ${perRound}).`;
  return whole > 0.1
    ? `${text} **The machine was shared**: other work competed with the benchmark, so absolute figures are ` +
        'noisy (CPU per request included); the ratios come from the same round and are the figures to read.'
    : `${text} The machine was otherwise idle.`;
}

export function renderResults(report: Report): string {
  const figures = new Figures(report.samples);
  const { machine } = report;
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${(report.date ?? new Date().toISOString()).slice(0, 16).replace('T', ' ')} UTC, ` +
      `${report.rounds} round${report.rounds > 1 ? 's' : ''}, ${fixed(report.minutes, 1)} minutes. ` +
      `smooch-record was loaded from ${report.lib === 'dist' ? 'the built `dist/` (what users run)' : '`lib/` through tsx'}.`,
    '',
    `- Machine: ${machine.cpu}, ${machine.memory}, ${machine.os}; Node ${machine.node} (OpenSSL ${machine.openssl}).`,
    sharedLine(machine),
    `- Versions: ${Object.entries(machine.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- Canned v2 server in its own process on 127.0.0.1 (HTTP and HTTPS, a self-signed ${machine.certificate} certificate ` +
      'made at run time, trusted through `NODE_EXTRA_CA_CERTS`); every client runs in a fresh `node --expose-gc` process ' +
      'per scenario and protocol, warms up (5,000 sequential or 10,000 concurrent finds, a whole listing, 20,000 ' +
      'messages: until V8 has optimised the hot paths), then is timed. Every answer is checked (ids echoed back, item ' +
      'counts and id checksums exact).',
    '- Figures: median (min–max) over rounds. CPU = `process.cpuUsage()` of the client process (user + system) ' +
      'over the timed section. New TCP connections and TLS handshakes are counted by the server. Peak RSS = ' +
      '`maxRSS` of the process. Heap growth = heap used after a full GC at its highest point during and after ' +
      'the timed section, minus the heap after warm-up. Ratios are per round against raw got and node:http.',
    '',
    '## Clients',
    '',
    '- **smooch-record**: `configure({ keyId, secret, appId, baseUrl })`, then `AppUser.find(id)`, ' +
      '`Client.all(userId, { pageSize: 100 })`, `Conversation.find(id)` once and `for await (… of ' +
      'conversation.messages())`. No agent given: its own keep-alive pool (50 sockets by default, so in (b) 14 of ' +
      'the 64 calls in flight wait for a socket); the JWT is signed by the library.',
    '- **smooch-record, maxSockets: 64**: the same with `maxSockets: 64`, a pool as large as the concurrency of ' +
      '(b), as the floor clients’ unbounded agents have; it separates the cost of waiting for a socket from the ' +
      'library’s own. Run in (b) only: the other scenarios use one socket.',
    "- **raw got 14 + keep-alive**: `got.extend({ prefixUrl, responseType: 'json', agent: { http, https } })` " +
      'with keep-alive agents and a token signed once; got’s default retry. Same paths and queries as the library.',
    '- **raw got 14 + keep-alive + 30 s timeout**: the same with `timeout: { request: 30_000 }`, the per-attempt ' +
      'timeout smooch-record sets by default (raw got has none): it tells the cost of got’s timeout machinery from ' +
      'the library’s own. Run in (a) and (b) only.',
    '- **node:http + keep-alive**: `http(s).request` with a keep-alive agent, body collected and `JSON.parse`d.',
    '- **sunshine-conversations-client**: `ApiClient.instance` with a Bearer token, as its README shows. As ' +
      'installed, superagent 5 opts out of pooling (`agent: false`): one new connection (and TLS handshake) per ' +
      'request. “+ keep-alive”: `ApiClient.instance.requestAgent = new https.Agent({ keepAlive: true })`. In (c) ' +
      'it cannot send `page[after]` and `page[size]` together (`ApiClient.normalizeParams` keeps only the first ' +
      'key of `page`), so pages after the first hold the API’s default 25 clients: 397 requests instead of 100 ' +
      '(compare items/s).',
    "- **smooch-core (v1)**: `new SmoochCore({ keyId, secret, scope: 'app', serviceUrl })`, JWT signed once at " +
      'construction; as installed, node-fetch 1 sends `Connection: close` when given no agent; “+ keep-alive”: ' +
      '`httpAgent`. Nearest v1 calls on the canned server: (a)/(b) `appUsers.get(id)` → `GET /v1.1/appusers/{id}`; ' +
      '(d) `appUsers.getMessages(id, { before })` → `GET /v1.1/appusers/{id}/messages` (100 per page, newest ' +
      'first, `before` = the oldest message’s `received`); (c) not applicable: v1 never paged a user’s clients.',
    '',
    '## Targets (issue 7)',
    '',
    '| target | met? | evidence | reason for a miss |',
    '|---|---|---|---|',
    ...targets(report, figures).map(
      (v) =>
        `| ${v.target} | ${v.met === undefined ? 'not measured' : v.met ? '**met**' : '**not met**'} | ` +
        `${v.evidence} | ${v.met === false ? (v.reason ?? '') : ''} |`,
    ),
    '',
  ];
  for (const scenario of ['a', 'b', 'c', 'd'] as Scenario[]) {
    for (const proto of ['https', 'http'] as Proto[]) {
      if (!report.samples.some((s) => s.result.scenario === scenario && s.result.proto === proto)) continue;
      lines.push(`## (${scenario}) ${SCENARIOS[scenario]}, ${proto.toUpperCase()}`, '');
      lines.push(...scenarioTable(figures, report.clients, scenario, proto), '');
    }
  }
  lines.push(...importTable(report), ...parseTable(figures));
  if (report.profiles) lines.push('## CPU profiles (`--cpu-prof`, HTTPS)', '', report.profiles);
  return lines.join('\n');
}
