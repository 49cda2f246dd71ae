// CPU time and peak memory of a process group (a gateway and any workers it forks), from /proc.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface Usage {
  /** User plus system CPU seconds used so far. */
  readonly cpuSeconds: number;
  /** Sum of each process's peak resident set (VmHWM). */
  readonly peakRssMiB: number;
}

export function processGroupUsage(groupId: number): Usage {
  let ticks = 0;
  let peakKiB = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // fields after the command name, which may itself hold spaces and parentheses
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
      peakKiB += Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* the process ended while being read */
    }
  }
  return { cpuSeconds: ticks / TICKS_PER_SECOND, peakRssMiB: peakKiB / 1024 };
}
