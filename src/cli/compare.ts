// `oomtrail compare BEFORE AFTER` / `oomtrail compare BUNDLE --split-at TIME|auto`: wiring only.
// Analyses the bundle(s), hands them to src/compare/, writes the chosen format. Exit codes as for
// analyze: 2 for a usage error or an unreadable input, 1 when --fail-on matches the after side.
import { type AnalyzeOptions, analyze } from '../analyze.js';
import { type Comparison, type Split, autoSplit, compareBundles, compareSplit } from '../compare/compare.js';
import { compareHtml } from '../compare/html.js';
import { compareSummary } from '../compare/model.js';
import { compareJson, compareJunit, compareMarkdown, compareText } from '../compare/render.js';
import { buildReport } from '../report/model.js';
import { plain } from '../report/sanitize.js';
import { type FailOn, failOnMatched } from './fail-on.js';

export interface CompareArgs {
  inputs: string[];
  splitAt: string | undefined;
  format: string;
  options: Omit<AnalyzeOptions, 'inputs'>;
  failOn: FailOn;
  stderr: NodeJS.WritableStream;
  write: (text: string) => Promise<void>;
}

/** A usage problem: the caller prints it as one line and exits 2. */
export class CompareUsage extends Error {}

const FORMATS = ['text', 'markdown', 'html', 'json', 'junit'];

export async function runCompare(x: CompareArgs): Promise<number> {
  if (!FORMATS.includes(x.format)) throw new CompareUsage(`compare writes ${FORMATS.join(', ')}, not ${x.format}`);
  const two = x.inputs.length === 2;
  if (two === (x.splitAt !== undefined) || x.inputs.length > 2 || x.inputs.includes('-')) {
    throw new CompareUsage('compare wants two bundles (BEFORE AFTER), or one bundle and --split-at TIME|auto');
  }
  const options = { ...x.options, keep: 'report' as const };
  const a = await analyze({ ...options, inputs: [x.inputs[0]] });
  const b = two ? await analyze({ ...options, inputs: [x.inputs[1]] }) : a;
  const errors = [...a.errors, ...(two ? b.errors : [])];
  for (const e of errors) x.stderr.write(`oomtrail: ${plain(e.path)}: ${plain(e.reason)}\n`);
  let c: Comparison | null;
  if (two) c = compareBundles(a, b);
  else {
    let split: Split | null;
    if (x.splitAt === 'auto') split = autoSplit(a);
    else {
      const ms = a.clock.parseIso((x.splitAt ?? '').replace(' ', 'T'));
      if (!Number.isFinite(ms)) throw new CompareUsage(`--split-at wants an ISO time or auto, got ${x.splitAt}`);
      split = { ms, event: null };
    }
    if (!split) throw new CompareUsage(`${x.inputs[0]}: no restart or config change to split at; give --split-at TIME`);
    c = compareSplit(a, split);
  }
  if (!c) throw new CompareUsage(`${x.inputs.join(' ')}: nothing dated on both sides to compare`);
  const s = compareSummary(c, a.clock, { before: x.inputs[0], after: x.inputs[two ? 1 : 0] });
  const shiftMs = two ? c.after.from - c.before.to : 0;
  const sides = {
    clock: a.clock,
    before: { report: buildReport(a, { bundle: x.inputs[0] }), from: c.before.from, to: c.before.to },
    after: { report: two ? buildReport(b, { bundle: x.inputs[1] }) : buildReport(a, { bundle: x.inputs[0] }), from: c.after.from, to: c.after.to },
    shiftMs,
  };
  const text = { text: compareText, markdown: compareMarkdown, json: compareJson, junit: compareJunit }[x.format as 'text'];
  await x.write(x.format === 'html' ? compareHtml(s, sides) : text(s));
  if (errors.length > 0) return 2;
  const kinds: Record<string, number> = {};
  for (const f of c.after.failures) kinds[f.action] = (kinds[f.action] ?? 0) + 1;
  return failOnMatched(x.failOn, c.after.failures.length, kinds) ? 1 : 0;
}
