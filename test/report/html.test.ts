// The HTML report as a file: self-contained (no URL of any kind), one script and one style sheet,
// both named by hash in the CSP, all log text escaped, one section per bundle in a sweep. (It is
// loaded in a real browser in browser.test.ts.)
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ChartSpec, chartFigure } from '../../src/report/chart.js';
import { html } from '../../src/report/html.js';
import { uplot } from '../../src/report/uplot-asset.js';
import { buildReport } from '../../src/report/model.js';
import { fixtureAnalysis } from './fixture.js';

const report = buildReport(fixtureAnalysis(), { bundle: 'bundle' });
const doc = html([report]);
/** The document with every script and style body emptied (uPlot's code holds `<` and `>`). */
const bodiesOut = (d: string) => d.replace(/(<(script|style)\b[^>]*>)[\s\S]*?(<\/\2>)/g, '$1$3');
const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

describe('html report', () => {
  it('references nothing outside itself', () => {
    const markup = bodiesOut(doc).replace(/>[^<]*</g, '><'); // tags and attributes only (text, style and script bodies out)
    expect(markup).not.toMatch(/\s(?:src|href|action|srcset|xlink:href|poster|data|formaction)\s*=/i);
    expect(markup).not.toMatch(/<(?:link|iframe|object|embed|img|base|form|audio|video)\b/i);
    expect(markup.replace('http-equiv', '')).not.toMatch(/https?:|ftp:|\/\/[a-z0-9]/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(doc)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(doc)?.[1] ?? '';
    expect(style).not.toMatch(/url\(|@import|https?:/i);
    expect(script).not.toMatch(/fetch|XMLHttpRequest|import|https?:|innerHTML|eval/);
  });

  it('lets in only its own script and style, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(doc)?.[1] ?? '';
    const scripts = [...doc.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    const styles = [...doc.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(csp.split('; ')).toEqual([
      "default-src 'none'",
      `script-src ${hash(scripts[0])}`,
      `style-src ${hash(styles[0])}`,
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    const markup = bodiesOut(doc).replace(/>[^<]*</g, '><');
    expect(markup).not.toMatch(/\son[a-z]+\s*=/i); // no inline handler anywhere
    expect(markup).not.toMatch(/\sstyle\s*=/i); // no style attribute: the CSP needs no 'unsafe-inline'
  });

  it('escapes every hostile log line', () => {
    expect(doc).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(doc).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(doc).toContain('CDATA end ]]&gt; and a lone surrogate \ufffd');
    expect(doc).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/);
  });

  it('gives a sweep one section, chart and timeline per bundle', () => {
    const sweep = html([report, { ...report, bundle: 'other' }]);
    expect(sweep.match(/<section class="bundle"/g)).toHaveLength(2);
    expect(sweep.match(/<figure class="chart"/g)).toHaveLength(2);
    expect(sweep).toContain('id="chart-2"');
    expect(sweep).toContain('id="timeline-2"');
    expect(sweep.match(/<script>/g)).toHaveLength(1);
  });

  it('inlines uPlot and its licence notice, and nothing that names a place to load from', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(doc)?.[1] ?? '';
    expect(script).toContain(`uPlot v${uplot().version}, (c) 2022 Leon Sorokin, MIT License`);
    expect(script).toContain('var uPlot=');
    expect(doc).toContain(`drawn with uPlot ${uplot().version} under the MIT licence`);
  });

  it('carries the chart data as an inert JSON block, log-controlled text escaped', () => {
    const spec: ChartSpec = { title: '</script><img src=x onerror=alert(1)> \u2028 &amp;', start: 0, end: 1000, offsets: [[0, 0]], panes: [], marks: [], bands: [], summary: ['<b>x</b>'], table: null };
    const fig = chartFigure(spec, 'c1');
    const block = /<script type="application\/json" class="chart-spec">([\s\S]*?)<\/script>/.exec(fig)?.[1] ?? '';
    expect(block).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(block).title).toBe(spec.title);
    expect(fig).toContain('<p>&lt;b&gt;x&lt;/b&gt;</p>');
    expect(fig.match(/<\/script>/g)).toHaveLength(1);
  });
});
