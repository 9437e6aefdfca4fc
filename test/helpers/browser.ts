/**
 * A real browser for the community page's tests: Debian's `chromium` driven by playwright-core (no browser download).
 * Where it is missing, suites declared with `describeBrowser` are listed as pending with the reason.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.RDOBOT_CHROMIUM || '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
const NO_CHROMIUM_REASON = `no Chromium at ${CHROMIUM}: apt-get install chromium (or set RDOBOT_CHROMIUM)`;

/** Quiet and self-contained: no sandbox (CI runs as root), no GPU, no QUIC, no first-run or background traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch Chromium. playwright's launch() gives every browser a fresh temporary user-data dir, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** A suite that needs the browser: runs where Chromium is installed, pending with the reason where it is not. */
export function describeBrowser(title: string, body: (this: Mocha.Suite) => void): Mocha.Suite {
  if (HAVE_CHROMIUM) return describe(`[browser] ${title}`, body);
  return describe(`[browser] ${title} — pending: ${NO_CHROMIUM_REASON}`, function (this: Mocha.Suite) {
    before(function () {
      this.skip();
    });
    body.call(this);
  });
}
