// What the browser tests measure on a drawn chart, in the page itself: the axis labels uPlot drew
// (its own splits and values, measured with its own font, not our script's bookkeeping), legend
// boxes against the figure, sideways scroll, colours in force, and the failure markers' boxes.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export interface Label {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Every axis label of every pane of chart `n` (0-based), as boxes in the canvas's CSS px. */
export function axisLabels(page: Page, n = 0): Promise<{ pane: number; axis: number; width: number; fontPx: number; labels: Label[] }[]> {
  return page.evaluate((n) => {
    type Axis = { _splits?: number[]; _values?: string[]; font: [string, number]; side: number };
    type Plot = { width: number; height: number; axes: Axis[]; valToPos: (v: number, s: string) => number; bbox: { left: number; top: number; width: number; height: number } };
    const chart = (window as unknown as { oomtrailCharts: { plots: Plot[] }[] }).oomtrailCharts[n];
    const ctx = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
    const r = devicePixelRatio || 1;
    return chart.plots.flatMap((u, pane) =>
      u.axes.map((a, axis) => {
        const fontPx = a.font[1] / r;
        ctx.font = a.font[0].replace(/[\d.]+px/, `${fontPx}px`);
        const labels: Label[] = [];
        (a._splits ?? []).forEach((v, i) => {
          const lines = String(a._values?.[i] ?? '').split('\n');
          lines.forEach((text, j) => {
            if (!text) return;
            const w = ctx.measureText(text).width;
            if (axis === 0) {
              const x = u.bbox.left / r + u.valToPos(v, 'x');
              labels.push({ text, left: x - w / 2, right: x + w / 2, top: j * fontPx * 1.5, bottom: (j + 1) * fontPx * 1.5 });
            } else {
              const y = u.bbox.top / r + u.valToPos(v, 'y');
              labels.push({ text, left: 0, right: w, top: y - fontPx / 2, bottom: y + fontPx / 2 });
            }
          });
        });
        return { pane, axis, width: u.width, fontPx, labels };
      }),
    );
  }, n);
}

/** Pairs of labels of one axis whose boxes overlap (same line of text on the time axis). */
export function overlaps(labels: Label[], axis: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i];
      const b = labels[j];
      const sameRow = axis !== 0 || a.top === b.top;
      const apart = axis === 0 ? a.right <= b.left || b.right <= a.left : a.bottom <= b.top || b.bottom <= a.top;
      if (sameRow && !apart) out.push(`${a.text} / ${b.text}`);
    }
  return out;
}

/** Legend entries not wholly inside their figure, or a legend that scrolls. */
export function clippedLegend(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const fig of document.querySelectorAll('figure.chart')) {
      const f = fig.getBoundingClientRect();
      for (const leg of fig.querySelectorAll<HTMLElement>('.u-legend')) {
        if (leg.scrollWidth > leg.clientWidth + 1) out.push(`legend scrolls: ${leg.scrollWidth} > ${leg.clientWidth}`);
        for (const item of leg.querySelectorAll<HTMLElement>('tr.u-series')) {
          const b = item.getBoundingClientRect();
          if (b.width === 0 || b.left < f.left - 0.5 || b.right > f.right + 0.5) out.push(`${item.textContent}: ${b.left}..${b.right} outside ${f.left}..${f.right}`);
        }
      }
    }
    return out;
  });
}

export const sidewaysScroll = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);

/** Colours in force: the page background, and the first pane's axis text and first series stroke. */
export function colours(page: Page): Promise<{ background: string; axis: string; series: string }> {
  return page.evaluate(() => {
    type Plot = { axes: { stroke: (u: unknown, i: number) => string }[]; series: { stroke: (u: unknown, i: number) => string }[] };
    const u = (window as unknown as { oomtrailCharts: { plots: Plot[] }[] }).oomtrailCharts[0].plots[0];
    return { background: getComputedStyle(document.body).backgroundColor, axis: u.axes[0].stroke(u, 0), series: u.series[1].stroke(u, 1) };
  });
}

