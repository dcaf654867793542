// Reads kubectl output with the kubectl grammar. A container's `State:` / `Last State: Terminated`
// group with `Reason: OOMKilled` becomes `kubelet.oom_kill` (dated by `Finished:`); an event row
// `SystemOOM` (kubelet) or `OOMKilling` (the kernel's line relayed) and a `get pods` row whose
// STATUS is `OOMKilled` do too (their ages date nothing). Every other line folds into
// `kubectl.output`, one event per run of lines.
import type { Event, EventDataMap, RawStamp } from '../../event.js';
import grammar, { lexer } from '../../generated/kubectl.js';
import { type Line, isBlank } from '../../read/lines.js';
import { MONTHS } from '../months.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import { type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp, unrecognized } from '../types.js';

interface Shape {
  kind: 'command' | 'other' | 'heading' | 'label' | 'event' | 'pod' | 'cont';
  indent?: number;
  name?: number;
  label?: number;
  value?: number;
  reason?: number;
  rest?: number;
  pod?: number;
  status?: number;
}

export const kubectlShapes = shapeParser<Shape>(grammar, lexer);

const RFC1123 = /^[A-Z][a-z]{2}, (\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/;
const SYSTEM_OOM = /victim process: ([^,\s]{1,128})(?:, pid: (\d{1,10}))?/;
const KERNEL_KILL = /Killed process (\d{1,10}) \(([^)\n]{1,64})\)/;

/** `Sat, 17 May 2025 09:45:58 +0300` */
export function rfc1123(text: string): RawStamp | null {
  const m = RFC1123.exec(text);
  const month = m ? MONTHS[m[2]] : undefined;
  if (!m || !month) return null;
  return { year: +m[3], month, day: +m[1], hour: +m[4], minute: +m[5], second: +m[6], offsetMinutes: (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) };
}

interface Group {
  first: Line;
  lines: number;
  indent: number;
  fields: Map<string, string>;
}

export class KubectlParser implements LineParser {
  private output: Event | null = null;
  private group: Group | null = null;
  private container: string | undefined;

  constructor(
    private readonly ctx: FormatContext,
    private readonly id: string,
  ) {}

  line(l: Line): void {
    if (isBlank(l.text)) {
      this.endGroup();
      this.flush();
      return;
    }
    const t = kubectlShapes.lex(l.text);
    const s = t ? kubectlShapes.shape(t) : null;
    if (!t || !s) {
      this.endGroup();
      this.flush();
      return this.ctx.emit(unrecognized(this.ctx, this.id, l));
    }
    const indent = s.indent !== undefined ? t.tokens[s.indent].text.length : 0;
    const label = s.label !== undefined ? t.tokens[s.label].text.slice(0, -1) : undefined;
    const value = s.value !== undefined ? t.tokens[s.value].text.trim() : '';
    const g = this.group;
    if (g && s.kind === 'label' && indent > g.indent && label !== undefined) {
      g.lines++;
      if (!g.fields.has(label)) g.fields.set(label, value);
      return;
    }
    this.endGroup();
    if (s.kind === 'label' && (label === 'State' || label === 'Last State') && value === 'Terminated') {
      this.group = { first: l, lines: 1, indent, fields: new Map() };
      return;
    }
    if (s.kind === 'heading' && s.name !== undefined && indent <= 4) this.container = t.tokens[s.name].text.slice(0, -1);
    if (s.kind === 'event') return this.eventRow(l, t, s);
    if (s.kind === 'pod' && s.status !== undefined && t.tokens[s.status].text === 'OOMKilled' && s.pod !== undefined) {
      const pod = t.tokens[s.pod].text.trim().split(/ {1,40}/)[0];
      return this.kill(l, 1, { report: 'watch', pod }, UNPLACED, { name: pod }, l.text.trim());
    }
    this.fold(l);
  }

  end(): void {
    this.endGroup();
    this.flush();
  }

  private eventRow(l: Line, t: Tokens, s: Shape): void {
    const reason = t.tokens[s.reason ?? 0].text;
    const rest = s.rest !== undefined ? t.tokens[s.rest].text : '';
    const sys = reason === 'SystemOOM' ? SYSTEM_OOM.exec(rest) : null;
    if (sys) {
      const victim = sys[2] ? { name: sys[1], pid: Number(sys[2]) } : { name: sys[1] };
      return this.kill(l, 1, { report: 'event' }, UNPLACED, victim, l.text.trim());
    }
    const k = reason === 'OOMKilling' ? KERNEL_KILL.exec(rest) : null;
    if (k) return this.kill(l, 1, { report: 'event' }, UNPLACED, { name: k[2], pid: Number(k[1]) }, l.text.trim());
    this.fold(l);
  }

  /** A `State: Terminated` group ended: a kill when its reason is OOMKilled, else output lines. */
  private endGroup(): void {
    const g = this.group;
    this.group = null;
    if (!g) return;
    if (g.fields.get('Reason') !== 'OOMKilled') {
      this.fold(g.first);
      (this.output as Event).src.lines += g.lines - 1;
      return;
    }
    const exit = Number(g.fields.get('Exit Code'));
    const data: EventDataMap['kubelet.oom_kill'] = { report: 'describe' };
    if (Number.isSafeInteger(exit)) data.exit_code = exit;
    if (this.container) data.container = this.container;
    const st = rfc1123(g.fields.get('Finished') ?? '');
    const message = `${g.first.text.trim()}; Reason: OOMKilled${data.exit_code !== undefined ? `; Exit Code: ${data.exit_code}` : ''}${g.fields.has('Finished') ? `; Finished: ${g.fields.get('Finished')}` : ''}`;
    this.kill(g.first, g.lines, data, st ? placeStamp(this.ctx.clock, st) : UNPLACED, { name: this.container ?? 'the container' }, message);
  }

  private kill(l: Line, lines: number, data: EventDataMap['kubelet.oom_kill'], time: Event['time'], victim: { name: string; pid?: number }, message: string): void {
    this.flush();
    const e = makeEvent(this.ctx, this.id, 'kubelet.oom_kill', l, message, data, time);
    e.src.lines = lines;
    e.process = victim;
    e.level = 'error';
    this.ctx.emit(e);
  }

  /** One more line of plain kubectl output. */
  private fold(l: Line): void {
    if (this.output) {
      this.output.src.lines++;
      return;
    }
    this.output = makeEvent(this.ctx, this.id, 'kubectl.output', l, l.text.trim(), {}, UNPLACED);
  }

  private flush(): void {
    if (this.output) this.ctx.emit(this.output);
    this.output = null;
  }
}
