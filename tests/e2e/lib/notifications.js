/**
 * What arrived at the desktop notification daemon: dunst, which scripts/e2e.sh starts on the
 * run's private D-Bus session bus (config tests/e2e/dunstrc: nothing times out). `dunstctl
 * close-all` moves every notification on screen into dunst's history, and `dunstctl history`
 * prints that history as JSON, newest first.
 */
import { execFileSync } from 'node:child_process';

/**
 * @typedef {{id: number, appname: string, summary: string, body: string}} Notification
 */

/**
 * Every notification that has arrived since dunst started, oldest first.
 * @returns {Notification[]}
 */
export function notificationsArrived() {
  execFileSync('dunstctl', ['close-all']);
  const json = JSON.parse(execFileSync('dunstctl', ['history'], { encoding: 'utf8' }));
  /** @type {Record<string, {data: unknown}>[]} */
  const rows = json.data?.[0] ?? [];
  return rows
    .map((n) => ({
      id: Number(n.id.data),
      appname: String(n.appname.data),
      summary: String(n.summary.data),
      body: String(n.body.data),
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * The notifications that arrived after the one with id `after`, oldest first.
 * @param {number} after
 */
export function notificationsSince(after) {
  return notificationsArrived().filter((n) => n.id > after);
}

/** The highest id that has arrived so far (0 for none). */
export function lastNotificationId() {
  return Math.max(0, ...notificationsArrived().map((n) => n.id));
}
