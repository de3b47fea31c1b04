/**
 * The report printer kills its Chromium's process group at close (core/report/chromium-process.ts):
 * only a process that appeared among this process's children during the launch and leads its own
 * group, and never a pid that is not (or no longer) our child.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { childPids, killGroup, spawnedDuring } from '../../../core/report/chromium-process';

const linux = fs.existsSync('/proc/self/task');

/** Resolves when `pid`'s process has exited (its 'exit' event). */
const exited = (child: ReturnType<typeof spawn>) => new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

describe.skipIf(!linux)('Chromium process group kill', () => {
  it('finds the group leader spawned during a launch and kills its whole group', async () => {
    // A leader (as playwright-core spawns Chromium: detached) with a grandchild in its group.
    let child!: ReturnType<typeof spawn>;
    const { value, pid } = await spawnedDuring(async () => {
      child = spawn('sh', ['-c', 'sleep 30 & echo $!; wait'], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
      return new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    });
    const grandchild = value;
    expect(pid).toBe(child.pid);
    expect(childPids().has(child.pid!)).toBe(true);
    const gone = exited(child);
    expect(killGroup(pid!)).toBe(true);
    expect(await gone).toBe('SIGKILL');
    // The grandchild (reparented, so not ours to wait for) is gone or a zombie awaiting its reaper.
    await new Promise((r) => setTimeout(r, 100));
    const state = fs.existsSync(`/proc/${grandchild}/stat`) ? fs.readFileSync(`/proc/${grandchild}/stat`, 'utf8').split(') ')[1]![0] : 'gone';
    expect(['gone', 'Z']).toContain(state);
    // Reaped: the pid is no longer our child, so it is never killed again (it may be reused).
    expect(killGroup(pid!)).toBe(false);
  });

  it('does not name a child that is not a group leader, nor kill a process that is not our child', async () => {
    let child!: ReturnType<typeof spawn>;
    const { pid } = await spawnedDuring(async () => {
      child = spawn('sleep', ['30'], { stdio: 'ignore' });
    });
    expect(pid).toBeNull();
    expect(killGroup(child.pid!)).toBe(false);
    expect(killGroup(process.ppid)).toBe(false);
    expect(killGroup(1)).toBe(false);
    const gone = exited(child);
    child.kill('SIGKILL');
    await gone;
  });

  it('names nobody when two children appeared', async () => {
    const kids: ReturnType<typeof spawn>[] = [];
    const { pid } = await spawnedDuring(async () => {
      for (let i = 0; i < 2; i++) kids.push(spawn('sleep', ['30'], { detached: true, stdio: 'ignore' }));
    });
    expect(pid).toBeNull();
    for (const k of kids) {
      const gone = exited(k);
      k.kill('SIGKILL');
      await gone;
    }
  });
});
