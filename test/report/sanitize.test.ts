// The sanitizers each output relies on: terminal escapes made visible, XML characters escaped and
// non-characters replaced, Markdown punctuation escaped and log text fenced as code spans.
import { describe, expect, it } from 'vitest';
import { clip, markdown, markdownCode, plain, plainLines, xml, xmlLines } from '../../src/report/sanitize.js';

describe('plain', () => {
  it('shows control, C1 and bidi characters as escapes and keeps tabs and emoji', () => {
    expect(plain('a\u001b[31mb\u0007c\u0000d\re\nf\u009bg\u202eh\ti😀')).toBe('a\\x1b[31mb\\x07c\\x00d\\x0de\\x0af\\x9bg\\u202eh\ti😀');
  });
  it('replaces lone surrogates, not pairs', () => {
    expect(plain('x\ud800y\udfffz😀')).toBe('x\ufffdy\ufffdz😀');
  });
  it('keeps line feeds in plainLines and turns CRLF into LF', () => {
    expect(plainLines('a\r\nb\n\u001bc')).toBe('a\nb\n\\x1bc');
  });
});

describe('xml', () => {
  it('escapes markup and quotes, and replaces what XML cannot hold', () => {
    expect(xml(`<a href="x" b='y'>&amp; ]]> \uffff \ufffe`)).toBe('&lt;a href=&quot;x&quot; b=&#39;y&#39;&gt;&amp;amp; ]]&gt; \ufffd \ufffd');
    expect(xmlLines('<b>\n</b>')).toBe('&lt;b&gt;\n&lt;/b&gt;');
  });
});

describe('markdown', () => {
  it('escapes everything Markdown or GitHub would act on', () => {
    expect(markdown('<script>|`x`|[a](javascript:b) *e* $m$ @u ~s~')).toBe('\\<script\\>\\|\\`x\\`\\|\\[a\\]\\(javascript:b\\) \\*e\\* \\$m\\$ @\u200bu \\~s\\~');
    expect(markdown('# h')).toBe('\\# h');
    expect(markdown('- item')).toBe('\\- item');
    expect(markdown('1. item')).toBe('1\\. item');
    expect(markdown('see https://x.y and www.z.com')).toBe('see https\\://x.y and www\\.z.com');
  });
  it('fences code spans longer than any backtick run and escapes pipes in tables', () => {
    expect(markdownCode('a | b')).toBe('`a \\| b`');
    expect(markdownCode('a ``b`` c', false)).toBe('```a ``b`` c```');
    expect(markdownCode('`x`', false)).toBe('`` `x` ``');
    expect(markdownCode('   ')).toBe('');
    expect(markdownCode('line\nbreak')).toBe('`line\\x0abreak`');
  });
});

describe('clip', () => {
  it('cuts long text with a count and never splits a surrogate pair', () => {
    expect(clip('abcdef', 3)).toBe('abc… (3 more characters)');
    expect(clip('ab😀', 3)).toBe('ab… (2 more characters)');
    expect(clip('short', 10)).toBe('short');
  });
});

describe('markdown prose', () => {
  it('breaks @mentions with a zero-width space (GitHub links them after rendering, escaped or not)', () => {
    const md = markdown('culprit e)@octocat');
    expect(md).not.toMatch(/@octocat/);
    expect(md).toContain('@\u200boctocat');
  });
});
