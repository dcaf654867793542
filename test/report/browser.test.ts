// The HTML report in real headless Chromium (playwright-core over Debian's /usr/bin/chromium):
// no console error, no CSP violation, nothing fetched, the chart drawn, the filter working, and
// hostile log lines shown as text with no dialog. Screenshots go to test-output/ for people.
// Skips with a note when Chromium is absent (.ci/run installs it).
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../../src/report/html.js';
import { buildReport } from '../../src/report/model.js';
import { ROOT, SEED, run } from '../helpers.js';
import { fixtureAnalysis } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const OUT = path.join(ROOT, 'test-output');
if (!existsSync(CHROMIUM)) console.warn(`NOTE: ${CHROMIUM} is absent; the browser test is skipped (.ci/run installs it).`);

interface Watch {
  problems: string[];
  dialogs: string[];
  requests: string[];
}

async function open(ctx: BrowserContext, file: string): Promise<{ page: Page; watch: Watch }> {
  const page = await ctx.newPage();
  const watch: Watch = { problems: [], dialogs: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') watch.problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => watch.problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) watch.requests.push(r.url());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, watch };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

describe.skipIf(!existsSync(CHROMIUM))('html report in headless Chromium', () => {
  let ctx: BrowserContext;
  let profile: string;
  const file = path.join(OUT, 'report-fixture.html');
  const doc = html([buildReport(fixtureAnalysis(), { bundle: 'bundle' })]);

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    writeFileSync(file, doc);
    profile = mkdtempSync(path.join(tmpdir(), 'oomtrail-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await ctx?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads with no console error, no CSP violation and no request, and runs its own script', async () => {
    const { page, watch } = await open(ctx, file);
    expect(watch.problems).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(watch.requests).toEqual([]);
    expect(await page.locator('.filter').first().isVisible()).toBe(true); // un-hidden by the script
    await page.screenshot({ path: path.join(OUT, 'report-fixture.png'), fullPage: true });
    await page.screenshot({ path: path.join(OUT, 'report-fixture-top.png') });
    await page.close();
  });

  it('renders the seed incident (no snapshot yet: markers and bands only) as cleanly', async () => {
    const seed = path.join(OUT, 'report-seed.html');
    const a = await run([path.relative(ROOT, SEED)], { tz: 'Asia/Shanghai', date: { year: 2016, month: 5, day: 21 } });
    writeFileSync(seed, html([buildReport(a)]));
    const { page, watch } = await open(ctx, seed);
    expect(watch.problems).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(await page.locator('svg.chart g.failure:not(.key)').count()).toBe(2);
    expect(await page.locator('svg.chart rect.band:not(.key)').count()).toBe(2);
    await page.screenshot({ path: path.join(OUT, 'report-seed.png') });
    await page.close();
  });

  it('draws the chart: series paths with points, a failure marker, an incident band', async () => {
    const { page } = await open(ctx, file);
    const svg = page.locator('svg.chart').first();
    expect(await svg.isVisible()).toBe(true);
    for (const s of ['used', 'available', 'php_fpm', 'mysqld']) {
      const d = await svg.locator(`g.s-${s}:not(.key) path`).getAttribute('d');
      expect(d, s).toMatch(/^M[\d.]+ [\d.]+( L[\d.]+ [\d.]+)+$/);
    }
    expect(await svg.locator('g.s-php_fpm:not(.key) circle').count()).toBe(5);
    expect(await svg.locator('g.failure:not(.key)').count()).toBe(1);
    expect(await svg.locator('rect.band:not(.key)').count()).toBe(1);
    const box = await svg.locator('g.s-used:not(.key) path').boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    await page.close();
  });

  it('filters the timeline as one types, and shows it all again when cleared', async () => {
    const { page } = await open(ctx, file);
    const rows = page.locator('#timeline-1 tbody tr');
    const all = await rows.count();
    await page.locator('.filter input').first().fill('MMAP');
    const shown = page.locator('#timeline-1 tbody tr:not([hidden])');
    expect(await shown.count()).toBe(1);
    expect(await shown.first().textContent()).toContain('mmap(137363456 bytes) failed');
    expect(await page.locator('.filter output').first().textContent()).toBe(`1 of ${all} rows`);
    await page.locator('.filter input').first().fill('');
    expect(await shown.count()).toBe(all);
    await page.close();
  });

  it('shows hostile log lines as text: no dialog, no injected element', async () => {
    const { page, watch } = await open(ctx, file);
    await page.waitForTimeout(200);
    expect(watch.dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('td.msg', { hasText: '<script>alert(1)</script>' }).count()).toBe(1);
    expect(await page.locator('td.msg', { hasText: '<img src=x onerror=alert(1)>' }).isVisible()).toBe(true);
    await page.close();
  });

  it('enforces its CSP: a script added to the file does not run and is reported', async () => {
    const tampered = path.join(OUT, 'report-tampered.html');
    writeFileSync(tampered, doc.replace('</body>', '<script>window.injected = 1; alert(2)</script><img src="http://127.0.0.1:9/x.png"></body>'));
    const { page, watch } = await open(ctx, tampered);
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    expect(watch.dialogs).toEqual([]);
    const v = await violations(page);
    expect(v.some((x) => x.startsWith('script-src'))).toBe(true);
    expect(v.some((x) => x.startsWith('img-src'))).toBe(true);
    await page.close();
  });
});
