import fs from 'node:fs';
import os from 'node:os';

/**
 * Whether a second thread of this process would have a core to itself now: what a Parquet
 * import asks before starting its decoding thread (parquet-pipeline.ts). On Linux it counts the
 * threads runnable right now (the 4th field of /proc/loadavg, "running/total") less this
 * process's own: the 1-minute load average it used before still counts the jobs that have just
 * ended (in the import bench, its own previous imports: load 2-3 on 2 cores with nothing else
 * running), and kept the thread off where it would have had a core. Elsewhere (or if /proc
 * cannot be read) the 1-minute load average is all there is; Windows reports zeros there, so a
 * core counts as free.
 */
export function coreFree(now: CpuNow = readCpuNow()): boolean {
  return otherRunnable(now) <= now.cores - 2;
}

/**
 * coreFree over a few readings `gapMs` apart, by their median: one reading of the runnable
 * count can catch a passing process (a shell, a compiler's last second) or miss a busy one
 * between two time slices. ~5 ms once per import.
 */
export async function coreFreeNow(read: () => CpuNow = readCpuNow, samples = 3, gapMs = 2): Promise<boolean> {
  const others: number[] = [];
  let cores = 1;
  for (let i = 0; i < samples; i++) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
    const now = read();
    cores = now.cores;
    others.push(otherRunnable(now));
  }
  others.sort((a, b) => a - b);
  return others[samples >> 1] <= cores - 2;
}

/**
 * coreFreeNow's median of three readings 2 ms apart, with the CLI entry's reading at process start
 * as the first (bin/prestart-pool.js started the column pool's threads because it found a core
 * free): one more free reading decides, and only a busy one waits for the third. coreFreeNow took
 * 5-7 ms quiet, 8-28 ms under load (its two timer gaps), before the first job of every drift command.
 */
export async function coreFreeAfterEntry(read: () => CpuNow = readCpuNow, gapMs = 2): Promise<boolean> {
  if (coreFree(read())) return true;
  await new Promise((resolve) => setTimeout(resolve, gapMs));
  return coreFree(read());
}

/** What the choice is made from (a value, so tests can give any machine's). */
export interface CpuNow {
  readonly cores: number;
  /** /proc/loadavg's text, undefined where there is none. */
  readonly loadavg: string | undefined;
  /** Threads of this process running or runnable now (at least the one asking). */
  readonly ownRunnable: number;
  /** The 1-minute load average: used only without /proc/loadavg. */
  readonly oneMinute: number;
}

/** Threads of other processes wanting a core now, from the runnable count; without it, the 1-minute average less this thread. */
export function otherRunnable(now: CpuNow): number {
  const running = now.loadavg === undefined ? undefined : /^\S+ \S+ \S+ (\d+)\/\d+/.exec(now.loadavg)?.[1];
  if (running === undefined) return Math.max(0, now.oneMinute - 1);
  return Math.max(0, Number(running) - now.ownRunnable);
}

export function readCpuNow(): CpuNow {
  return { cores: os.availableParallelism(), loadavg: readOrUndefined('/proc/loadavg'), ownRunnable: ownRunnable(), oneMinute: os.loadavg()[0] };
}

/** This process's threads in state R (their stat files; a thread gone meanwhile is skipped). */
function ownRunnable(): number {
  let tasks: string[];
  try {
    tasks = fs.readdirSync('/proc/self/task');
  } catch {
    return 1;
  }
  let n = 0;
  for (const t of tasks) {
    const stat = readOrUndefined(`/proc/self/task/${t}/stat`);
    // "tid (comm) S ...": the name may hold spaces and parentheses, the state follows the last ')'.
    if (stat !== undefined && stat.charAt(stat.lastIndexOf(')') + 2) === 'R') n++;
  }
  return Math.max(1, n);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}
