/**
 * The preload and the renderer agree on `window.plumbline` at compile time: each side's interface
 * must be assignable to the other's, or `npm run typecheck` fails here.
 */
import { describe, expect, it } from 'vitest';
import type { PlumblineBridge as PreloadBridge } from '../../../electron/preload';
import type { PlumblineBridge as RendererBridge } from '../../../renderer/src/platform/electron-bridge';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: Same<PreloadBridge, RendererBridge> = true;

describe('window.plumbline contract', () => {
  it('is the same interface in the preload and in the renderer', () => {
    expect(agree).toBe(true);
  });
});
