import { describe, expect, it } from 'vitest';
import { coreFree, coreFreeNow, otherRunnable, readCpuNow, type CpuNow } from '../../../core/import/free-core';

// The Parquet decoding thread starts only when a core is free now: other processes' runnable
// threads (/proc/loadavg's 4th field less this process's own), not the 1-minute average.

const machine = (loadavg: string | undefined, ownRunnable = 1, cores = 2, oneMinute = 0) => ({ cores, loadavg, ownRunnable, oneMinute });

describe('coreFree', () => {
  it('counts the threads runnable now, less this process’s own', () => {
    // Right after a bench's previous imports: a high 1-minute average, nothing else running now.
    expect(coreFree(machine('2.84 2.90 2.88 1/93 8199', 1, 2, 2.84))).toBe(true);
    // This process's own threads (the hash thread, libuv's reads) are not others.
    expect(coreFree(machine('0.5 0.5 0.5 3/120 1', 3))).toBe(true);
    expect(otherRunnable(machine('0.5 0.5 0.5 3/120 1', 3))).toBe(0);
    // One other job running on 2 cores: the two threads would share with it.
    expect(coreFree(machine('0.1 0.1 0.1 2/120 1', 1, 2, 0.1))).toBe(false);
    expect(otherRunnable(machine('0.1 0.1 0.1 2/120 1'))).toBe(1);
    // 8 cores, 5 others: still free.
    expect(coreFree(machine('9 9 9 7/400 1', 2, 8))).toBe(true);
    expect(coreFree(machine('9 9 9 8/400 1', 1, 8))).toBe(false);
    // One core: never.
    expect(coreFree(machine('0 0 0 1/50 1', 1, 1))).toBe(false);
  });

  it('without /proc/loadavg (or unreadable text), the 1-minute load average less this thread', () => {
    expect(coreFree(machine(undefined, 1, 2, 0))).toBe(true);
    expect(coreFree(machine(undefined, 1, 2, 1))).toBe(true);
    expect(coreFree(machine(undefined, 1, 2, 1.5))).toBe(false);
    expect(coreFree(machine('garbage', 1, 2, 2.5))).toBe(false);
    // Windows reports zeros: a core counts as free.
    expect(coreFree(machine(undefined, 1, 4, 0))).toBe(true);
  });

  it('reads this machine: cores, its own running thread, and on Linux the runnable count', () => {
    const now = readCpuNow();
    expect(now.cores).toBeGreaterThanOrEqual(1);
    expect(now.ownRunnable).toBeGreaterThanOrEqual(1);
    if (process.platform === 'linux') expect(now.loadavg).toMatch(/^\S+ \S+ \S+ \d+\/\d+ \d+/);
    expect(otherRunnable(now)).toBeGreaterThanOrEqual(0);
  });

  it('over a few readings, by their median: one passing process does not decide', async () => {
    const readings = (...running: number[]) => {
      let i = 0;
      return (): CpuNow => machine(`1 1 1 ${running[i++]}/100 1`);
    };
    expect(await coreFreeNow(readings(3, 1, 1))).toBe(true);
    expect(await coreFreeNow(readings(1, 2, 1))).toBe(true);
    expect(await coreFreeNow(readings(2, 2, 1))).toBe(false);
    expect(await coreFreeNow(readings(1, 3, 3))).toBe(false);
    // Each reading is taken: three by default.
    let taken = 0;
    await coreFreeNow(() => (taken++, machine('0 0 0 1/10 1')));
    expect(taken).toBe(3);
  });
});
