// One chart of byte series over time, as a <figure>: the caption, the page script's drawing area,
// a text summary and a data table (the chart's accessible alternative, readable without script),
// and the data as an inert JSON block. Any report can draw one from a ChartSpec (the memory chart
// in memory-chart.ts; a two-period comparison likewise); chart-script.ts draws it with uPlot.
import { downsample } from './downsample.js';
import { xml } from './sanitize.js';

export interface ChartSeries {
  label: string;
  /** Palette key (a CSS custom property `--c-KEY`): total, used, available, php_fpm, mysqld, other, a, b. */
  color: string;
  /** Bytes per point of the pane's `x` (null: not measured there). */
  values: (number | null)[];
  dash?: boolean;
}

export interface ChartPane {
  title: string;
  /** Series drawn on top of each other (the legend and crosshair still show each one's own value). */
  stacked: boolean;
  /** Epoch ms, ascending. */
  x: number[];
  series: ChartSeries[];
}

export interface ChartMark {
  ms: number;
  /** Last instant folded into this mark (ms when it is one failure). */
  last: number;
  count: number;
  /** `#id` of the timeline row it links to, or null when that row is not in the page. */
  href: string | null;
  label: string;
}

export interface ChartSpec {
  title: string;
  start: number;
  end: number;
  /** The report zone's offsets (axis.ts): `[from_ms, minutes]`. */
  offsets: [number, number][];
  panes: ChartPane[];
  marks: ChartMark[];
  bands: { start: number; end: number; kind: 'down' | 'recovered' }[];
  /** Sentences saying what the chart shows, for people who cannot see it. */
  summary: string[];
  table: { caption: string; head: string[]; rows: string[][] } | null;
}

/** JSON that is inert inside a <script type="application/json"> element. */
function scriptData(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A pane as the page gets it: bounded rows, x as ms deltas, values in KiB, a null row in each long silence. */
function encodePane(p: ChartPane): object {
  const { keep, gaps } = downsample(
    p.x,
    p.series.map((s) => s.values),
  );
  const x: number[] = [];
  const ys: (number | null)[][] = p.series.map(() => []);
  let g = 0;
  let prev = 0;
  const push = (ms: number, row: number | null) => {
    x.push(x.length === 0 ? ms : ms - prev);
    prev = ms;
    p.series.forEach((s, k) => {
      const v = row === null ? null : s.values[row];
      ys[k].push(v === null || !Number.isFinite(v) ? null : Math.round(v / 1024));
    });
  };
  for (const i of keep) {
    while (g < gaps.length && gaps[g][1] <= p.x[i]) {
      if (x.length > 0 && gaps[g][0] >= prev) push(Math.round((gaps[g][0] + gaps[g][1]) / 2), null);
      g++;
    }
    push(p.x[i], i);
  }
  return { title: p.title, stacked: p.stacked, x, series: p.series.map((s, k) => ({ label: s.label, color: s.color, dash: s.dash === true, kib: ys[k] })), rows: p.x.length, drawn: keep.length };
}

function table(t: NonNullable<ChartSpec['table']>): string {
  const head = t.head.map((h) => `<th>${xml(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${xml(c)}</td>`).join('')}</tr>`).join('');
  return `<details class="chart-data"><summary>${xml(t.caption)}</summary><div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div></details>`;
}

/** The figure for one chart; `id` must be unique in the page. */
export function chartFigure(spec: ChartSpec, id: string): string {
  const data = {
    title: spec.title,
    start: spec.start,
    end: spec.end,
    offsets: spec.offsets,
    panes: spec.panes.map(encodePane),
    marks: spec.marks.map((m) => [m.ms, m.last, m.count, m.href, m.label]),
    bands: spec.bands.map((b) => [b.start, b.end, b.kind]),
  };
  const summary = spec.summary.map((s) => `<p>${xml(s)}</p>`).join('');
  return `<figure class="chart" id="${id}" aria-labelledby="${id}-t" aria-describedby="${id}-s">
<figcaption id="${id}-t">${xml(spec.title)}</figcaption>
<div class="chart-tools" hidden><button type="button" class="reset">Reset zoom</button> <span class="hint">Drag across the chart to zoom in; double-click or Reset to see it all. Markers link to their timeline rows.</span></div>
<div class="plots" role="img" aria-label="${xml(spec.title)}: chart drawn by the page's script; the summary below says what it shows"></div>
<div class="chart-summary" id="${id}-s">${summary}</div>
${spec.table ? table(spec.table) : ''}
<script type="application/json" class="chart-spec">${scriptData(data)}</script>
</figure>`;
}
