/**
 * Browser mode only has the file's bytes, not a path the engine can read: the file is uploaded to
 * the loopback server, which saves a copy and answers with its server-side path. XMLHttpRequest
 * rather than fetch because it reports upload progress.
 */
import { PlumblineError, type ErrorCode } from '../../../core/api/errors';
import type { CallOptions } from '../../../core/transport/transport';

export const UPLOAD_URL = '/api/upload';

export function uploadFile(file: File, opts: CallOptions = {}, baseUrl = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new PlumblineError('CANCELLED', 'Cancelled: nothing was changed.'));
      return;
    }
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => opts.signal?.removeEventListener('abort', onAbort);

    xhr.open('POST', `${baseUrl}${UPLOAD_URL}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('x-plumbline-filename', encodeURIComponent(file.name));
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      opts.onProgress?.({
        phase: 'upload',
        done: e.loaded,
        total: e.lengthComputable ? e.total : file.size,
        unit: 'bytes',
      });
    };
    xhr.onload = () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          const body = JSON.parse(xhr.responseText) as { path?: unknown };
          if (typeof body.path === 'string' && body.path) {
            resolve(body.path);
            return;
          }
        } catch {
          /* fall through */
        }
        reject(new PlumblineError('INTERNAL', `The server accepted ${file.name} but did not say where it saved it.`));
        return;
      }
      reject(uploadError(xhr.status, xhr.responseText, file.name));
    };
    xhr.onerror = () => {
      done();
      reject(new PlumblineError('INTERNAL', `Uploading ${file.name} failed: Plumbline's local server cannot be reached.`));
    };
    xhr.onabort = () => {
      done();
      reject(new PlumblineError('CANCELLED', 'Cancelled: nothing was changed.'));
    };
    xhr.send(file);
  });
}

/** The server answers errors as an ErrorPayload (JSON) or plain text; either becomes a PlumblineError. */
export function uploadError(status: number, body: string, fileName: string): PlumblineError {
  try {
    const p = JSON.parse(body) as { code?: unknown; message?: unknown; error?: { code?: unknown; message?: unknown } };
    const e = p.error ?? p;
    if (typeof e.message === 'string' && e.message) {
      return new PlumblineError((typeof e.code === 'string' ? e.code : codeFor(status)) as ErrorCode, e.message);
    }
  } catch {
    /* not JSON */
  }
  const text = body.trim();
  return new PlumblineError(codeFor(status), text ? `Uploading ${fileName} failed: ${text}` : `Uploading ${fileName} failed (HTTP ${status}).`);
}

function codeFor(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'UNAUTHORIZED';
  if (status === 400 || status === 413) return 'BAD_REQUEST';
  if (status === 404) return 'NOT_FOUND';
  return 'INTERNAL';
}
