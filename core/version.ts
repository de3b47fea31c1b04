/** Injected by the build from package.json; the fallback keeps tests running from source. */
declare const __PLUMBLINE_VERSION__: string | undefined;
export const PLUMBLINE_VERSION: string =
  typeof __PLUMBLINE_VERSION__ === 'string' ? __PLUMBLINE_VERSION__ : '0.0.0-dev';
