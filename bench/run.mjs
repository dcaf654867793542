// npm run bench: the whole analysis on every shape of evidence (bench/shapes.mjs), each at 1× and
// 10×, against a bare readline line count of the same input measured in the same run. CPU time
// (user+sys of the child and its children, /usr/bin/time) is the measure: wall time on a shared
// machine is printed but not judged. Prints per shape × readline, MB/s, peak RSS, growth exponents
// from 1× to 10× and report sizes; exits non-zero on a miss. BENCH_QUICK=1: smaller, one run.
// BENCH_ONLY=name,name: only those shapes. BENCH_RUNS=N: runs per measure (median).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHAPES } from './shapes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3));
const ONLY = process.env.BENCH_ONLY?.split(',');
const dataDir = path.join(root, 'bench', '.data', QUICK ? 'quick' : 'full');
const TARGET = { ratio: 2.0, stretch: 1.5, rssMB: 300, rssGrowth: 0.2, exponent: 1.15, eachTwo: 2.0, ndjson: 2.0 };
const bin = path.join(root, 'bin', 'oomtrail.js');
const timeFile = path.join(tmpdir(), `oomtrail-bench-time-${process.pid}`);

/** Runs node with args under /usr/bin/time: wall, CPU (user+sys, children included), peak RSS, stdout bytes. */
function measure(args) {
  const out = path.join(tmpdir(), `oomtrail-bench-out-${process.pid}`);
  const r = spawnSync('/bin/sh', ['-c', `exec /usr/bin/time -f '%e %U %S %M' -o '${timeFile}' "$@" > '${out}'`, 'sh', process.execPath, ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bytes = existsSync(out) ? statSync(out).size : 0;
  rmSync(out, { force: true });
  if (r.status !== 0 && r.status !== 1) return { error: `exit ${r.status}: ${r.stderr.trim().split('\n').at(-1)?.slice(0, 160)}` };
  const [wall, user, sys, maxKB] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + sys, rss: maxKB * 1024, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (b) => `${(b / 1e6).toFixed(1)}`;
function sizeOf(p) {
  if (!statSync(p).isDirectory()) return statSync(p).size;
  return readdirSync(p).reduce((s, n) => s + sizeOf(path.join(p, n)), 0);
}

/** The input of a shape at a scale, generated once (a `.done` marker says it is whole). */
async function inputOf(shape, scale) {
  const units = Math.max(2, Math.round((shape.units * scale) / (QUICK ? 5 : 1)));
  const dir = path.join(dataDir, `${shape.name}-${scale}x`);
  const done = path.join(dir, '.done');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.stdout.write(`  generating ${shape.name} ${scale}× (${units} units)... `);
    const made = await shape.make(dir, units);
    writeFileSync(done, JSON.stringify(made));
    console.log('done');
  }
  const made = JSON.parse(readFileSync(done, 'utf8'));
  const paths = Array.isArray(made) ? made : [made];
  return { paths, units, bytes: paths.reduce((s, p) => s + sizeOf(p), 0) };
}

const common = ['--tz', 'UTC', '--no-progress'];
const analyze = (shape, paths, format = 'json') => [bin, ...paths, ...(shape.each ? ['--each'] : []), '--format', format, ...common];
const exportArgs = (paths) => [bin, 'timeline', ...paths, '--format', 'ndjson', ...common];

/** Median of RUNS interleaved runs of the baseline and the tool. */
function pair(baseArgs, toolArgs) {
  const base = [];
  const tool = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(measure(baseArgs));
    const t = measure(toolArgs);
    if (t.error) return { base: base[0], tool: t };
    tool.push(t);
  }
  const m = (xs, k) => median(xs.map((x) => x[k]));
  return {
    base: { wall: m(base, 'wall'), cpu: m(base, 'cpu'), rss: Math.max(...base.map((x) => x.rss)) },
    tool: { wall: m(tool, 'wall'), cpu: m(tool, 'cpu'), rss: Math.max(...tool.map((x) => x.rss)), bytes: tool[0].bytes },
  };
}

const rows = [];
const misses = [];
const notes = [];
console.log(`oomtrail bench: ${QUICK ? 'quick (1/5 sizes), ' : ''}${RUNS} run(s) per measure, medians; CPU = user+sys of the child; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
for (const shape of SHAPES) {
  if (ONLY && !ONLY.includes(shape.name)) continue;
  const at = {};
  for (const scale of [1, 10]) {
    const inp = await inputOf(shape, scale);
    const toolArgs = shape.ndjson ? exportArgs(inp.paths) : analyze(shape, inp.paths);
    const r = pair([path.join(root, 'bench', 'count-lines.mjs'), ...inp.paths], toolArgs);
    at[scale] = { ...inp, ...r };
    if (r.tool.error) {
      misses.push(`${shape.name} ${scale}×: ${r.tool.error}`);
      continue;
    }
    if (shape.ndjson) at[scale].analysis = measure(analyze(shape, inp.paths));
    process.stdout.write('.');
  }
  const one = at[1];
  const ten = at[10];
  if (one.tool.error || ten.tool.error) {
    rows.push({ shape: shape.name, error: (one.tool.error ?? ten.tool.error).slice(0, 60) });
    continue;
  }
  const sizeRatio = Math.log(ten.bytes / one.bytes);
  const row = {
    shape: shape.name,
    'MB 1×/10×': `${mb(one.bytes)}/${mb(ten.bytes)}`,
    '× readline cpu': +(ten.tool.cpu / ten.base.cpu).toFixed(2),
    '× readline wall': +(ten.tool.wall / ten.base.wall).toFixed(2),
    'cpu s': +ten.tool.cpu.toFixed(2),
    'MB/s (cpu)': +(ten.bytes / 1e6 / ten.tool.cpu).toFixed(1),
    'RSS MB 1×/10×': `${mb(one.tool.rss)}/${mb(ten.tool.rss)}`,
    'exp time': +(Math.log(ten.tool.cpu / one.tool.cpu) / sizeRatio).toFixed(2),
    'exp RSS': +(Math.log(ten.tool.rss / one.tool.rss) / sizeRatio).toFixed(2),
    'out KB 1×/10×': `${(one.tool.bytes / 1e3).toFixed(0)}/${(ten.tool.bytes / 1e3).toFixed(0)}`,
  };
  rows.push(row);
  const ratio = row['× readline cpu'];
  if (ratio > TARGET.ratio) misses.push(`${shape.name}: ${ratio}× readline (CPU) > ${TARGET.ratio}×`);
  if (ten.tool.rss > TARGET.rssMB * 1e6) misses.push(`${shape.name}: peak RSS ${mb(ten.tool.rss)} MB > ${TARGET.rssMB} MB`);
  if (ten.tool.rss / one.tool.rss - 1 >= TARGET.rssGrowth) misses.push(`${shape.name}: RSS grows ${((ten.tool.rss / one.tool.rss - 1) * 100).toFixed(0)}% for 10× the input`);
  if (row['exp time'] > TARGET.exponent) misses.push(`${shape.name}: time grows as size^${row['exp time']}`);
  if (shape.ndjson) {
    const x = ten.tool.cpu / ten.analysis.cpu;
    notes.push(`${shape.name}: timeline -f ndjson of the 10× input ${ten.tool.cpu.toFixed(2)} CPU-s, ${x.toFixed(2)}× the analysis (${ten.analysis.cpu.toFixed(2)} s); peak RSS ${mb(ten.tool.rss)} MB`);
    if (x > TARGET.ndjson) misses.push(`${shape.name}: export ${x.toFixed(2)}× the analysis > ${TARGET.ndjson}×`);
  }
  if (shape.each) {
    const perBundle = (ten.tool.cpu - one.tool.cpu) / (ten.units - one.units);
    const a = measure(analyze(shape, ten.paths.slice(0, 1)));
    const b = measure(analyze(shape, ten.paths.slice(0, 2)));
    notes.push(`${shape.name}: ${(perBundle * 1000).toFixed(0)} CPU-ms per bundle; one bundle ${a.wall.toFixed(2)} s wall (${a.cpu.toFixed(2)} CPU-s), two ${b.wall.toFixed(2)} s (${b.cpu.toFixed(2)}): ${(b.wall / a.wall).toFixed(2)}× wall`);
    if (b.wall / a.wall > TARGET.eachTwo) misses.push(`${shape.name}: two bundles ${(b.wall / a.wall).toFixed(2)}× one`);
  }
  if (!shape.each && !shape.ndjson && process.env.BENCH_REPORTS !== '0') {
    const sizes = [];
    for (const f of ['text', 'markdown', 'html', 'junit']) {
      const r = measure(analyze(shape, ten.paths, f));
      sizes.push(r.error ? `${f} ${r.error.slice(0, 40)}` : `${f} ${(r.bytes / 1e3).toFixed(0)} KB`);
      if (r.error) misses.push(`${shape.name}: -f ${f} ${r.error}`);
      else if (f === 'markdown' && r.bytes > 1 << 20) misses.push(`${shape.name}: Markdown ${mb(r.bytes)} MB > 1 MiB`);
    }
    notes.push(`${shape.name} 10× reports: json ${(ten.tool.bytes / 1e3).toFixed(0)} KB, ${sizes.join(', ')}`);
  }
}
console.log();
console.table(rows);
for (const n of notes) console.log(n);
console.log(`targets: ≤ ${TARGET.ratio}× readline CPU (stretch ${TARGET.stretch}×), peak RSS ≤ ${TARGET.rssMB} MB and < ${TARGET.rssGrowth * 100}% growth for 10× the input, time exponent ≤ ${TARGET.exponent}, Markdown < 1 MiB, export ≤ ${TARGET.ndjson}× the analysis, two bundles < ${TARGET.eachTwo}× one`);
rmSync(timeFile, { force: true });
if (misses.length > 0) {
  console.log(`MISSED (${misses.length}):\n  ${misses.join('\n  ')}`);
  process.exitCode = 1;
} else console.log('all targets met');
