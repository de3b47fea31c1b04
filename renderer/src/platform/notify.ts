/**
 * New monitor alerts as a system notification in browser mode (the browser's Notification API).
 * In the app, Electron main shows them (the engine asks it through the host channel), so this does
 * nothing there; nor without the user's permission, which is asked only on a click.
 */
import type { MonitorEvaluation } from '../../../core/api/types';
import { alertNotification } from '../../../core/format/alert-notification';
import type { Platform } from './platform';

type Permission = 'default' | 'granted' | 'denied' | 'unsupported';

/** Whether the browser may show notifications: 'unsupported' in the app (main notifies) or without the API. */
export function notificationPermission(platform: Platform): Permission {
  if (platform.kind !== 'browser' || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Asks for permission; call only from a click (browsers refuse a request without a user gesture). */
export async function askNotificationPermission(): Promise<Permission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

export function notifyNewAlerts(platform: Platform, alerts: readonly MonitorEvaluation[] | undefined): void {
  if (!alerts?.length || notificationPermission(platform) !== 'granted') return;
  const { title, body } = alertNotification(alerts);
  try {
    new Notification(title, { body, tag: 'plumbline-alerts' });
  } catch {
    // Some browsers only allow notifications from a service worker: the Overview still shows the alert.
  }
}
