// npm run bench: speed and memory of the full analysis against a bare readline line count of the
// same file, measured side by side (interleaved, median of several runs) in the same run.
// Prints lines/s, MB/s, peak RSS and the ratios; exits non-zero when a target is missed.
// Targets (issue 7): time ≤ 2.0× the baseline (stretch 1.5×), peak RSS ≤ 300 MB, and flat:
// 10× the input moves peak RSS by less than 20%; `--each` over two equal bundles takes at most
// 1.5× the time of one (both cores busy). Also shows the peak RSS of `--each --format ndjson`
// over two and six bundles (every event streams out; memory does not grow with the bundle count).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'bench', '.data');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LINES = Number(process.env.BENCH_LINES ?? 2_000_000);

/** Runs node with args; its stdout is read (and dropped), or not kept at all with `discard`. */
function measure(args, discard = false, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--import', path.join(root, 'bench', 'rss-on-exit.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', discard ? 'ignore' : 'pipe', 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  const rss = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? Number.NaN) * 1024;
  return { seconds, rss };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;

async function input(lines) {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, `mysql-5.5-${lines}.log`);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} (${lines} lines)... `);
    await generate(file, lines);
    console.log('done');
  }
  return file;
}

const big = await input(LINES);
const small = await input(Math.round(LINES / 10));
const bytes = statSync(big).size;
const oomtrail = (file) => [path.join(root, 'bin', 'oomtrail.js'), file, '--format', 'json', '--tz', 'UTC', '--no-progress'];
const baseline = (file) => [path.join(root, 'bench', 'count-lines.mjs'), file];

const base = [];
const tool = [];
for (let i = 0; i < RUNS; i++) {
  base.push(measure(baseline(big)));
  tool.push(measure(oomtrail(big)));
  process.stdout.write('.');
}
// flatness compares like with like: the smaller input read in parts too (by default a file under
// 64 MB is read whole, by one thread, which needs less memory still: printed as well)
const smallTool = [];
const smallWhole = [];
for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
  smallTool.push(measure(oomtrail(small), false, { OOMTRAIL_PARTS_MIN_MB: '8' }));
  smallWhole.push(measure(oomtrail(small)));
}

// --each: two equal bundles (copies of the smaller input) against one, interleaved
const eachDir = path.join(dataDir, 'each');
mkdirSync(eachDir, { recursive: true });
/** Bundles (folders) holding a copy of the smaller input each. */
const bundlesOf = (names) =>
  names.map((b) => {
    const dir = path.join(eachDir, b);
    mkdirSync(dir, { recursive: true });
    const f = path.join(dir, 'mysqld.err');
    if (!existsSync(f) || statSync(f).size !== statSync(small).size) copyFileSync(small, f);
    return dir;
  });
const bundles = bundlesOf(['a', 'b']);
const each = (dirs) => [path.join(root, 'bin', 'oomtrail.js'), ...dirs, '--each', '--format', 'json', '--tz', 'UTC', '--no-progress'];
const eachOne = [];
const eachTwo = [];
for (let i = 0; i < Math.max(3, RUNS); i++) {
  eachOne.push(measure(each(bundles.slice(0, 1))));
  eachTwo.push(measure(each(bundles)));
}
// --each --format ndjson: every event of every bundle streams out; peak RSS for 2 and 6 bundles
const moreBundles = bundlesOf(['c', 'd', 'e', 'f']);
const ndjsonEach = (dirs) => [path.join(root, 'bin', 'oomtrail.js'), ...dirs, '--each', '--format', 'ndjson', '--tz', 'UTC', '--no-progress'];
const ndjsonTwo = measure(ndjsonEach(bundles), true);
const ndjsonSix = measure(ndjsonEach([...bundles, ...moreBundles]), true);
console.log();

const tBase = median(base.map((r) => r.seconds));
const tTool = median(tool.map((r) => r.seconds));
const rssTool = Math.max(...tool.map((r) => r.rss));
const rssSmall = Math.max(...smallTool.map((r) => r.rss));
const ratio = tTool / tBase;
const growth = rssTool / rssSmall - 1;
const tOne = median(eachOne.map((r) => r.seconds));
const tTwo = median(eachTwo.map((r) => r.seconds));
const scaling = tTwo / tOne;

console.log(`input: ${LINES} lines, ${mb(bytes)}; ${RUNS} interleaved runs, medians; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`baseline readline count: ${tBase.toFixed(2)} s  ${(LINES / tBase / 1e3).toFixed(0)}k lines/s  ${(bytes / tBase / 1e6).toFixed(0)} MB/s  peak RSS ${mb(Math.max(...base.map((r) => r.rss)))}`);
console.log(`oomtrail --format json:  ${tTool.toFixed(2)} s  ${(LINES / tTool / 1e3).toFixed(0)}k lines/s  ${(bytes / tTool / 1e6).toFixed(0)} MB/s  peak RSS ${mb(rssTool)}`);
console.log(`ratio: ${ratio.toFixed(2)}× (target ≤ 2.00×, stretch 1.50×)`);
console.log(`peak RSS: ${mb(rssTool)} (target ≤ 300 MB); on a 10× smaller input, also read in parts, ${mb(rssSmall)}: growth ${(growth * 100).toFixed(0)}% (target < 20%); read whole (its default) ${mb(Math.max(...smallWhole.map((r) => r.rss)))}`);
console.log(`--each: one bundle (${LINES / 10} lines) ${tOne.toFixed(2)} s, two ${tTwo.toFixed(2)} s: ${scaling.toFixed(2)}× (target ≤ 1.50×)`);
console.log(`--each --format ndjson: two bundles ${ndjsonTwo.seconds.toFixed(1)} s, peak RSS ${mb(ndjsonTwo.rss)}; six ${ndjsonSix.seconds.toFixed(1)} s, peak RSS ${mb(ndjsonSix.rss)} (bounded: bundles stream out in turn)`);

const missed = [];
if (ratio > 2.0) missed.push(`time ratio ${ratio.toFixed(2)}× > 2.0×`);
if (rssTool > 300e6) missed.push(`peak RSS ${mb(rssTool)} > 300 MB`);
if (growth >= 0.2) missed.push(`RSS grows ${(growth * 100).toFixed(0)}% for 10× the input`);
if (scaling > 1.5) missed.push(`--each: two bundles take ${scaling.toFixed(2)}× the time of one`);
if (missed.length > 0) {
  console.log(`MISSED: ${missed.join('; ')}`);
  process.exitCode = 1;
} else console.log('all targets met');
