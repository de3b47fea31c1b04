/**
 * `plumbline … | head` closes the pipe before the command has written everything. Node does not
 * die of SIGPIPE as a C program would: the write fails with EPIPE, and with no listener that is an
 * "Unhandled 'error' event" stack trace and exit 1 — for output the reader said it did not want.
 * The rest of the output is dropped and the command ends with its own exit status, so
 * `--fail-on-drift` still fails a pipeline that only reads the first lines.
 */
export function dropOutputAfterClosedPipe(stream: NodeJS.WriteStream = process.stdout): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    // After EPIPE the stream is destroyed; later writes report ERR_STREAM_DESTROYED.
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });
}