/** Relative luminance of `rgb(r, g, b)` or `#rrggbb`, 0 (black) to 1 (white). */
export function luminance(colour: string): number {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  const rgb = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : (/(\d+),\s*(\d+),\s*(\d+)/.exec(colour)?.slice(1).map(Number) ?? [0, 0, 0]);
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The first pane's x range and the plot area's box in the page. */
export function xRange(page: Page, n = 0): Promise<{ panes: [number, number][]; box: { x: number; y: number; width: number; height: number } }> {
  return page.evaluate((n) => {
    type Plot = { scales: { x: { min: number; max: number } }; over: HTMLElement };
    const plots = (window as unknown as { oomtrailCharts: { plots: Plot[] }[] }).oomtrailCharts[n].plots;
    const b = plots[0].over.getBoundingClientRect();
    return { panes: plots.map((u) => [u.scales.x.min, u.scales.x.max] as [number, number]), box: { x: b.left, y: b.top, width: b.width, height: b.height } };
  }, n);
}

/** Markers: boxes that do not overlap, all failures counted in them, the first one's link opens its row. */
export async function markersAndLinks(page: Page, failures: number): Promise<void> {
  const { groups, width } = await page.evaluate(() => {
    type Chart = { groups: { count: number }[]; plots: { over: HTMLElement }[] };
    const c = (window as unknown as { oomtrailCharts: Chart[] }).oomtrailCharts[0];
    return { groups: c.groups.map((g) => g.count), width: c.plots[0].over.getBoundingClientRect().width };
  });
  expect(groups.reduce((a, b) => a + b, 0)).toBe(failures);
  const marks = page.locator('figure.chart a.fmark');
  expect(await marks.count()).toBe(groups.length);
  expect(groups.length).toBeLessThanOrEqual(Math.floor(width / 16) + 1);
  const boxes = (await marks.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((b) => [b.left, b.right]))).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i][0], `marker ${i} clear of the one before`).toBeGreaterThanOrEqual(boxes[i - 1][1] - 0.5);
  if (failures === 0) return;
  const first = marks.and(page.locator('[href]')).first();
  const href = (await first.getAttribute('href')) as string;
  expect(href).toMatch(/^#b1-r\d+$/);
  await first.click();
  expect(await page.evaluate(() => location.hash)).toBe(href);
  const row = page.locator(`tr.failure${href}`);
  expect(await row.count()).toBe(1);
  expect(await row.isVisible()).toBe(true);
  const box = await row.boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  expect(box && box.y >= -1 && box.y < height, `row at ${JSON.stringify(box)} in ${height} px, scrolled ${await page.evaluate(() => window.scrollY)}`).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
}

const legendValues = (page: Page) => page.locator('figure.chart .u-legend .u-value').allTextContents();

/** The crosshair shows a time and values; a drag zooms both panes; double-click and Reset undo it. */
export async function crosshairAndZoom(page: Page): Promise<void> {
  const { panes: [full], box } = await xRange(page);
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  const values = await legendValues(page);
  expect(values[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  expect(values.some((v) => /^\d+(\.\d)? (B|KiB|MiB|GiB)$/.test(v))).toBe(true);
  const left = await page.evaluate(() => (window as unknown as { oomtrailCharts: { plots: { cursor: { left: number } }[] }[] }).oomtrailCharts[0].plots[0].cursor.left);
  expect(Math.abs(left - box.width / 2)).toBeLessThanOrEqual(2);
  const drag = async () => {
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 6 });
    await page.mouse.up();
  };
  await drag();
  const zoomed = (await xRange(page)).panes;
  const share = (zoomed[0][1] - zoomed[0][0]) / (full[1] - full[0]);
  expect(share).toBeGreaterThan(0.27);
  expect(share).toBeLessThan(0.33);
  for (const p of zoomed) expect(p).toEqual(zoomed[0]); // the panes move together
  await page.mouse.dblclick(box.x + box.width / 2, y);
  expect((await xRange(page)).panes[0]).toEqual(full);
  await drag();
  expect((await xRange(page)).panes[0]).not.toEqual(full);
  await page.locator('figure.chart button.reset').click();
  expect((await xRange(page)).panes[0]).toEqual(full);
}
