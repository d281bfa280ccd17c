/**
 * A small W3C WebDriver client over fetch, enough to drive Wellkept's real window through
 * tauri-driver (which forwards to WebKitWebDriver).
 *
 * Usage:
 *   const session = await Session.start('http://127.0.0.1:4444', '/abs/path/target/debug/wellkept-app');
 *   const button = await session.waitFor('button[data-keychain]');
 *   await button.click();
 *   await session.screenshot('artifacts/screenshots/unlock.png');
 *   await session.end();
 *
 * Every failed command throws a WebDriverError that names the command and the driver's message.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecc';
const REQUEST_TIMEOUT_MS = 90_000;

export class WebDriverError extends Error {
  /**
   * @param {string} what
   * @param {number} status
   * @param {any} value
   */
  constructor(what, status, value) {
    super(`${what} failed (HTTP ${status}): ${value?.error ?? ''} ${value?.message ?? JSON.stringify(value)}`.trim());
    this.name = 'WebDriverError';
    this.status = status;
    this.code = value?.error;
  }
}

/**
 * @param {string} url
 * @param {string} method
 * @param {unknown} [body]
 */
async function request(url, method, body) {
  const response = await fetch(url, {
    // A driver call that never answers (a hung page) fails the test instead of the whole run.
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(`${method} ${url}`, response.status, { message: text.slice(0, 300) });
  }
  if (!response.ok) throw new WebDriverError(`${method} ${new URL(url).pathname}`, response.status, json.value);
  return json.value;
}

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Element {
  /**
   * @param {Session} session
   * @param {string} id
   * @param {string} description
   */
  constructor(session, id, description) {
    this.session = session;
    this.id = id;
    this.description = description;
  }

  /** @param {string} path @param {string} [method] @param {unknown} [body] */
  cmd(path, method = 'GET', body) {
    return this.session.cmd(`/element/${this.id}${path}`, method, body);
  }

  click() { return this.cmd('/click', 'POST', {}); }
  clear() { return this.cmd('/clear', 'POST', {}); }
  /** @param {string} text */
  type(text) { return this.cmd('/value', 'POST', { text }); }
  text() { return this.cmd('/text'); }
  /** @param {string} name */
  property(name) { return this.cmd(`/property/${name}`); }
  /** @param {string} name */
  attribute(name) { return this.cmd(`/attribute/${name}`); }
  displayed() { return this.cmd('/displayed'); }
}

export class Session {
  /**
   * @param {string} base
   * @param {string} id
   */
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  /**
   * Starts the app through tauri-driver and returns its session.
   * @param {string} base      e.g. http://127.0.0.1:4444
   * @param {string} application absolute path of the debug binary
   * @param {string[]} [args]   command-line arguments for the app
   */
  static async start(base, application, args = []) {
    const value = await request(`${base}/session`, 'POST', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    });
    return new Session(base, value.sessionId);
  }

  /** @param {string} path @param {string} [method] @param {unknown} [body] */
  cmd(path, method = 'GET', body) {
    return request(`${this.base}/session/${this.id}${path}`, method, body);
  }

  async end() {
    try {
      await request(`${this.base}/session/${this.id}`, 'DELETE');
    } catch {
      // The app may already be gone (the kill test); nothing to clean up then.
    }
  }

  /**
   * Finds one element by CSS selector, or null.
   * @param {string} css
   */
  async find(css) {
    try {
      const value = await this.cmd('/element', 'POST', { using: 'css selector', value: css });
      // W3C drivers answer with ELEMENT_KEY; older ones with a single differently named key.
      const id = value[ELEMENT_KEY] ?? Object.values(value)[0];
      return new Element(this, String(id), css);
    } catch (error) {
      if (error instanceof WebDriverError && error.code === 'no such element') return null;
      throw error;
    }
  }

  /**
   * Waits until an element matching `css` exists (and, when given, its text contains `text`).
   * @param {string} css
   * @param {{timeout?: number, text?: string}} [options]
   */
  async waitFor(css, { timeout = 15000, text } = {}) {
    const deadline = Date.now() + timeout;
    let lastText = '';
    for (;;) {
      const element = await this.find(css);
      if (element) {
        if (text === undefined) return element;
        lastText = String(await element.text().catch(() => ''));
        if (lastText.includes(text)) return element;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out after ${timeout} ms waiting for ${css}${text ? ` containing "${text}" (last text: "${lastText.slice(0, 200)}")` : ''}`);
      }
      await sleep(100);
    }
  }

  /**
   * Waits until no element matches `css`.
   * @param {string} css
   * @param {number} [timeout]
   */
  async waitGone(css, timeout = 15000) {
    const deadline = Date.now() + timeout;
    while (await this.find(css)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${css} to go away`);
      await sleep(100);
    }
  }

  /**
   * Runs a synchronous script in the page.
   * @param {string} script
   * @param {unknown[]} [args]
   */
  execute(script, args = []) {
    return this.cmd('/execute/sync', 'POST', { script, args });
  }

  /**
   * Runs an async script; the script calls `arguments[arguments.length - 1](result)`.
   * @param {string} script
   * @param {unknown[]} [args]
   */
  executeAsync(script, args = []) {
    return this.cmd('/execute/async', 'POST', { script, args });
  }

  /** @param {number} ms */
  setScriptTimeout(ms) {
    return this.cmd('/timeouts', 'POST', { script: ms });
  }

  /**
   * Saves a PNG screenshot of the window.
   * @param {string} path
   */
  async screenshot(path) {
    const base64 = await this.cmd('/screenshot');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(base64, 'base64'));
    return path;
  }

  /**
   * Sends keys to whatever has focus (W3C actions), e.g. a shortcut.
   * @param {{key: string, ctrl?: boolean, shift?: boolean}} chord
   */
  async press({ key, ctrl = false, shift = false }) {
    const down = [];
    const up = [];
    if (ctrl) { down.push({ type: 'keyDown', value: '\uE009' }); up.unshift({ type: 'keyUp', value: '\uE009' }); }
    if (shift) { down.push({ type: 'keyDown', value: '\uE008' }); up.unshift({ type: 'keyUp', value: '\uE008' }); }
    const actions = [...down, { type: 'keyDown', value: key }, { type: 'keyUp', value: key }, ...up];
    await this.cmd('/actions', 'POST', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    await this.cmd('/actions', 'DELETE');
  }
}
