// The Markdown report rendered by a real CommonMark+GFM-tables renderer (markdown-it, with raw
// HTML and linkify ON, i.e. as permissive as GitHub): hostile log text stays text, no element or
// link comes from a log, and every table keeps its columns. The answer comes first, routine rows
// are summarised, and a big input (a generated crash loop, a sweep of thousands) stays under 1 MiB.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { MAX_MARKDOWN_BYTES, markdown } from '../../src/report/markdown.js';
import { type Report, buildReport } from '../../src/report/model.js';
import { HOSTILE, fixtureAnalysis } from './fixture.js';

const md = new MarkdownIt({ html: true, linkify: true });
const report = buildReport(fixtureAnalysis(), { bundle: 'bundle' });
// --verbose: every timeline row, the hostile ones included (the default summarises routine rows)
const out = markdown([report], { verbose: true });
const rendered = md.render(out);
const short = markdown([report]);

describe('markdown report', () => {
  it('contains no raw HTML: outside code spans nothing looks like a tag', () => {
    const outside = out.replace(/(`+)[\s\S]*?\1/g, '');
    expect(outside).not.toMatch(/<[a-z!/]/i);
  });

  it('renders hostile log lines as code, never as elements or links', () => {
    expect(rendered).not.toMatch(/<script|<img|href="javascript|<h1|<em>|<del>|<s>|<math/i);
    expect(rendered).not.toMatch(/<a /); // no link at all: nothing in the report is a link
    expect(rendered).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>');
    expect(rendered).toContain('<code>&lt;img src=x onerror=alert(1)&gt;</code>');
    expect(rendered).toContain('[x](javascript:alert(1))');
    expect(rendered).toContain('@octocat #123');
  });

  it('keeps every table row to its header\'s column count (pipes and backticks in logs)', () => {
    const tables = rendered.split('<table>').slice(1);
    expect(tables.length).toBeGreaterThanOrEqual(4);
    for (const t of tables) {
      const head = (t.split('</thead>')[0].match(/<th[ >]/g) ?? []).length;
      for (const row of t.split('</thead>')[1].split('<tr>').slice(1)) expect((row.match(/<td[ >]/g) ?? []).length).toBe(head);
    }
    expect(rendered).toContain('<code>| a | b | `tick` ``double``');
  });

  it('makes terminal escapes visible and clips the long line', () => {
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(out).toContain('\\x1b[31mred');
    expect(out).toMatch(/x{100}… \(\d+ more characters\)/);
    expect(out.split('\n').every((l) => l.length < 2000)).toBe(true);
  });

  it('puts every hostile line in the timeline', () => {
    for (const h of HOSTILE.slice(0, 2)) expect(out).toContain(h);
  });

  it('gives one section per bundle in a sweep, with an overview table first', () => {
    const sweep = markdown([report, { ...report, bundle: 'other' }]);
    expect(sweep.match(/^## oomtrail: /gm)).toHaveLength(2);
    expect(sweep).toMatch(/^# oomtrail sweep: 2 bundles, 2 with memory failures/);
    expect(sweep).toContain('| 2 | `other` |');
  });

  it('answers first, names kinds in words, and summarises routine rows unless --verbose', () => {
    const lines = short.split('\n');
    expect(lines[4]).toBe('| question | answer |');
    expect(short.indexOf('What held the memory')).toBeLessThan(short.indexOf('### Failures'));
    expect(short).toContain('| **What failed** | mysqld could not get 131 MiB for its InnoDB buffer pool |');
    // the first buffer pool size (unchanged) and the abort in the failure's second are routine too
    expect(short).toMatch(/\n11 routine rows not shown: server note ×7, top snapshot ×2, buffer pool size, server aborted\.\n/);
    expect(short).not.toContain('alert(1)');
    expect(short).not.toMatch(/`mysql\.mmap_failed`/);
  });

  it('stays under 1 MiB for a generated crash loop, saying what it left out', async () => {
    const cycle = (i: number) => {
      const t = `160521 ${String(10 + Math.floor(i / 3600) % 10).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      return [`${t} mysqld_safe mysqld restarted`, `${t} [Note] /usr/sbin/mysqld (mysqld 5.5.49-log) starting as process ${1000 + i} ...`, `${t} InnoDB: Initializing buffer pool, size = 128.0M`, 'InnoDB: mmap(137363456 bytes) failed; errno 12', `${t} [ERROR] Plugin 'InnoDB' init function returned error. <b>${i}</b>`, `${t} [ERROR] Aborting`].join('\n');
    };
    const log = Array.from({ length: 3000 }, (_, i) => cycle(i)).join('\n');
    const a = await analyze({ inputs: ['-'], stdin: (await import('node:stream')).Readable.from([Buffer.from(log)]), tz: 'UTC', date: { year: 2016, month: 5, day: 21 }, keep: 'all' });
    expect(a.failures.length).toBe(3000);
    const text = markdown([buildReport(a, { bundle: 'loop', verbose: true })], { verbose: true });
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_MARKDOWN_BYTES);
    expect(text).toMatch(/\n… 2800 more failures not shown here; the JSON report \\\(--format json\\\) has them all\.\n/);
    expect(text).toMatch(/\n… \d+ more timeline rows not shown; run oomtrail with --format text --verbose for all of them\.\n/);
  }, 60_000);

  it('cuts a sweep of thousands of bundles at a line under 1 MiB, with a note', () => {
    const many: Report[] = Array.from({ length: 3000 }, (_, i) => ({ ...report, bundle: `bundle-${i}` }));
    const text = markdown(many);
    const size = Buffer.byteLength(text);
    expect(size).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES);
    expect(size).toBeGreaterThan(MAX_MARKDOWN_BYTES - 2000);
    expect(text).toMatch(/\n\n> \*\*Report cut here\*\* to stay under GitHub's 1 MiB: \d+ more bytes \(further rows and sections\) left out\. The JSON \(--format json\) or text report has everything\.\n$/);
    expect(text.startsWith('# oomtrail sweep: 3000 bundles, 3000 with memory failures')).toBe(true);
  });
});
