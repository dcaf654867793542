// The line parser behind the kernel and syslog formats. Kernel lines (dmesg, or syslog/journal
// lines from `kernel`) go through the kernel grammar; the OOM killer's lines become kill, invoked
// and task-table events, folded across lines (`Kill process` + `Killed process` + `oom_reaper` is
// one kill; so is the 4.19+ `oom-kill:` summary before them; a table is one snapshot; a same-second
// dump is one `kernel.log`; a paste's blank line between them does not cut a kill or a table). Other
// programs' syslog lines become `syslog.log`; unprefixed lines after prefixed ones are hard-wrap leftovers.
import type { Event, EventDataMap, EventKind, MemoryTotals, ProcessRow, SnapshotData } from '../../event.js';
import grammar, { lexer } from '../../generated/kernel.js';
import { type Line, isBlank } from '../../read/lines.js';
import { HeldEvents } from './held-events.js';
import {
  type KernelShape,
  finishTable,
  foldKilled,
  invokedData,
  invokerOf,
  invokerPid,
  killData,
  noteMemory,
  summaryOf,
  taskRow,
  victimOf,
} from './kernel-oom.js';
import { type CgroupState, noteCgroup, summaryMemcg } from './kernel-memcg.js';
import { LineClock, type LineTime } from './kernel-time.js';
import { type PasteHeader, bareCommand, isJunk, pasteHeader } from './paste.js';
import { syslogEvent } from '../syslog/syslog-message.js';
import { type SyslogLine, parseSyslog } from '../syslog/syslog-prefix.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import { type FormatContext, type LineParser, makeEvent, unrecognized } from '../types.js';

/** What a kernel-reading parser emits (the kernel and syslog formats share it). */
export const KERNEL_KINDS: readonly EventKind[] = ['kernel.oom_invoked', 'kernel.oom_kill', 'kernel.log', 'snapshot.oom_tasks', 'syslog.log', 'paste.header'];

export const kernelShapes = shapeParser<KernelShape>(grammar, lexer);

/** A format's reading of other programs' syslog lines it understands (systemd's unit results):
 * an event, or null for the plain `syslog.log`. */
export type SyslogReader = (ctx: FormatContext, format: string, l: Line, s: SyslogLine, lt: LineTime) => Event | null;

/** The event later lines may still fold into. */
interface Open {
  e: Event;
  kind: 'log' | 'select' | 'kill' | 'table' | 'summary';
  key: string;
  pid?: number;
  rows?: ProcessRow[];
}

const MAX_BLOCK_LINES = 1000; // a dump longer than this is cut into several kernel.log events
const INVOKER_LINES = 16; // how far after `invoked oom-killer` its `PID: N Comm:` line may come
const WRAP_WIDTH = 80; // a line this long may have been hard-wrapped by the paste
// sysklogd's `Aug 30 00:48:05 froebi last message repeated 3 times`: more of the line before.
const REPEATED = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \S{1,255} last message repeated \d{1,9} times?$/;

