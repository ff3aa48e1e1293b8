/**
 * Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: self time by area (our lib/ files,
 * each npm package, node internals, GC), the top functions by self time, and the inclusive time of our own
 * functions (so the cost of what they call, class-transformer for example, is charged to them).
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function areaOf(url: string, repoDir: string): string {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const local = url.replace(`file://${repoDir}/`, '');
  if (local !== url) return local.replace(/^dist\//, '');
  return url;
}

const pct = (part: number, total: number): string => `${((100 * part) / total).toFixed(1)}%`;

export function profileSummary(file: string, title: string, repoDir: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const idle = [...byId.values()].filter((n) => n.callFrame.functionName === '(idle)');
  const total = [...self.entries()].reduce(
    (sum, [id, t]) => (idle.some((n) => n.id === id) ? sum : sum + t),
    0,
  );
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    const area = functionName.startsWith('(') ? functionName : areaOf(url, repoDir);
    areas.set(area, (areas.get(area) ?? 0) + time);
    const key = `${functionName || '(anonymous)'} ${areaOf(url, repoDir)}:${lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + time);
  }
  // Inclusive time of our own functions, counted once per stack (recursion is not double counted).
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  for (const [id, time] of self) {
    const keys = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url, lineNumber } = byId.get(at)!.callFrame;
      if (url.includes(`${repoDir}/dist/lib/`) || url.includes(`${repoDir}/lib/`)) {
        keys.add(`${functionName || '(anonymous)'} ${areaOf(url, repoDir)}:${lineNumber + 1}`);
      }
    }
    for (const key of keys) inclusive.set(key, (inclusive.get(key) ?? 0) + time);
  }
  const top = (map: Map<string, number>, n: number): string[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, t]) => `  ${pct(t, total).padStart(6)}  ${(t / 1000).toFixed(0).padStart(6)} ms  ${key}`);
  return [
    `### ${title}: ${(total / 1000).toFixed(0)} ms on CPU (whole process)`,
    '',
    '```',
    'self time by area:',
    ...top(areas, 14),
    'top functions by self time:',
    ...top(functions, 14),
    'our functions, inclusive time:',
    ...top(inclusive, 14),
    '```',
    '',
  ].join('\n');
}
