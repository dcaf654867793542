// Adapter for Percona Toolkit reports: pt-summary, pt-mysql-summary and pt-sift. Each section
// (`# Memory ####`, `--vmstat--`) becomes one `report.section` event folding its lines, except
// pt-summary's `# Memory` section, a `snapshot.free` with its (rounded) totals in bytes. The
// report's `Date | ... UTC` and pt-sift's `at 2014_10_19_12_51_21` banner stamp their section.
import type { Event, EventTime, MemoryTotals, RawStamp, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/pt-summary.js';
import type { Line } from '../../read/lines.js';
import { shapeParser } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp } from '../types.js';
import { sizeBytes } from '../units.js';

const ID = 'pt-summary';

interface Shape {
  rule?: number;
  banner?: number;
  siftrule?: number;
  key?: number;
  value?: number;
}

export const reportShapes = shapeParser<Shape>(grammar, lexer);

export interface ReportLine {
  /** A section starts: its name (`Memory`, `vmstat`, `pt-sift` for pt-sift's banner). */
  section?: string;
  key?: string;
  value?: string;
  /** pt-sift's banner names the collection it shows: `2014_10_19_12_51_21`. */
  prefix?: string;
}

const SIFT_BANNER = / at (\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d)/;

/** The structure a report line gives, or null for a body line. */
export function parseReportLine(text: string): ReportLine | null {
  if (text.length > 1000) return null;
  const t = reportShapes.lex(text.trimEnd());
  const s = t ? reportShapes.shape(t) : null;
  if (!t || !s) return null;
  if (s.rule !== undefined) return { section: t.tokens[s.rule].text.trim() };
  if (s.siftrule !== undefined) return { section: t.tokens[s.siftrule].text.slice(2, -2) };
  if (s.banner !== undefined) return { section: 'pt-sift', prefix: SIFT_BANNER.exec(t.tokens[s.banner].text)?.[1] };
  if (s.key === undefined) return null;
  const key = t.tokens[s.key].text.replace(/\|\s?$/, '').trim();
  return { key, value: s.value !== undefined ? t.tokens[s.value].text.trim() : '' };
}

// `2018-02-25 16:05:16 UTC (local TZ: CET +0100)`: pt-summary's Date, pt-mysql-summary's System time
const UTC_DATE = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) UTC\b/;
const PREFIX = /^(\d{4})_(\d\d)_(\d\d)_(\d\d)_(\d\d)_(\d\d)$/;
// `physical = 2.6G, swap allocated = 1024.0M, swap used = 0.0, virtual = 2.6G`
const USED = /physical = ([\d.]+[kMGTP]?), swap allocated = ([\d.]+[kMGTP]?), swap used = ([\d.]+[kMGTP]?)/;

function stampOf(m: RegExpExecArray, offsetMinutes?: number): RawStamp {
  return { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6], offsetMinutes };
}

/** pt-summary prints sizes with its `shorten` (powers of 1024, one decimal): `7.9G`, `285.9M`. */
function bytes(text: string | undefined): number | undefined {
  return text === undefined ? undefined : (sizeBytes(text, 1) ?? undefined);
}

