// The Markdown report rendered by a real CommonMark+GFM-tables renderer (markdown-it, with raw
// HTML and linkify ON, i.e. as permissive as GitHub): hostile log text stays text, no element or
// link comes from a log, and every table keeps its columns.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { markdown } from '../../src/report/markdown.js';
import { buildReport } from '../../src/report/model.js';
import { HOSTILE, fixtureAnalysis } from './fixture.js';

const md = new MarkdownIt({ html: true, linkify: true });
const report = buildReport(fixtureAnalysis(), { bundle: 'bundle' });
const out = markdown([report]);
const rendered = md.render(out);

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
});
