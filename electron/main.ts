/**
 * Electron main process: one secure window on app://plumbline/, the engine in a worker thread,
 * the API routed over IPC, a menu, dialogs and file hand-offs. Main never runs a query.
 *
 * Runs on import (it is the app's entry). Everything it touches comes from the `electron` module
 * and engine-worker, so tests load it with both faked and inspect the fakes; `plumbline` exposes
 * the few handles a test cannot reach otherwise.
 */
import { BrowserWindow, Menu, Notification, app, dialog, ipcMain, protocol, session, shell, type FileFilter, type OpenDialogOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { startEngineWorker, type EngineWorker } from '../core/transport/engine-worker';
import { resolveWorkspacePath } from '../core/workspace/paths';
import { OPEN_FILES_CHANNEL } from './channels';
import { OPEN_FILTERS, dbPathFromArgv, filePathsFromArgv } from './files';
import { registerIpc, type IpcRouter } from './ipc';
import { menuTemplate } from './menu';
import { createPrinter } from './print';
import { createNotifier } from './notify';
import { chooseNativeBinding } from './native';
import { APP_ENTRY_URL } from './origin';
import { handleAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents, secureWebPreferences } from './security';

export interface PlumblineMain {
  /** Resolves once the engine, IPC, menu and window are set up (or at once when another instance runs). */
  readonly ready: Promise<void>;
  readonly dbPath: string;
  window(): BrowserWindow | null;
  router(): IpcRouter | null;
}

/** The project root (package.json): dist/electron/ when built, electron/ under tests, app.asar packaged. */
function findAppRoot(start: string): string {
  let dir = start;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(start, '..', '..');
}

/**
 * In a packaged app, files the engine worker reads itself (demo data, report fonts) are unpacked
 * beside the asar archive (electron-builder asarUnpack), so they are plain files for any reader.
 */
export function unpackedPath(p: string, exists: (p: string) => boolean = fs.existsSync): string {
  const unpacked = p.replace(/app\.asar(?=[\\/])/, 'app.asar.unpacked');
  return unpacked !== p && exists(unpacked) ? unpacked : p;
}

function startApp(): PlumblineMain {
  const appRoot = findAppRoot(__dirname);
  const rendererRoot = path.join(appRoot, 'dist', 'renderer');
  const preloadPath = path.join(appRoot, 'dist', 'electron', 'preload.js');
  const workerScript = path.join(appRoot, 'dist', 'engine', 'worker.js');
  const development = !app.isPackaged;
  const dbPath = resolveWorkspacePath(dbPathFromArgv(process.argv));

  let mainWindow: BrowserWindow | null = null;
  let worker: EngineWorker | null = null;
  let router: IpcRouter | null = null;
  let quitting = false;
  /** Files to hand to the renderer once it has loaded. */
  let queuedFiles: string[] = filePathsFromArgv(process.argv, process.cwd());
  let loaded = false;

  const handle: PlumblineMain = {
    ready: Promise.resolve(),
    dbPath,
    window: () => mainWindow,
    router: () => router,
  };

  // Before `ready`: the name (userData, about panel), the sandbox for every renderer, the scheme.
  app.setName('Plumbline');
  app.enableSandbox();
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    // Another Plumbline is running: it receives our argv through 'second-instance'.
    app.quit();
    return handle;
  }

  function sendFiles(paths: string[]): void {
    if (paths.length === 0) return;
    if (!mainWindow || mainWindow.isDestroyed() || !loaded) {
      queuedFiles = [...queuedFiles, ...paths];
      if (!mainWindow && app.isReady()) createWindow();
      return;
    }
    mainWindow.webContents.send(OPEN_FILES_CHANNEL, paths);
  }

  function focusWindow(): void {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  async function openFileDialog(request?: { title: string; filters: FileFilter[] }): Promise<string[]> {
    const options = request
      ? { title: request.title, properties: ['openFile'] as Array<'openFile' | 'multiSelections'>, filters: request.filters }
      : {
          title: 'Open data file',
          buttonLabel: 'Import',
          properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
          filters: OPEN_FILTERS,
        };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  }

  /** The folder chooser on the window that asked: the folder chosen, or null. */
  async function openFolderDialog(request: { title: string }): Promise<string | null> {
    const options: OpenDialogOptions = { title: request.title, buttonLabel: 'Choose', properties: ['openDirectory', 'createDirectory'] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  /** Save… on the window that asked (the only window): the path chosen, or null. */
  async function saveFileDialog(request: { defaultName: string; filters: FileFilter[] }): Promise<string | null> {
    const options = { defaultPath: path.join(app.getPath('documents'), request.defaultName), filters: request.filters, properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const] };
    const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  }

  function showAbout(): void {
    app.showAboutPanel();
  }

  function createWindow(): BrowserWindow {
    loaded = false;
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 880,
      minHeight: 560,
      show: false,
      title: 'Plumbline',
      backgroundColor: '#ffffff',
      webPreferences: secureWebPreferences(preloadPath, development),
    });
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-finish-load', () => {
      loaded = true;
      const files = queuedFiles;
      queuedFiles = [];
      if (files.length > 0) win.webContents.send(OPEN_FILES_CHANNEL, files);
    });
    win.webContents.on('render-process-gone', (_event, details) => {
      console.error(`Plumbline: the window's renderer stopped (${details.reason}).`);
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(APP_ENTRY_URL);
    return win;
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (!mainWindow && app.isReady()) createWindow();
    focusWindow();
    sendFiles(filePathsFromArgv(argv, workingDirectory));
  });

  // macOS: files opened with Plumbline from Finder or dropped on the Dock icon.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    sendFiles([filePath]);
  });

  // Every webContents, present or future: no navigation, no new windows, no <webview>.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, (dropped) => sendFiles([dropped]));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && !mainWindow) createWindow();
  });

  app.on('will-quit', (event) => {
    if (quitting || !worker) return;
    // Let the engine close the workspace cleanly (WAL checkpoint) before the process exits.
    event.preventDefault();
    quitting = true;
    router?.dispose('Plumbline is quitting.');
    const w = worker;
    worker = null;
    void w
      .terminate()
      .catch(() => undefined)
      .finally(() => app.quit());
  });

  const ready = app.whenReady().then(() => {
    hardenSession(session.defaultSession);
    handleAppProtocol(protocol, rendererRoot);

    const native = chooseNativeBinding({ appRoot, isPackaged: app.isPackaged, modules: process.versions.modules });
    if (native.kind === 'default' && development) console.warn(`Plumbline: using better-sqlite3's own build (${native.reason}).`);
    let engine: EngineWorker | Error;
    try {
      const started = startEngineWorker({
        dbPath,
        workerScript,
        assetsDir: unpackedPath(path.join(appRoot, 'assets')),
        // Report PDFs are printed by main (webContents.printToPDF), not by a system Chromium.
        printer: 'host',
        // New monitor alerts (after a check, an import, a watched file) become system notifications shown here.
        notifier: 'host',
        ...(native.kind === 'default' ? {} : { nativeBinding: native.path }),
      });
      worker = started;
      engine = started;
      const printer = createPrinter({ BrowserWindow, fromPartition: (p) => session.fromPartition(p) });
      const notifier = createNotifier(Notification, () => {
        if (!mainWindow) return;
        if (mainWindow.isMinimized()) mainWindow.restore();
        mainWindow.focus();
      });
      started.onHostRequest?.((req) => (req.kind === 'notify' ? notifier.answer(req) : printer.answer(req)));
      started.ready.catch((e: unknown) => {
        const message = e instanceof Error ? e.message : String(e);
        console.error(`Plumbline: the workspace ${dbPath} could not be opened: ${message}`);
        dialog.showErrorBox('Plumbline could not open its workspace', `${dbPath}\n\n${message}${native.kind === 'default' && development ? `\n\n(${native.reason})` : ''}`);
      });
    } catch (e) {
      engine = e instanceof Error ? e : new Error(String(e));
      console.error(`Plumbline: the engine could not start: ${engine.message}`);
    }
    router = registerIpc({ ipcMain, engine, getWindow: () => mainWindow, openFileDialog, openFolderDialog, saveFileDialog, showInFolder: (p) => shell.showItemInFolder(p) });

    app.setAboutPanelOptions({
      applicationName: 'Plumbline',
      applicationVersion: app.getVersion(),
      version: `Electron ${process.versions.electron ?? ''}`.trim(),
      copyright: 'MIT License',
      credits: 'Local-first model monitoring and audit. Nothing leaves this machine.',
    });
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            openFile: () => {
              void openFileDialog().then(sendFiles, () => undefined);
            },
            about: showAbout,
          },
          { platform: process.platform, development },
        ),
      ),
    );
    // A file opened from the OS may already have created the window.
    if (!mainWindow) createWindow();
  });

  return { ...handle, ready };
}

export const plumbline: PlumblineMain = startApp();
