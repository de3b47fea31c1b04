import fs from 'node:fs';

/** A header and `rows` generated lines, written in 1 MB blocks to a temp file renamed at the end (so a half-written file is never cached). */
export function writeLines(file, header, rows, line) {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, `${header}\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}
