/**
 * A stand-in for the `electron` module, enough for electron/main.ts and electron/preload.ts to run
 * under Vitest. Every call is recorded so tests can assert on what the app asked Electron to do.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { vi } from 'vitest';

// Listeners are stored untyped, as Node's EventEmitter does: each test calls them with the
// arguments Electron would pass for that event.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Listener = (...args: any[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, cb: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), cb]);
    return this;
  }
  once(event: string, cb: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      return cb(...args);
    };
    return this.on(event, wrapped);
  }
  off(event: string, cb: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== cb));
    return this;
  }
  removeListener(event: string, cb: Listener): this {
    return this.off(event, cb);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((l) => l(...args));
  }
}

/** A navigation-style event: `preventDefault` recorded. */
export function fakeEvent<T extends object>(fields: T): T & { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } {
  const preventDefault = vi.fn();
  return Object.assign({}, fields, { preventDefault, defaultPrevented: () => preventDefault.mock.calls.length > 0 });
}

let nextContentsId = 1;

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly sent: [string, ...unknown[]][] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  destroyed = false;
  mainFrame = new FakeFrame('app://plumbline/index.html');
  readonly printToPDF = vi.fn(async (_options: Record<string, unknown>) => Buffer.from('%PDF-1.7 fake'));
  /** Like Electron's: runs the script in the page; here it answers with what `scriptResult` says. */
  scriptResult: (code: string) => unknown = (code) => code.length;
  readonly executeJavaScript = vi.fn(async (code: string, _userGesture?: boolean) => this.scriptResult(code));
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  setWindowOpenHandler(h: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = h;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

/** A session of its own (session.fromPartition), recording its filter, permissions and protocol handlers. */
export function createFakeSession() {
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const ses = {
    protocolHandlers,
    beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    webRequest: {
      onBeforeRequest: vi.fn((fn: (details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void) => void (ses.beforeRequest = fn)),
    },
    setPermissionRequestHandler: vi.fn((fn: Listener) => void (ses.permissionRequest = fn)),
    setPermissionCheckHandler: vi.fn((fn: Listener) => void (ses.permissionCheck = fn)),
    protocol: { handle: vi.fn((scheme: string, fn: (req: Request) => Promise<Response>) => void protocolHandlers.set(scheme, fn)) },
  };
  return ses;
}
export type FakeSession = ReturnType<typeof createFakeSession>;

export function createFakeElectron(opts: { isPackaged?: boolean; singleInstance?: boolean } = {}) {
  const calls: string[] = [];
  const app = Object.assign(new Emitter(), {
    isPackaged: opts.isPackaged ?? false,
    setName: vi.fn((n: string) => void calls.push(`setName:${n}`)),
    enableSandbox: vi.fn(() => void calls.push('enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => opts.singleInstance ?? true),
    quit: vi.fn(),
    whenReady: vi.fn(() => {
      calls.push('whenReady');
      return Promise.resolve();
    }),
    isReady: vi.fn(() => true),
    getVersion: vi.fn(() => '0.1.0'),
    getPath: vi.fn(() => '/tmp/plumbline-fake-user-data'),
    setAboutPanelOptions: vi.fn(),
    showAboutPanel: vi.fn(),
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    destroyed = false;
    readonly show = vi.fn();
    readonly focus = vi.fn();
    readonly restore = vi.fn();
    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
      // Like Electron: every new webContents is announced on the app.
      app.emit('web-contents-created', {}, this.webContents);
    }
    async loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      // Like Chromium: the document is fetched through the session's protocol handler.
      const ses = this.options.webPreferences?.session as FakeSession | undefined;
      const handler = ses?.protocolHandlers.get(new URL(url).protocol.slice(0, -1));
      if (handler) this.responses.push(await handler(new Request(url)));
    }
    readonly responses: Response[] = [];
    destroy(): void {
      this.destroyed = true;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return false;
    }
  }

  const handlers = new Map<string, Listener>();
  const ipcListeners = new Map<string, Listener[]>();
  const ipcMain = {
    handle: vi.fn((channel: string, fn: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
    on: vi.fn((channel: string, fn: Listener) => void ipcListeners.set(channel, [...(ipcListeners.get(channel) ?? []), fn])),
    removeListener: vi.fn((channel: string, fn: Listener) =>
      void ipcListeners.set(channel, (ipcListeners.get(channel) ?? []).filter((l) => l !== fn)),
    ),
  };

  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(() => void calls.push('registerSchemesAsPrivileged')),
    handle: vi.fn((scheme: string, fn: (req: Request) => Promise<Response>) => void protocolHandlers.set(scheme, fn)),
  };

  const sessionState = {
    beforeRequest: null as null | ((details: { url: string }, cb: (r: { cancel?: boolean }) => void) => void),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
  };
  const defaultSession = {
    webRequest: { onBeforeRequest: vi.fn((fn: typeof sessionState.beforeRequest) => void (sessionState.beforeRequest = fn)) },
    setPermissionRequestHandler: vi.fn((fn: Listener) => void (sessionState.permissionRequest = fn)),
    setPermissionCheckHandler: vi.fn((fn: Listener) => void (sessionState.permissionCheck = fn)),
    setDevicePermissionHandler: vi.fn(),
    protocol,
  };

  const partitions = new Map<string, FakeSession>();
  const fromPartition = vi.fn((partition: string) => {
    if (!partitions.has(partition)) partitions.set(partition, createFakeSession());
    return partitions.get(partition)!;
  });

  const menuState = { template: null as MenuItemConstructorOptions[] | null };
  const Menu = {
    buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
    setApplicationMenu: vi.fn((menu: { template: MenuItemConstructorOptions[] }) => void (menuState.template = menu.template)),
  };

  const dialog = {
    showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/data/a.csv', '/data/b.parquet'] })),
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/me/report.pdf' })),
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 0 })),
  };

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    protocol,
    session: { defaultSession, fromPartition },
    Menu,
    dialog,
    webContents: { getAllWebContents: () => windows.map((w) => w.webContents) },
    shell: { openExternal: vi.fn(), showItemInFolder: vi.fn() },
    utilityProcess: { fork: vi.fn() },
    Notification: FakeNotification,
  };

  return { module, app, partitions, windows, handlers, ipcListeners, ipcMain, protocol, protocolHandlers, sessionState, menuState, dialog, calls };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

/** Electron's Notification: every one made is recorded, with whether it was shown. */
export class FakeNotification {
  static readonly made: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  shown = false;
  readonly clicks: (() => void)[] = [];
  constructor(readonly options: { title: string; body: string }) {
    FakeNotification.made.push(this);
  }
  show(): void {
    this.shown = true;
  }
  on(event: 'click', cb: () => void): this {
    if (event === 'click') this.clicks.push(cb);
    return this;
  }
}