class PtSummaryParser implements LineParser {
  private cur: Event | null = null;
  private section = '';
  private values = new Map<string, string>();

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const r = parseReportLine(l.text);
    if (r?.section !== undefined || !this.cur) {
      this.end();
      // a block the container cut inside a section (pt-sift's bar chart) belongs to that section
      this.open(l, r?.section ?? this.ctx.meta?.['report.section'] ?? '', r?.prefix);
      if (r?.section !== undefined) return;
    } else this.cur.src.lines++;
    if (r?.key !== undefined) {
      this.values.set(r.key, r.value ?? '');
      const m = r.key === 'Date' || r.key === 'System time' ? UTC_DATE.exec(r.value ?? '') : null;
      if (m && this.cur && !Number.isFinite(this.cur.time.ms)) this.cur.time = placeStamp(this.ctx.clock, stampOf(m, 0));
    }
  }

  end(): void {
    const e = this.cur;
    if (!e) return;
    const memory = this.section === 'Memory' ? this.memory() : undefined;
    if (memory) {
      const data: SnapshotData = { memory, command: this.tool() };
      const rounded = `pt-summary memory (rounded): total ${this.values.get('Total')}, free ${this.values.get('Free')}, used ${this.values.get('Used')}`;
      this.ctx.emit({ ...e, kind: 'snapshot.free', data, message: rounded } as Event);
    } else this.ctx.emit(e);
    this.cur = null;
    this.values = new Map();
  }

  private tool(): string {
    return this.ctx.meta?.['report.tool'] ?? 'pt-summary';
  }

  private open(l: Line, section: string, prefix?: string): void {
    this.section = section;
    const p = prefix ? PREFIX.exec(prefix) : null;
    const time: EventTime = p ? placeStamp(this.ctx.clock, stampOf(p)) : UNPLACED;
    const tool = section === 'pt-sift' ? 'pt-sift' : this.tool();
    this.cur = makeEvent(this.ctx, ID, 'report.section', l, `${tool} ${section || 'report'}: ${l.text.trim().slice(0, 120)}`, { tool, section }, time);
  }

  private memory(): MemoryTotals | undefined {
    const total = bytes(this.values.get('Total'));
    if (total === undefined) return undefined;
    const m: MemoryTotals = { total_bytes: total };
    const free = bytes(this.values.get('Free'));
    if (free !== undefined) m.free_bytes = free;
    const used = USED.exec(this.values.get('Used') ?? '');
    if (used) {
      m.used_bytes = bytes(used[1]);
      const swap = bytes(used[2]);
      const swapUsed = bytes(used[3]);
      if (swap !== undefined) m.swap_total_bytes = swap;
      if (swap !== undefined && swapUsed !== undefined) m.swap_free_bytes = Math.max(0, swap - swapUsed);
    }
    const buffers = bytes(this.values.get('Buffers'));
    const cached = bytes(this.values.get('Caches'));
    if (buffers !== undefined) m.buffers_bytes = buffers;
    if (cached !== undefined) m.cached_bytes = cached;
    return m;
  }
}

/** pt-summary and pt-mysql-summary pad every section rule to 62 characters. */
const RULE_WIDTH = 62;

/**
 * A Percona Toolkit report: its banner, a section rule with `Key | value` rows, or three rules
 * of the tools' exact width (a config file's `# Section ####` comments are not enough).
 */
export function reportScore(lines: readonly string[]): number {
  let rules = 0;
  let wide = 0;
  let keys = 0;
  for (const t of lines) {
    if (t.startsWith('# Percona Toolkit ') || (t.startsWith('======== ') && SIFT_BANNER.test(t))) return 0.9;
    const r = parseReportLine(t);
    if (r?.section !== undefined) {
      rules++;
      if (t.trimEnd().length === RULE_WIDTH) wide++;
    } else if (r?.key !== undefined) keys++;
  }
  return wide >= 3 || (rules >= 1 && keys >= 2) ? 0.7 : 0;
}

export const ptSummary: Format = {
  id: ID,
  dataset: 'pt.summary',
  kinds: ['report.section', 'snapshot.free'],
  sniff: reportScore,
  create: (ctx) => new PtSummaryParser(ctx),
  samples: [
    { line: '# Memory #####################################################', kind: 'report.section' },
    { line: '       Total | 7.9G', kind: 'report.section' },
    { line: '======== z6 at 2014_10_19_12_51_21 DEFAULT (2 of 2) ========', kind: 'report.section' },
    { line: '--vmstat--', kind: 'report.section' },
    { line: '  PID    OOM    COMMAND', kind: 'report.section' },
  ],
};
