/**
 * The claim board of one pool run, in shared memory: a stop flag, then one slot per job holding
 * the lane that claimed it (0: not claimed). Every lane — the engine's thread and each pool thread —
 * claims the next free job itself with one compare-and-swap, so work never waits for a message
 * round trip through a busy thread, and who held a job is known if a thread dies.
 */
const STOP = 0;
const OWNERS = 1;

/** The engine's own thread; pool threads are 2, 3, … */
export const LOCAL_LANE = 1;

export function newBoard(jobs: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer((OWNERS + jobs) * Int32Array.BYTES_PER_ELEMENT));
}

/** Claims the first free job at or after `from` for `lane`; null when none is left or the run stopped. */
export function claim(board: Int32Array, lane: number, from: number): number | null {
  for (let i = from; OWNERS + i < board.length; i++) {
    if (Atomics.load(board, STOP) !== 0) return null;
    if (Atomics.compareExchange(board, OWNERS + i, 0, lane) === 0) return i;
  }
  return null;
}

/** No lane claims another job of this run (those running finish). */
export function stopBoard(board: Int32Array): void {
  Atomics.store(board, STOP, 1);
}

/** The lane that claimed job `index` (0: none yet). */
export function ownerOf(board: Int32Array, index: number): number {
  return Atomics.load(board, OWNERS + index);
}
