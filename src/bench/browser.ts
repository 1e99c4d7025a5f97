// Finding and starting a headless Chromium for the end-to-end test, the web bench and screenshots.
// Debian's chromium (apt install chromium) driven by playwright-core: no browser download.
import { existsSync } from 'node:fs';

/** The flags a sandboxed, offline machine needs (no background network, no first-run, no sandbox as root). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function findChromium(): string | undefined {
  for (const p of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (p && existsSync(p)) return p;
  }
  return undefined;
}
