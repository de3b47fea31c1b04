/**
 * Makes glibc's malloc keep and reuse the big blocks a command frees instead of handing them back
 * to the kernel and faulting fresh pages in again.
 *
 * glibc serves a block above its mmap threshold (128 KB at start) with its own mmap, unmaps it on
 * free, and raises the threshold to the size of the largest such block freed (and its trim
 * threshold to twice that). Reading a column allocates 512 KB blocks (SQLite's copy of each BLOB,
 * better-sqlite3's Buffer) and 8 MB arrays, so while the threshold stayed below them every one was
 * fresh memory — and on a paravirtualised VM a first touch costs ~11 µs per 4 KB page. Before the
 * CLI was split, reading its one 1.2 MB bundle happened to raise the threshold past 512 KB; with a
 * command's own small files it did not, and `performance --json` on 1M rows went from 13.1k to
 * 18.8k page faults. An ArrayBuffer of 16 MB that nothing keeps is calloc'ed by mmap (no page is
 * touched: mmap memory is already zero) and unmapped at V8's first scavenge, long before a column
 * is read; the threshold is then 16 MB and freed blocks up to that size are reused. With it: 12.0k
 * faults, CPU ~530 → ~420 ms. Elsewhere (macOS, Windows, musl) it is a 16 MB allocation freed
 * unused.
 */
export function reuseFreedMemory(): void {
  // Below glibc's ceiling for the dynamic threshold (32 MB on 64-bit), above an 8 MB column.
  void new ArrayBuffer(16 << 20);
}
