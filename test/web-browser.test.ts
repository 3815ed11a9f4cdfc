// The ask page in a real browser: Debian's chromium (installed by .ci/run, path in
// ONRAMP_TEST_CHROMIUM) driven by playwright-core, which downloads no browser. Open /, type
// a question, see the answer and a citation, follow the citation to its anchor.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startBot, type RunningBot } from '../src/serve/start-bot.js';

const candidates = [process.env.ONRAMP_TEST_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
const chromium = candidates.find((p) => existsSync(p));
if (!chromium) {
  console.warn(`web-browser.test.ts skipped: no chromium found (looked at ${candidates.join(', ')}); .ci/run installs Debian's chromium and sets ONRAMP_TEST_CHROMIUM`);
}

describe.skipIf(!chromium)('the ask page in chromium', () => {
  let bot: RunningBot;
  let browser: import('playwright-core').BrowserContext;
  const profiles: string[] = [];
  /** A browser on a fresh profile (playwright passes it as --user-data-dir). */
  const launch = async (javaScriptEnabled = true) => {
    const { chromium: pw } = await import('playwright-core');
    const dir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
    profiles.push(dir);
    return pw.launchPersistentContext(dir, {
      executablePath: chromium,
      headless: true,
      javaScriptEnabled,
      viewport: { width: 1100, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 30_000,
    });
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'web-browser-'));
    bot = await startBot(loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ONRAMP_STORE: `file:${join(dir, 'store.json')}` }));
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  });

  it('asks, shows the answer with a citation, and lands on the cited anchor', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`http://localhost:${bot.port}/`);
    await page.fill('input[name=q]', 'How does a restore pick up plugins?');
    await page.click('form.ask button[type=submit]');
    const citation = page.locator('#result ol.citations a').first();
    await citation.waitFor({ timeout: 15_000 });
    expect(await page.locator('#result .answer .body').innerText()).toMatch(/plugin/i);
    expect(page.url()).toMatch(/\/ask\?q=How/);
    await page.screenshot({ path: '/tmp/onramp-ask.png', fullPage: true });

    const href = (await citation.getAttribute('href'))!;
    expect(href).toMatch(new RegExp(`^http://localhost:${bot.port}/guide/[a-z-]+#[a-z0-9_-]+$`));
    await citation.click();
    await page.waitForURL((u) => u.pathname.startsWith('/guide/'));
    const hash = await page.evaluate<string>('location.hash');
    expect(hash).toBe(new URL(href).hash);
    const id = decodeURIComponent(hash.slice(1));
    expect(await page.evaluate<boolean>(`Boolean(document.getElementById(${JSON.stringify(id)}))`)).toBe(true);
    expect(await page.evaluate<string | undefined>("document.querySelector(':target')?.id")).toBe(id);
    await page.screenshot({ path: '/tmp/onramp-guide.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('works without JavaScript: the form renders the answer on the server', async () => {
    const context = await launch(false);
    const page = await context.newPage();
    await page.goto(`http://localhost:${bot.port}/`);
    await page.fill('input[name=q]', '<script>alert(1)</script> backup hooks');
    await Promise.all([page.waitForURL(/\/ask\?q=/), page.click('form.ask button[type=submit]')]);
    expect(await page.locator('#result .answer').count()).toBe(1);
    expect(await page.inputValue('input[name=q]')).toBe('<script>alert(1)</script> backup hooks');
    await context.close();
  }, 60_000);
});
