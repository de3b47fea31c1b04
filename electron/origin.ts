/** The renderer's origin: a privileged custom scheme instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'plumbline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