const INDENTED = /^\s/;
const MONOTONIC = /^(\[ {0,12}\d{1,12}\.\d{1,9}\]) (?:[^\s:[]{1,254} )?kernel: /;
const UB_ID = /UB (\d{1,10})/;
const STAMPS = new Set(['uptime', 'ctime', 'iso', 'human', 'reltime']);

/** A line the grammar rejects (an OOM message worded in a way it does not know) is kernel text. */
function textShape(t: Tokens): KernelShape {
  const level = t.tokens[0]?.type === 'level' ? 0 : undefined;
  const first = level === undefined ? 0 : 1;
  const shape: KernelShape = STAMPS.has(t.tokens[first]?.type ?? '') ? { kind: 'text', stamp: first } : { kind: 'text' };
  if (level !== undefined) shape.level = level;
  return shape;
}

/** Whether a line after a blank one still belongs to the open event (a paste that double-spaces). */
function continues(o: Open, kind: KernelShape['kind'] | undefined): boolean {
  if (o.kind === 'table') return kind === 'taskRow';
  if (o.kind === 'summary') return kind === 'killed' || kind === 'select' || kind === 'reaped';
  if (o.kind === 'select') return kind === 'killed' || kind === 'reaped';
  return o.kind === 'kill' && kind === 'reaped';
}

export class KernelParser implements LineParser {
  private readonly held: HeldEvents;
  private readonly clock: LineClock;
  private open: Open | null = null;
  private invoked: Event | null = null;
  private invokedAge = 0;
  private prefixed = false; // the last line had a syslog prefix or a stamp
  private tail = false; // the last line's text ends the newest event's message
  private mem: MemoryTotals = {};
  private cg: CgroupState = {}; // the memory cgroup's lines since `invoked oom-killer`
  private command: string | undefined;
  private prevLength = 0; // of the line before: a paste hard-wraps only long lines
  private blank = false; // a blank line came after the open event
  private lastEvent: Event | null = null; // the event the line before went into
  /** Events later lines may still change: the open one and an invoker waiting for its pid. */
  private readonly pinned = (e: Event): boolean => e === this.open?.e || e === this.invoked;

  constructor(
    private readonly ctx: FormatContext,
    private readonly id: string,
    private readonly readSyslog?: SyslogReader,
  ) {
    this.held = new HeldEvents(ctx.emit);
    this.clock = new LineClock(ctx.clock, (lt) => this.held.learn(lt.time, lt.pending));
  }

  line(l: Line): void {
    if (isBlank(l.text)) {
      // a kill or table may go on after it (a double-spaced paste): closed at the next line if not
      if (this.open?.kind === 'log') this.close();
      this.blank = this.open !== null;
      this.lastEvent = null;
      return;
    }
    // journalctl -o short-monotonic: `[ 3888.822112] host kernel: ...` reads as dmesg's `[ 3888.822112] ...`
    const mono = l.text.charCodeAt(0) === 91 ? MONOTONIC.exec(l.text) : null;
    if (mono) l = { ...l, text: `${mono[1]} ${l.text.slice(mono[0].length)}` };
    const s = parseSyslog(l.text);
    if (s && s.program !== 'kernel') this.foreign(l, s);
    else this.kernel(l, s);
    this.prevLength = l.text.length;
    this.held.flush(this.pinned);
  }

  end(): void {
    this.close();
    this.held.drain();
  }

  private kernel(l: Line, s: SyslogLine | null): void {
    const text = s ? s.rest : l.text;
    const t = kernelShapes.lex(text);
    const shape = t ? (kernelShapes.shape(t) ?? textShape(t)) : null;
    if (this.blank) {
      this.blank = false;
      if (this.open && !continues(this.open, shape?.kind)) this.close();
    }
    const stamped = s !== null || shape?.stamp !== undefined || shape?.level !== undefined;
    if (!stamped) {
      const h = pasteHeader(text) ?? (!shape || shape.kind === 'text' ? bareCommand(text) : null);
      if (h) return this.header(l, h);
      if (!t || isJunk(text)) return this.unknown(l);
      const plain = !shape || shape.kind === 'text';
      if (plain && this.prefixed && this.lastEvent && this.lastEvent.kind !== 'line.unrecognized') {
        if (REPEATED.test(text)) return this.wrap(null);
        if (this.prevLength >= WRAP_WIDTH || INDENTED.test(text)) return this.wrap(text);
        return this.unknown(l);
      }
    }
    this.prefixed = stamped;
    if (!t) return this.unknown(l);
    const lt = this.clock.timeOf(s, t, shape?.stamp);
    const at = shape?.stamp ?? shape?.level;
    const cut = at !== undefined ? t.tokens[at].offset + t.tokens[at].text.length : 0;
    const body = text.slice(cut).trimStart();
    if (this.invoked && ++this.invokedAge > INVOKER_LINES) this.invoked = null;
    switch (shape?.kind) {
      case 'tasksState':
      case 'taskHead':
      case 'taskRow':
        return this.table(l, body, lt, t, shape);
      case 'taskCut':
        if (this.open?.kind === 'table') return this.foldTable(null);
        return this.text(l, body, lt);
      case 'invoked':
        return this.invokedLine(l, body, lt, t, shape);
      case 'select':
      case 'killed':
      case 'ubKill':
        return this.kill(l, body, lt, t, shape);
      case 'reaped':
      case 'ovzExit':
        return this.reaped(l, body, lt, t, shape);
      case 'summary':
        return this.summary(l, body, lt);
      default:
        return this.text(l, body, lt);
    }
  }

  /** Any other program's line: accounted as `syslog.log`, kernel folding left as it is. */
  private foreign(l: Line, s: SyslogLine): void {
    if (this.blank) {
      this.blank = false;
      this.close();
    }
    this.prefixed = true;
    const lt = this.clock.timeOf(s, null, undefined);
    const e = this.readSyslog?.(this.ctx, this.id, l, s, lt) ?? syslogEvent(this.ctx, this.id, l, s, lt.time, lt.pending);
    if (this.command) e.meta = { ...e.meta, 'shell.command': this.command };
    this.add(e);
  }

  /** A line no rule takes: kept, with the time of the line before. */
  private unknown(l: Line): void {
    const lt = this.clock.inherit();
    const e = unrecognized(this.ctx, this.id, l, lt.time);
    if (lt.pending) e.pending = lt.pending;
    this.add(e);
  }

  private header(l: Line, h: PasteHeader): void {
    this.close();
    const data: EventDataMap['paste.header'] = h.command !== undefined ? { command: h.command } : { title: h.title };
    this.add(this.make('paste.header', l, l.text.trim(), data, this.clock.inherit()));
    if (h.command !== undefined) this.command = h.command;
  }

  /** A line the paste hard-wrapped (no prefix, no stamp): the rest of the line before it. */
  private wrap(text: string | null): void {
    const e = this.lastEvent as Event;
    e.src.lines++;
    if (this.tail && text !== null) e.message += text;
    else {
      // not joined to the message: carried along unread (the event is still held: counted on emit)
      if (text !== null) e.src.uninterpreted = (e.src.uninterpreted ?? 0) + 1;
      this.tail = false;
    }
  }

  private text(l: Line, body: string, lt: LineTime): void {
    if (!noteCgroup(body, this.cg)) noteMemory(body, this.mem);
    const who = this.invoked ? invokerPid(body) : null;
    if (who && this.invoked) {
      this.invoked.process = { name: this.invoked.process?.name ?? who.name, pid: who.pid };
      this.invoked = null;
    }
    const o = this.open;
    if (o && o.kind === 'log' && o.key === lt.key && o.e.src.lines < MAX_BLOCK_LINES) return this.fold(o.e);
    this.close();
    const e = this.make('kernel.log', l, body, {}, lt);
    this.add(e);
    this.open = { e, kind: 'log', key: lt.key };
  }

  private table(l: Line, body: string, lt: LineTime, t: Tokens, shape: KernelShape): void {
    this.invoked = null;
    const o = this.open;
    const isRow = shape.kind === 'taskRow';
    if (o?.kind === 'table' && (isRow || (o.rows?.length ?? 0) === 0)) return this.foldTable(isRow ? taskRow(t, shape) : undefined);
    this.close();
    const data: SnapshotData = {};
    if (Object.keys(this.mem).length > 0) data.memory = this.mem;
    this.mem = {}; // the next table's dump states its own
    if (this.command) data.command = this.command;
    const e = this.make('snapshot.oom_tasks', l, body, data, lt);
    this.add(e);
    this.open = { e, kind: 'table', key: lt.key, rows: [] };
    if (isRow) this.addRow(taskRow(t, shape));
  }

  /** One more line of the open table: a row, a header line (undefined) or a cut row (null). */
  private foldTable(row: ProcessRow | null | undefined): void {
    this.fold((this.open as Open).e);
    this.addRow(row);
  }

  private addRow(row: ProcessRow | null | undefined): void {
    const o = this.open as Open;
    if (row) o.rows?.push(row);
    else if (row === null) (o.e.data as SnapshotData).partial = true;
  }

  private invokedLine(l: Line, body: string, lt: LineTime, t: Tokens, shape: KernelShape): void {
    this.close();
    this.mem = {};
    this.cg = {};
    const e = this.make('kernel.oom_invoked', l, body, invokedData(t, shape), lt);
    const name = invokerOf(t.tokens[shape.body ?? 0].text);
    if (name !== undefined) e.process = { name };
    e.level = 'warning';
    this.add(e);
    this.invoked = e;
    this.invokedAge = 0;
  }

  private kill(l: Line, body: string, lt: LineTime, t: Tokens, shape: KernelShape): void {
    this.invoked = null;
    const v = victimOf(t, shape);
    const o = this.open;
    if (o?.kind === 'summary' && o.pid === v.pid && (shape.kind === 'killed' || shape.kind === 'select') && o.e.kind === 'kernel.oom_kill') {
      // `oom-kill:...,task=x,pid=N` then `Out of memory: Kill(ed) process N (x)`: one kill
      const cgroup = o.e.data.cgroup;
      Object.assign(o.e.data, killData(t, shape));
      if (cgroup) o.e.data.cgroup = true;
      o.e.message += `\n${body}`;
      o.e.process = { ...v };
      o.kind = shape.kind === 'select' ? 'select' : 'kill';
      return this.fold(o.e);
    }
    if (shape.kind === 'killed' && o?.kind === 'select' && o.e.kind === 'kernel.oom_kill') {
      // `Out of memory: Kill process 5662 (x) score 26980 or a child` + `Killed process 6147 (y)`
      foldKilled(o.e, o.pid, v, t, shape);
      o.e.message += `\n${body}`;
      o.kind = 'kill';
      o.pid = v.pid;
      return this.fold(o.e);
    }
    this.close();
    const e = this.make('kernel.oom_kill', l, body, this.withCgroup(killData(t, shape)), lt);
    e.process = { ...v };
    e.level = 'error';
    if (shape.kind === 'ubKill') e.meta = { ...e.meta, 'openvz.ub': UB_ID.exec(t.tokens[shape.body ?? 0].text)?.[1] ?? '' };
    this.add(e);
    this.open = { e, kind: shape.kind === 'select' ? 'select' : 'kill', key: lt.key, pid: v.pid };
  }

  /** `oom-kill:constraint=...,task=x,pid=N,uid=U`: a kill (the lines naming it may follow, or a grep
   * may have kept only this one). */
  private summary(l: Line, body: string, lt: LineTime): void {
    this.invoked = null;
    const sum = summaryOf(body);
    if (!sum) return this.text(l, body, lt);
    this.close();
    const memcg = summaryMemcg(body);
    if (memcg !== undefined) this.cg.memcg = memcg;
    const e = this.make('kernel.oom_kill', l, body, this.withCgroup(sum.cgroup ? { cgroup: true } : {}), lt);
    e.process = { ...sum.victim };
    e.level = 'error';
    if (sum.memcg !== undefined) e.meta = { ...e.meta, 'oom.task_memcg': sum.memcg };
    this.add(e);
    this.open = { e, kind: 'summary', key: lt.key, pid: sum.victim.pid };
  }

  /** `oom_reaper: reaped process N` / OpenVZ `OOM killed process x (pid=N) exited`: the kill's end. */
  private reaped(l: Line, body: string, lt: LineTime, t: Tokens, shape: KernelShape): void {
    const v = victimOf(t, shape);
    const o = this.open;
    if (o && (o.kind === 'kill' || o.kind === 'select' || o.kind === 'summary') && o.pid === v.pid) {
      o.e.message += `\n${body}`;
      return this.fold(o.e);
    }
    this.close();
    const e = this.make('kernel.log', l, body, {}, lt);
    e.process = { ...v };
    this.add(e);
  }

  /** A cgroup kill takes the cgroup's lines read before it (once: the next kill reads its own). */
  private withCgroup(data: EventDataMap['kernel.oom_kill']): EventDataMap['kernel.oom_kill'] {
    if (!data.cgroup) return data;
    const cg = this.cg;
    this.cg = {};
    return { ...data, ...cg };
  }

  private make<K extends EventKind>(kind: K, l: Line, message: string, data: EventDataMap[K], lt: LineTime): Event {
    const e = makeEvent(this.ctx, this.id, kind, l, message, data, lt.time);
    if (lt.pending) e.pending = lt.pending;
    if (lt.host) e.meta = { ...e.meta, 'host.name': lt.host };
    if (this.command) e.meta = { ...e.meta, 'shell.command': this.command };
    return e;
  }

  private add(e: Event): void {
    this.held.push(e);
    this.lastEvent = e;
    this.tail = true;
  }

  /** One more line into an event that is still held. */
  private fold(e: Event): void {
    e.src.lines++;
    this.lastEvent = e;
    this.tail = false;
  }

  /** The open event is complete: a task table gets its rows and groups. */
  private close(): void {
    const o = this.open;
    this.open = null;
    if (o?.kind === 'table') finishTable(o.e, o.rows ?? []);
  }
}
