// The page script's axis helpers (browser JavaScript, as text): wall time from the offset table
// that luxon computed, time ticks from seconds to years and byte ticks from B to YiB. Every loop is
// bounded by pixels (ticks at least a label's width apart), never by the data's range or values.
export const TICKS_SCRIPT = String.raw`
const SEC = 1e3, MIN = 6e4, HOUR = 36e5, DAY = 864e5, LIMIT = 8.64e15;
function offsetAt(offsets, ms) {
  let lo = 0, hi = offsets.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (offsets[mid][0] <= ms) lo = mid; else hi = mid - 1; }
  return offsets.length ? offsets[lo][1] * MIN : 0;
}
const wallOf = (o, ms) => ms + offsetAt(o, ms);
const msOf = (o, wall) => wall - offsetAt(o, wall - offsetAt(o, wall));
const p2 = (n) => (n < 10 ? "0" : "") + n;
function yearOf(d) { const y = d.getUTCFullYear(); return (y < 0 ? "-" : "") + String(Math.abs(y)).padStart(4, "0"); }
const ymd = (d) => yearOf(d) + "-" + p2(d.getUTCMonth() + 1) + "-" + p2(d.getUTCDate());
const hm = (d) => p2(d.getUTCHours()) + ":" + p2(d.getUTCMinutes());
function fullWall(o, ms) {
  if (ms == null || !(Math.abs(ms) < LIMIT)) return "";
  const d = new Date(wallOf(o, ms));
  return ymd(d) + " " + hm(d) + ":" + p2(d.getUTCSeconds());
}
function utc(y, m) { const d = new Date(0); d.setUTCFullYear(y, m, 1); return d.getTime(); }

// [approximate ms, kind, n]: fixed steps, then calendar months and years
const STEPS = [];
for (const s of [1, 2, 5, 10, 15, 30]) STEPS.push([s * SEC, "s", s * SEC]);
for (const m of [1, 2, 5, 10, 15, 30]) STEPS.push([m * MIN, "m", m * MIN]);
for (const h of [1, 2, 3, 6, 12]) STEPS.push([h * HOUR, "m", h * HOUR]);
for (const d of [1, 2, 7, 14]) STEPS.push([d * DAY, "d", d * DAY]);
for (const m of [1, 2, 3, 6]) STEPS.push([m * 30.44 * DAY, "M", m]);
for (let k = 1; k <= 1e5; k *= 10) for (const y of [1, 2, 5]) STEPS.push([y * k * 365.25 * DAY, "Y", y * k]);

function wallTicks(kind, n, w0, w1, most) {
  const out = [];
  if (kind === "s" || kind === "m" || kind === "d") {
    if ((w1 - w0) / n > most) return null;
    for (let t = Math.ceil(w0 / n) * n; t <= w1; t += n) out.push(t);
  } else {
    const d = new Date(w0);
    let y = d.getUTCFullYear(), m = d.getUTCMonth();
    if (kind === "M") { m = Math.ceil(m / n) * n; } else { y = Math.ceil(y / n) * n; m = 0; }
    for (let t = utc(y, m); t <= w1 && out.length <= most; t = kind === "M" ? utc(y, (m += n)) : utc((y += n), 0)) if (t >= w0) out.push(t);
    if (out.length > most) return null;
  }
  return out;
}

function timeLabel(kind, wall) {
  const d = new Date(wall);
  if (kind === "s") return [hm(d) + ":" + p2(d.getUTCSeconds()), ymd(d)];
  if (kind === "m") return [hm(d), ymd(d)];
  if (kind === "d") return [p2(d.getUTCMonth() + 1) + "-" + p2(d.getUTCDate()), yearOf(d)];
  if (kind === "M") return [yearOf(d) + "-" + p2(d.getUTCMonth() + 1), ""];
  return [yearOf(d), ""];
}

/** Ticks for [min, max] over a plot "width" CSS px wide starting "left" px into a canvas "full" px wide. */
function timeTicks(o, min, max, left, width, full, measure) {
  const GAP = 14;
  const w0 = wallOf(o, min), w1 = wallOf(o, max), span = Math.max(1, max - min);
  const most = Math.max(1, Math.floor(width / 24));
  const px = (ms) => left + ((ms - min) / span) * width;
  for (const [approx, kind, n] of STEPS) {
    if ((approx / span) * width < 24) continue;
    const walls = wallTicks(kind, n, w0, w1, most);
    if (walls === null) continue;
    const ticks = walls.map((w) => { const ms = msOf(o, w); const l = timeLabel(kind, w); return { ms, x: px(ms), top: l[0], sub: l[1], w: measure(l[0]) }; })
      .filter((t) => t.x - t.w / 2 >= 0 && t.x + t.w / 2 <= full);
    let fits = true;
    for (let i = 1; i < ticks.length && fits; i++) fits = ticks[i].x - ticks[i - 1].x >= (ticks[i].w + ticks[i - 1].w) / 2 + GAP;
    if (!fits) continue;
    // a second line (the date, or the year) where it changes, never closer than its width to another
    let prevX = -Infinity, prevW = 0, prevSub = null;
    const keep = ticks.map((t, i) => { const changed = i > 0 && t.sub !== ticks[i - 1].sub; return changed; });
    const labels = ticks.map((t) => t.top);
    const place = (i) => {
      const t = ticks[i], w = measure(t.sub);
      if (!t.sub || t.x - w / 2 < 0 || t.x + w / 2 > full || t.x - prevX < (w + prevW) / 2 + GAP) return false;
      labels[i] = t.top + "\n" + t.sub; prevX = t.x; prevW = w; prevSub = t.sub; return true;
    };
    // the first tick names its date unless the first change is too close for both to show
    const firstChange = keep.indexOf(true);
    const w = ticks.length ? measure(ticks[0].sub) : 0;
    if (ticks.length && (firstChange < 0 || ticks[firstChange].x - ticks[0].x >= w + GAP)) place(0);
    for (let i = 1; i < ticks.length; i++) if (keep[i] && ticks[i].sub !== prevSub) place(i);
    return { splits: ticks.map((t) => t.ms), labels };
  }
  return { splits: [], labels: [] };
}

const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];
const NICE = [1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500];
function byteStep(raw) {
  const k = Math.max(0, Math.min(8, Math.floor(Math.log(Math.max(raw, 1)) / Math.log(1024))));
  const unit = Math.pow(1024, k), mant = raw / unit;
  let nice = NICE.find((x) => x >= mant);
  if (nice === undefined) nice = Math.pow(10, Math.ceil(Math.log10(mant)));
  return [nice * unit, unit, UNITS[k]];
}
function bytesText(v) {
  if (v == null || !Number.isFinite(v)) return "–";
  const k = Math.max(0, Math.min(8, Math.floor(Math.log(Math.max(Math.abs(v), 1)) / Math.log(1024))));
  const x = v / Math.pow(1024, k);
  return (x >= 100 || k === 0 ? Math.round(x) : Math.round(x * 10) / 10) + " " + UNITS[k];
}
/** Byte ticks over [0, max] on a plot "height" CSS px tall: at least 28 px apart. */
function byteTicks(min, max, height) {
  const most = Math.max(1, Math.floor(height / 28));
  if (!(max > min) || !Number.isFinite(max - min)) return { splits: [min], labels: [bytesText(min)] };
  const [step, unit, name] = byteStep((max - min) / most);
  const splits = [];
  for (let v = Math.ceil(min / step) * step, i = 0; v <= max && i <= most + 1; v += step, i++) splits.push(v);
  const labels = splits.map((v) => { const x = v / unit; return (v === 0 ? "0" : (Number.isInteger(x) ? x : x.toFixed(1)) + " " + name); });
  return { splits, labels };
}
`;
