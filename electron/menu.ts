/**
 * The application menu as data. main.ts supplies the actions; devtools only appear in development.
 */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  readonly openFile: () => void;
  readonly about: () => void;
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** True when not packaged: adds Toggle Developer Tools. */
  readonly development: boolean;
}

export function menuTemplate(actions: MenuActions, opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: 'Plumbline',
      submenu: [
        { label: 'About Plumbline', click: () => actions.about() },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: '&File',
    submenu: [
      { id: 'open', label: '&Open…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFile() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  template.push({
    label: '&View',
    submenu: [
      { id: 'reload', role: 'reload' },
      ...(opts.development ? [{ id: 'devtools', role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  if (mac) template.push({ role: 'windowMenu' });
  template.push({
    label: '&Help',
    role: 'help',
    submenu: [{ id: 'about', label: 'About Plumbline', click: () => actions.about() }],
  });
  return template;
}
