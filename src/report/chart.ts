// The HTML report's chart: memory over time as inline SVG, from the Report's snapshot points (used,
// available, php-fpm RSS, mysqld RSS), with a marker at each memory failure and a band over each
// incident. Colours come from CSS classes (no style attributes, so the CSP needs no
// 'unsafe-inline'); every label that may hold log text goes through `xml`.
import { humanBytes } from '../correlate/verdict.js';
import type { MemoryPoint, Report } from './model.js';
import { xml } from './sanitize.js';

const W = 960;
const H = 320;
const M = { left: 72, right: 16, top: 28, bottom: 36 };
const PLOT_W = W - M.left - M.right;
const PLOT_H = H - M.top - M.bottom;

export const SERIES: readonly { key: keyof Pick<MemoryPoint, 'used' | 'available' | 'php_fpm' | 'mysqld' | 'total'>; label: string }[] = [
  { key: 'total', label: 'total' },
  { key: 'used', label: 'used' },
  { key: 'available', label: 'available (free + cache)' },
  { key: 'php_fpm', label: 'php-fpm RSS' },
  { key: 'mysqld', label: 'mysqld RSS' },
];

const MIB = 1024 * 1024;
const BYTE_STEPS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536].map((m) => m * MIB);

function n(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

export function chart(r: Report, id: string): string {
  const axis = r.axis;
  const title = `Memory over time, ${r.zone_label}`;
  const out: string[] = [`<svg class="chart" id="${id}" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${xml(title)}</title>`];
  if (!axis) {
    out.push(`<text class="note" x="${W / 2}" y="${H / 2}" text-anchor="middle">Nothing in this bundle has a time to draw.</text></svg>`);
    return out.join('');
  }
  const values = r.memory.flatMap((p) => SERIES.map((s) => p[s.key]).filter((v): v is number => v !== null));
  const top = Math.max(64 * MIB, ...values) * 1.08;
  const yStep = BYTE_STEPS.find((s) => top / s <= 6) ?? BYTE_STEPS[BYTE_STEPS.length - 1];
  const x = (ms: number) => M.left + ((ms - axis.start) / (axis.end - axis.start)) * PLOT_W;
  const y = (b: number) => M.top + PLOT_H - (b / top) * PLOT_H;

  // incident bands first, under everything
  for (const [i, inc] of r.marks.incidents.entries()) {
    const x0 = x(inc.start);
    const w = Math.max(2, x(inc.end) - x0);
    out.push(`<rect class="band ${inc.outcome === 'recovered' ? 'recovered' : 'down'}" x="${n(x0)}" y="${M.top}" width="${n(w)}" height="${PLOT_H}"><title>incident ${i + 1}: ${xml(inc.outcome)}</title></rect>`);
  }
  // grid and axes
  out.push('<g class="axis">');
  for (let b = 0; r.memory.length > 0 && b <= top; b += yStep) {
    out.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${n(y(b))}" y2="${n(y(b))}"/><text x="${M.left - 6}" y="${n(y(b) + 4)}" text-anchor="end">${b === 0 ? '0' : humanBytes(b)}</text>`);
  }
  for (const t of axis.ticks) {
    out.push(`<line class="tick" x1="${n(x(t.ms))}" x2="${n(x(t.ms))}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H + 5}"/><text x="${n(x(t.ms))}" y="${H - M.bottom + 20}" text-anchor="middle">${xml(t.label)}</text>`);
  }
  out.push(`<line class="frame" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${M.top + PLOT_H}"/><line class="frame" x1="${M.left}" x2="${W - M.right}" y1="${M.top + PLOT_H}" y2="${M.top + PLOT_H}"/></g>`);

  // series: a path through the points that have the figure, and a dot at each
  const present = SERIES.filter((s) => r.memory.some((p) => p[s.key] !== null));
  for (const s of present) {
    const pts = r.memory.filter((p) => p[s.key] !== null);
    const d = pts.map((p, i) => `${i === 0 ? 'M' : 'L'}${n(x(p.ms))} ${n(y(p[s.key] as number))}`).join(' ');
    out.push(`<g class="series s-${s.key}"><path d="${d}"/>`);
    for (const p of pts) {
      out.push(`<circle cx="${n(x(p.ms))}" cy="${n(y(p[s.key] as number))}" r="3"><title>${xml(`${s.label}: ${humanBytes(p[s.key] as number)} at ${p.wall} (${p.kind}, ${p.path}:${p.line})`)}</title></circle>`);
    }
    out.push('</g>');
  }
  // failure markers on top
  for (const f of r.marks.failures) {
    const fx = n(x(f.ms));
    out.push(`<g class="failure"><line x1="${fx}" x2="${fx}" y1="${M.top}" y2="${M.top + PLOT_H}"/><path d="M${fx} ${M.top} l-6 -10 h12 z"/><title>${xml(`${f.label} at ${f.wall}`)}</title></g>`);
  }
  if (r.memory.length === 0) {
    out.push(`<text class="note" x="${M.left + PLOT_W / 2}" y="${M.top + PLOT_H / 2}" text-anchor="middle">No memory snapshot in this bundle: only failures and incidents are drawn.</text>`);
  }
  // legend
  let lx = M.left;
  const outcomes = new Set(r.marks.incidents.map((i) => (i.outcome === 'recovered' ? 'recovered' : 'down')));
  const legend = [
    ...present.map((s) => ({ cls: `series s-${s.key}`, label: s.label, line: true })),
    ...(r.marks.failures.length > 0 ? [{ cls: 'failure', label: 'memory failure', line: true }] : []),
    ...(outcomes.has('recovered') ? [{ cls: 'band recovered', label: 'incident, recovered', line: false }] : []),
    ...(outcomes.has('down') ? [{ cls: 'band down', label: 'incident, down or unknown', line: false }] : []),
  ];
  out.push('<g class="legend">');
  for (const l of legend) {
    out.push(l.line ? `<g class="${l.cls} key"><line x1="${lx}" x2="${lx + 18}" y1="12" y2="12"/></g>` : `<rect class="${l.cls} key" x="${lx}" y="6" width="18" height="12"/>`);
    out.push(`<text x="${lx + 24}" y="16">${xml(l.label)}</text>`);
    lx += 24 + l.label.length * 7 + 18;
  }
  out.push('</g></svg>');
  return out.join('');
}
