/**
 * How much of the machine other processes used during a run (Linux /proc): the CPU time of the whole machine
 * minus that of this orchestrator, its finished runners and the canned server. The benchmark's own processes
 * use about one core; anything above that is someone else's work competing with the client.
 */
import { readFileSync } from 'node:fs';

export interface LoadSnapshot {
  busy: number;
  total: number;
  own: number;
}

function ticksOf(pid: number | 'self', withChildren: boolean): number {
  // Fields after the command name: state is field 3; utime, stime, cutime, cstime are fields 14-17.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const [utime, stime, cutime, cstime] = fields.slice(11, 15) as [number, number, number, number];
  return utime + stime + (withChildren ? cutime + cstime : 0);
}

/** A snapshot of machine and own CPU ticks, or undefined where /proc is not there. */
export function loadSnapshot(serverPid: number | undefined): LoadSnapshot | undefined {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    const own = ticksOf('self', true) + (serverPid ? ticksOf(serverPid, false) : 0);
    return { busy, total: busy + idle! + iowait!, own };
  } catch {
    return undefined;
  }
}

/** The share of the machine's CPU (0-1) other processes used between two snapshots. */
export function othersShare(
  from: LoadSnapshot | undefined,
  to: LoadSnapshot | undefined,
): number | undefined {
  if (!from || !to || to.total <= from.total) return undefined;
  return Math.max(0, (to.busy - from.busy - (to.own - from.own)) / (to.total - from.total));
}
