import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'plumbline_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The token a request carries: bearer header (scripts), cookie (the browser), or ?token= (first visit). */
export function requestToken(req: IncomingMessage, url: URL): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7);
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return url.searchParams.get('token') ?? undefined;
}

/**
 * DNS-rebinding and cross-site defence: the Host must be our loopback address and port, and an
 * Origin, when the browser sends one, must be exactly ours.
 */
export function hostAndOriginAllowed(req: IncomingMessage, port: number): { ok: true } | { ok: false; why: string } {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = req.headers.host ?? '';
  if (!allowedHosts.has(host)) return { ok: false, why: `Host ${JSON.stringify(host)} is not this server.` };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '')) ) {
    return { ok: false, why: `Origin ${JSON.stringify(origin)} is not allowed.` };
  }
  if (origin !== undefined && !origin.startsWith('http://')) return { ok: false, why: `Origin ${JSON.stringify(origin)} is not allowed.` };
  return { ok: true };
}
