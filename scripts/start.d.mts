// Types for scripts/start.mjs, so tests can import its helpers.
export declare const NO_ELECTRON_MESSAGE: string;
export declare function findElectronBinary(projectRoot?: string): string | null;
export declare function electronTarget(projectRoot?: string): { version: string; modules: string | null };
export declare function ensureElectronNative(target: { version: string; modules: string | null }): void;
