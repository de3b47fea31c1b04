/**
 * System notifications of new monitor alerts, asked for by the engine through the host channel
 * (`notify`): the engine decides what is news and words it (core/format/alert-notification.ts);
 * main only shows it. Clicking it brings the window forward on the Overview.
 */
import type { HostRequestMessage, HostResponseMessage } from '../core/transport/host-channel';

/** The part of Electron's Notification class used here (a fake in tests). */
export interface NotificationClass {
  new (options: { title: string; body: string; silent?: boolean }): { show(): void; on(event: 'click', cb: () => void): unknown };
  isSupported(): boolean;
}

export interface Notifier {
  /** Answers a `notify` host request; never throws. Other kinds are refused. */
  answer(req: HostRequestMessage): Promise<HostResponseMessage>;
}

export function createNotifier(Notification: NotificationClass, onClick: () => void): Notifier {
  return {
    async answer(req) {
      if (req.kind !== 'notify') return { type: 'host-response', id: req.id, ok: false, error: `The notifier cannot handle ${String(req.kind)} requests.` };
      try {
        if (!Notification.isSupported()) return { type: 'host-response', id: req.id, ok: true, data: { shown: false } };
        const n = new Notification({ title: String(req.title).slice(0, 200), body: String(req.body).slice(0, 1000) });
        n.on('click', onClick);
        n.show();
        return { type: 'host-response', id: req.id, ok: true, data: { shown: true } };
      } catch (e) {
        return { type: 'host-response', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}
