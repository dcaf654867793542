// earlyoom's log (github.com/rfjakob/earlyoom): plain stdout/stderr (no stamps: dated by the
// dating stage) or journal lines (`host earlyoom[1460]: ...`). Its memory report is a snapshot,
// its signal to a victim a memory failure (killer `earlyoom`, scope global: see src/kinds.ts),
// every other line an `earlyoom.log`. The journal routes `earlyoom` lines here by `programs`.
import type { Event, EventDataMap, EventTime, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/earlyoom.js';
import type { Line } from '../../read/lines.js';
import { parseSyslog } from '../syslog/syslog-prefix.js';
import { shapeParser, type Tokens } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp, unrecognized } from '../types.js';

const ID = 'earlyoom';
const MIB = 1024 * 1024;

interface Shape {
  avail?: number;
  total?: number;
  swapFree?: number;
  swapTotal?: number;
  sig?: number;
  signo?: number;
  pid?: number;
  uid?: number;
  name?: number;
  tail?: number;
}

export const earlyoomShapes = shapeParser<Shape>(grammar, lexer);

// what follows the victim's name: `: badness 874, VmRSS 300 MiB` or `: oom_score 1170, VmRSS 43912 MiB, cmdline "..."`
const SCORE = /^: (badness|oom_score) (-?\d{1,10})/;
const RSS = /, VmRSS (\d{1,15}) MiB/;
const SIGNALS: Record<string, string> = { '9': 'SIGKILL', '15': 'SIGTERM' };
const MARK = /(?:mem avail:|sending SIG|killing process|earlyoom v\d|mem total:|low memory!|process exited after|escalating to SIGKILL)/;

function sniff(lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  let hits = 0;
  for (const raw of lines) {
    const s = parseSyslog(raw);
    if (s ? s.program === ID : MARK.test(raw.slice(0, 40))) hits++;
  }
  return hits / lines.length;
}

class EarlyoomParser implements LineParser {
  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const s = parseSyslog(l.text);
    let time: EventTime = UNPLACED;
    if (s) time = placeStamp(this.ctx.clock, s.stamp);
    const body = (s ? s.rest : l.text).trim();
    const e = body === '' ? unrecognized(this.ctx, ID, l, time) : this.event(l, body, time);
    if (s && !Number.isFinite(e.time.ms)) e.pending = { stamp: s.stamp }; // a year-less journal stamp
    if (s?.pid !== undefined && e.kind === 'earlyoom.log') e.process = { pid: s.pid, name: ID };
    this.ctx.emit(e);
  }

  end(): void {}

  private event(l: Line, body: string, time: EventTime): Event {
    const t = earlyoomShapes.lex(body);
    const shape = t ? earlyoomShapes.shape(t) : null;
    if (t && shape?.avail !== undefined) return this.snapshot(l, body, time, t, shape);
    if (t && shape?.pid !== undefined && shape.name !== undefined) return this.kill(l, body, time, t, shape);
    return makeEvent(this.ctx, ID, 'earlyoom.log', l, body, {}, time);
  }

  private snapshot(l: Line, body: string, time: EventTime, t: Tokens, s: Shape): Event {
    const n = (i: number | undefined) => Number(t.tokens[i ?? 0].text) * MIB;
    const total = n(s.total);
    const available = n(s.avail);
    // "in use" is what is not available (earlyoom prints no used or free figure)
    const memory = { total_bytes: total, available_bytes: available, used_bytes: total - available, swap_total_bytes: n(s.swapTotal), swap_free_bytes: n(s.swapFree) };
    const data: SnapshotData = { memory };
    return makeEvent(this.ctx, ID, 'snapshot.earlyoom', l, body, data, time);
  }

  private kill(l: Line, body: string, time: EventTime, t: Tokens, s: Shape): Event {
    const text = (i: number | undefined) => (i === undefined ? undefined : t.tokens[i].text);
    const tail = text(s.tail) ?? '';
    const data: EventDataMap['earlyoom.oom_kill'] = {};
    const signal = text(s.sig) ?? SIGNALS[text(s.signo) ?? ''] ?? (s.signo !== undefined ? `signal ${text(s.signo)}` : undefined);
    if (signal) data.signal = signal;
    if (s.uid !== undefined) data.uid = Number(text(s.uid));
    const score = SCORE.exec(tail);
    if (score) data[score[1] === 'badness' ? 'badness' : 'oom_score'] = Number(score[2]);
    const rss = RSS.exec(tail);
    if (rss) data.rss_bytes = Number(rss[1]) * MIB;
    const e = makeEvent(this.ctx, ID, 'earlyoom.oom_kill', l, body, data, time);
    e.process = { pid: Number(text(s.pid)), name: (text(s.name) ?? '""').slice(1, -1) };
    e.level = 'warning';
    return e;
  }
}

export const earlyoom: Format = {
  id: ID,
  dataset: 'earlyoom',
  kinds: ['snapshot.earlyoom', 'earlyoom.oom_kill', 'earlyoom.log'],
  programs: /^earlyoom$/,
  sniff,
  create: (ctx) => new EarlyoomParser(ctx),
  samples: [
    { line: 'mem avail:    21 of   950 MiB ( 2.27%), swap free:   81 of 1023 MiB ( 7.95%)', kind: 'snapshot.earlyoom' },
    { line: 'sending SIGTERM to process 397 uid 61876 "earlyoom": badness 0, VmRSS 1 MiB', kind: 'earlyoom.oom_kill' },
    { line: 'sending SIGTERM to process 12006 "python3": badness 209, VmRSS 2891 MiB', kind: 'earlyoom.oom_kill' },
    { line: 'killing process 27541 "bash" with signal 15: badness 550, VmRSS 7609 MiB', kind: 'earlyoom.oom_kill' },
    { line: 'low memory! at or below SIGTERM limits: mem 10.00%, swap 15.00%', kind: 'earlyoom.log' },
    {
      line: 'Jul 18 08:23:17 server.name earlyoom[2608931]: sending SIGTERM to process 2595764 uid 0 "cellxgene": badness 711, VmRSS 52562 MiB',
      kind: 'earlyoom.oom_kill',
    },
  ],
};
