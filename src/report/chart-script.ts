// The page script that draws each <figure class="chart"> from its JSON block with uPlot (browser
// JavaScript, as text; its hash is in the CSP): panes sharing one time scale, zoom by dragging
// (double-click or Reset to undo), a synced crosshair whose values show in each legend, incident
// bands, failure markers grouped by pixels that link to their rows, colours from CSS (dark mode).
import { TICKS_SCRIPT } from './chart-ticks.js';

export const CHART_SCRIPT = String.raw`
(function () {
${TICKS_SCRIPT}
const FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
const measureCtx = document.createElement("canvas").getContext("2d");
measureCtx.font = FONT;
const measure = (s) => (s ? measureCtx.measureText(s).width : 0);
const css = () => { const s = getComputedStyle(document.documentElement); return (k) => s.getPropertyValue("--" + k).trim(); };
let color = css();
function alpha(c, a) {
  const m = /^#([0-9a-f]{6})$/i.exec(c);
  if (!m) return c;
  const n = parseInt(m[1], 16);
  return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
}
const charts = [];
window.oomtrailCharts = charts;

function decode(pane) {
  const x = [];
  let t = 0;
  pane.x.forEach((d, i) => { t = i === 0 ? d : t + d; x.push(t); });
  // a row with no value at all is a silence (drawn as a gap); a figure one snapshot lacks is skipped
  // over (undefined: uPlot joins across it), so interleaved snapshot kinds still draw lines
  const silent = x.map((_, i) => pane.series.every((s) => s.kib[i] === null));
  const raw = pane.series.map((s) => s.kib.map((v, i) => (v !== null ? v * 1024 : silent[i] ? null : undefined)));
  let drawn = raw;
  if (pane.stacked) {
    const sum = x.map(() => null);
    drawn = raw.map((vals) => vals.map((v, i) => {
      if (silent[i]) return null;
      sum[i] = (sum[i] || 0) + (v || 0);
      return sum[i];
    }));
  }
  return { x, raw, drawn };
}

function build(fig) {
  const spec = JSON.parse(fig.querySelector("script.chart-spec").textContent);
  const host = fig.querySelector(".plots");
  const o = spec.offsets;
  const span = spec.end - spec.start;
  const pad = span > 0 ? Math.max(span * 0.02, 5 * SEC) : 60 * SEC;
  const full = [Math.max(-LIMIT, spec.start - pad), Math.min(LIMIT, spec.end + pad)];
  const marks = spec.marks.map((m) => ({ ms: m[0], last: m[1], count: m[2], href: m[3], label: m[4] })).sort((a, b) => a.ms - b.ms);
  const bands = spec.bands.map((b) => ({ start: b[0], end: b[1], kind: b[2] })).sort((a, b) => a.start - b.start);
  const panes = spec.panes.length ? spec.panes : [{ title: "Failures and incidents (no memory snapshot to draw)", stacked: false, x: [spec.start, span], series: [] }];
  const chart = { id: fig.id, plots: [], marks, bands, full, groups: [], yw: 0 };
  let syncing = false;
  const narrow = () => host.clientWidth < 520;
  const heights = (i) => (spec.panes.length === 0 ? 110 : i === 0 ? (narrow() ? 220 : 260) : narrow() ? 170 : 200);

  function groupMarks(u) {
    const min = u.scales.x.min, max = u.scales.x.max, out = [];
    for (const m of marks) {
      if (m.last < min || m.ms > max) continue;
      const x = u.valToPos(Math.max(m.ms, min), "x");
      const g = out[out.length - 1];
      if (g && x - g.x < 32) { g.count += m.count; g.last = m.last; g.marks.push(m); }
      else out.push({ x, ms: m.ms, last: m.last, count: m.count, marks: [m] });
    }
    return out;
  }
  function placeMarkers(u) {
    chart.groups = groupMarks(u);
    const layer = u.over.querySelector(".marks") || u.over.appendChild(document.createElement("div"));
    layer.className = "marks";
    layer.replaceChildren(...chart.groups.map((g) => {
      const first = g.marks[0];
      const a = document.createElement("a");
      a.className = g.count > 1 ? "fmark many" : "fmark";
      a.textContent = g.count > 1 ? (g.count > 999 ? Math.min(999, Math.round(g.count / 1000)) + "k" : String(g.count)) : "";
      const what = g.marks.length === 1 ? first.label : g.count + " memory failures, " + fullWall(o, g.ms) + " to " + fullWall(o, g.last);
      a.title = what + (first.href ? " (opens the timeline row" + (g.count > 1 ? " of the first" : "") + ")" : " (its row is past the rows this page shows)");
      a.setAttribute("aria-label", a.title);
      if (first.href) a.href = first.href;
      a.style.left = g.x + "px";
      a.addEventListener("mousedown", (e) => e.stopPropagation());
      return a;
    }));
  }
  function drawBands(u) {
    const ctx = u.ctx, b = u.bbox;
    for (const kind of ["recovered", "down"]) {
      ctx.fillStyle = alpha(color(kind === "down" ? "band-down" : "band-recovered"), 0.18);
      let run = null;
      const flush = () => { if (run) ctx.fillRect(run[0], b.top, Math.max(2, run[1] - run[0]), b.height); };
      for (const band of bands) {
        if (band.kind !== kind || band.end < u.scales.x.min || band.start > u.scales.x.max) continue;
        const x0 = Math.max(b.left, u.valToPos(band.start, "x", true)), x1 = Math.min(b.left + b.width, u.valToPos(band.end, "x", true));
        if (run && x0 <= run[1] + 1) run[1] = Math.max(run[1], x1);
        else { flush(); run = [x0, x1]; }
      }
      flush();
    }
  }
  function drawMarkLines(u) {
    const ctx = u.ctx, b = u.bbox, r = devicePixelRatio || 1;
    ctx.strokeStyle = color("red");
    for (const g of chart.groups) {
      const x = Math.round(u.valToPos(Math.max(g.ms, u.scales.x.min), "x", true)) + 0.5;
      ctx.lineWidth = (g.count > 1 ? 2 : 1) * r;
      ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke();
    }
  }

  panes.forEach((p, i) => {
    const d = decode(p);
    const stroke = (key) => () => color("c-" + key);
    const series = [{ label: "time", value: (u, v) => fullWall(o, v) }].concat(p.series.map((s, k) => ({
      label: s.label,
      stroke: stroke(s.color),
      width: 1.5,
      dash: s.dash ? [5, 4] : undefined,
      fill: p.stacked ? () => alpha(color("c-" + s.color), 0.35) : undefined,
      spanGaps: false,
      points: { fill: () => color("bg") },
      value: (u, v, si, idx) => (idx == null ? "–" : bytesText(d.raw[k][idx])),
    })));
    const axisStroke = () => color("muted");
    const grid = { stroke: () => color("grid"), width: 1 };
    const opts = {
      title: p.title,
      width: Math.max(200, host.clientWidth),
      height: heights(i),
      ms: 1,
      scales: { x: { time: false, auto: false, range: (u, a, b) => [a, b] }, y: { range: (u, a, b) => [0, b > 0 && Number.isFinite(b) ? b * 1.06 : 1024 * 1024] } },
      series,
      bands: p.stacked ? p.series.slice(1).map((s, k) => ({ series: [k + 2, k + 1], fill: () => alpha(color("c-" + s.color), 0.35) })) : [],
      axes: [
        { font: FONT, stroke: axisStroke, grid, ticks: { stroke: () => color("grid"), size: 4 }, size: 48, gap: 4,
          splits: (u, ai, min, max) => { const full = u.width, left = u.bbox.left / (devicePixelRatio || 1), width = u.bbox.width / (devicePixelRatio || 1); const t = timeTicks(o, min, max, left, width, full, measure); u._oomLabels = t.labels; return t.splits; },
          values: (u, splits) => (u._oomLabels && u._oomLabels.length === splits.length ? u._oomLabels : splits.map((s) => fullWall(o, s))) },
        { font: FONT, stroke: axisStroke, grid, ticks: { stroke: () => color("grid"), size: 4 }, gap: 4,
          size: (u, values) => { chart.yw = (values || []).reduce((w, v) => Math.max(w, Math.ceil(measure(v)) + 14), Math.max(chart.yw, 76)); return chart.yw; },
          splits: (u, ai, min, max) => { const t = byteTicks(min, max, u.bbox.height / (devicePixelRatio || 1)); u._oomY = t.labels; return t.splits; },
          values: (u, splits) => (u._oomY && u._oomY.length === splits.length ? u._oomY : splits.map(bytesText)) },
      ],
      cursor: { sync: { key: fig.id, setSeries: false }, drag: { x: true, y: false, setScale: true }, bind: { dblclick: () => null } },
      legend: { live: true },
      hooks: {
        drawClear: [drawBands],
        draw: [drawMarkLines],
        setScale: [(u, key) => {
          if (key !== "x") return;
          if (i === 0) placeMarkers(u);
          if (syncing) return;
          syncing = true;
          for (const other of chart.plots) if (other !== u) other.setScale("x", { min: u.scales.x.min, max: u.scales.x.max });
          syncing = false;
          if (i !== 0 && chart.plots[0]) { placeMarkers(chart.plots[0]); chart.plots[0].redraw(false, false); }
        }],
      },
    };
    const data = [d.x].concat(p.stacked ? d.drawn : d.raw);
    const u = new uPlot(opts, data, host);
    u.over.addEventListener("dblclick", reset);
    chart.plots.push(u);
  });
  function reset() { for (const u of chart.plots) u.setScale("x", { min: full[0], max: full[1] }); }
  reset();
  const tools = fig.querySelector(".chart-tools");
  tools.hidden = false;
  tools.querySelector("button.reset").addEventListener("click", reset);
  let width = host.clientWidth;
  new ResizeObserver(() => {
    if (host.clientWidth === width) return;
    width = host.clientWidth;
    chart.plots.forEach((u, i) => u.setSize({ width: Math.max(200, width), height: heights(i) }));
  }).observe(host);
  chart.reset = reset;
  charts.push(chart);
}

for (const fig of document.querySelectorAll("figure.chart")) {
  try { build(fig); } catch (e) { console.error("oomtrail chart: " + (e && e.message)); }
}
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
  color = css();
  for (const c of charts) for (const u of c.plots) u.redraw(false, true);
});
})();
`;
