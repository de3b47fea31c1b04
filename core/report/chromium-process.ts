/**
 * Closing the report's Chromium quickly. playwright-core's `browser.close()` asks Chromium to shut
 * down and waits for it: 0.25–0.4 s of a cold export (the browser tears down its renderer and
 * writes a profile that is deleted right after). Printing is over by then, so the printer kills
 * the browser's process group instead — what playwright-core itself does at process exit — and
 * then still awaits `browser.close()`, which returns once playwright-core has removed the
 * temporary profile. Linux only (the children come from /proc); elsewhere, or when the browser
 * cannot be told apart, the polite close is all there is.
 */
import fs from 'node:fs';

/** This process's child processes (every thread's: libuv spawns from the main thread, but be sure). */
export function childPids(): Set<number> {
  const pids = new Set<number>();
  try {
    for (const task of fs.readdirSync('/proc/self/task')) {
      for (const p of fs.readFileSync(`/proc/self/task/${task}/children`, 'utf8').split(/\s+/)) if (p) pids.add(Number(p));
    }
  } catch {
    // not Linux, or /proc not mounted: no children known, nothing will be killed
  }
  return pids;
}

/** The process group `pid` belongs to, or null if it is gone. */
function processGroup(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp …": comm may hold spaces and parentheses, so read after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[2]);
  } catch {
    return null;
  }
}

/**
 * The one process that appeared among this process's children while `launch` ran (playwright-core
 * spawns Chromium as the leader of a new process group), or null when it is not exactly one.
 */
export async function spawnedDuring<T>(launch: () => Promise<T>): Promise<{ value: T; pid: number | null }> {
  const before = childPids();
  const value = await launch();
  const fresh = [...childPids()].filter((p) => !before.has(p));
  const pid = fresh.length === 1 && processGroup(fresh[0]) === fresh[0] ? fresh[0] : null;
  return { value, pid };
}

/**
 * SIGKILLs the process group led by `pid` if that process is still this process's child and still
 * leads its group (so a reused pid is never hit: an unreaped child keeps its pid, and Node reaps
 * only between event-loop turns, never between this check and the kill). True if it was killed.
 */
export function killGroup(pid: number): boolean {
  if (!childPids().has(pid) || processGroup(pid) !== pid) return false;
  try {
    process.kill(-pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}
