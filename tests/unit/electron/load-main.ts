/**
 * Loads electron/main.ts afresh with a fake `electron` module and a controllable engine worker.
 */
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import type { HostRequestMessage, HostResponseMessage } from '../../../core/transport/host-channel';
import type { WireEvent, WireRequest } from '../../../core/transport/transport';
import { createFakeElectron, type FakeElectron } from './fake-electron';

export class FakeWorker {
  readonly sent: WireRequest[] = [];
  readonly listeners = new Set<(e: WireEvent) => void>();
  terminated = false;
  private rejectReady: (e: Error) => void = () => undefined;
  readonly ready = new Promise<void>((_resolve, reject) => (this.rejectReady = reject));
  constructor(readonly opts: Record<string, unknown>) {
    this.ready.catch(() => undefined);
  }
  send(req: WireRequest): void {
    this.sent.push(req);
  }
  onEvent(cb: (e: WireEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  emit(e: WireEvent): void {
    for (const l of this.listeners) l(e);
  }
  hostHandler: ((req: HostRequestMessage) => Promise<HostResponseMessage>) | null = null;
  onHostRequest(handler: (req: HostRequestMessage) => Promise<HostResponseMessage>): () => void {
    this.hostHandler = handler;
    return () => (this.hostHandler = null);
  }
  fail(message: string): void {
    this.rejectReady(new Error(message));
  }
  async terminate(): Promise<void> {
    this.terminated = true;
  }
}

export interface Loaded<W = FakeWorker> {
  fake: FakeElectron;
  worker: W | null;
  mod: typeof import('../../../electron/main');
}

export interface LoadOptions<W> {
  argv?: string[];
  isPackaged?: boolean;
  singleInstance?: boolean;
  /** Replaces startEngineWorker; a FakeWorker by default. */
  startWorker?: (opts: Record<string, unknown>) => W;
}

/** Call at the top of a test file: quiet console, restored argv and mocks after each test. */
export function useMainHarness(): void {
  const savedArgv = process.argv;
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.argv = savedArgv;
    vi.doUnmock('electron');
    vi.doUnmock('../../../core/transport/engine-worker');
  });
}

export async function loadMain<W = FakeWorker>(opts: LoadOptions<W> = {}): Promise<Loaded<W>> {
  vi.resetModules();
  const fake = createFakeElectron(opts);
  const loaded: Loaded<W> = { fake, worker: null, mod: null as never };
  const start = opts.startWorker ?? ((o: Record<string, unknown>) => new FakeWorker(o) as unknown as W);
  vi.doMock('electron', () => fake.module);
  vi.doMock('../../../core/transport/engine-worker', () => ({
    startEngineWorker: (o: Record<string, unknown>) => (loaded.worker = start(o)),
  }));
  const argv = opts.argv ?? ['--db', path.join(os.tmpdir(), 'plumbline-main-test-unused.db')];
  process.argv = ['/usr/bin/electron', 'dist/electron/main.js', ...argv];
  loaded.mod = await import('../../../electron/main');
  await loaded.mod.plumbline.ready;
  return loaded;
}
