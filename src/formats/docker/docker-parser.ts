// Reads what Docker says about a container with the docker grammar: a `docker inspect` document
// (or its `.State`) folds into one event, `container.oom_kill` when `"OOMKilled": true` (dated by
// `FinishedAt`), else `container.state` (`"ExitCode": 137` alone is any SIGKILL, not a memory
// kill); a `docker events` line is `container.oom_kill` for `container oom`, else `container.event`;
// a `docker ps -a` row is `container.state` (its header folded into the first row): `Exited (137)`
// is any SIGKILL, so a row is never a kill, and its relative age (`5 seconds ago`) dates nothing.
import type { Event, EventDataMap, RawStamp } from '../../event.js';
import grammar, { lexer } from '../../generated/docker.js';
import { type Line, isBlank } from '../../read/lines.js';
import { type Tokens, shapeParser } from '../token-parse.js';
import { type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp, unrecognized } from '../types.js';

interface Shape {
  kind: 'pair' | 'open' | 'close' | 'event' | 'psHead' | 'psRow';
  key?: number;
  value?: number;
  when?: number;
  action?: number;
  id?: number;
}

export const dockerShapes = shapeParser<Shape>(grammar, lexer);

const ISO = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|([+-])(\d\d):(\d\d))/;
const NAME = /\bname=([^,)\s]{1,128})/;
/** A `docker ps` STATUS cell: `Exited (137) 5 seconds ago`, `Up 9 minutes`, `Created`. */
const PS_STATUS = /^(?:Exited \((-?\d{1,4})\)|Up |Created$|Restarting \(|Paused|Dead$|Removal In Progress)/;
/** Deeper than this, a document is not an inspect output: its lines are still folded, not read. */
const MAX_DEPTH = 64;

/** `2026-03-10T20:14:03.658991947Z`; null for Docker's zero time `0001-01-01T00:00:00Z`. */
export function isoStamp(text: string): RawStamp | null {
  const m = ISO.exec(text);
  if (!m || m[1] === '0001') return null;
  const st: RawStamp = { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +m[6] };
  if (m[7]) st.millis = Math.floor(Number(`0.${m[7]}`) * 1000);
  st.offsetMinutes = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  return st;
}

interface Doc {
  first: Line;
  lines: number;
  depth: number;
  fields: Map<string, string>;
}

export class DockerParser implements LineParser {
  private doc: Doc | null = null;
  /** A `docker ps` header waiting for its first row. */
  private psHead: Line | null = null;

  constructor(
    private readonly ctx: FormatContext,
    private readonly id: string,
  ) {}

  line(l: Line): void {
    if (isBlank(l.text)) return;
    const t = dockerShapes.lex(l.text);
    const shape = t ? dockerShapes.shape(t) : null;
    if (!t || !shape) return this.ctx.emit(unrecognized(this.ctx, this.id, l));
    if (shape.kind === 'event') return this.event(l, t, shape);
    if (shape.kind === 'psHead') return this.header(l);
    if (shape.kind === 'psRow') return this.psRow(l, t.tokens[shape.id ?? 0].text, t.tokens[shape.value ?? 0].text);
    this.flushHead();
    const d = (this.doc ??= { first: l, lines: 0, depth: 0, fields: new Map() });
    d.lines++;
    if (shape.kind === 'open') d.depth = Math.min(d.depth + 1, MAX_DEPTH);
    else if (shape.kind === 'close') d.depth--;
    else if (shape.key !== undefined && shape.value !== undefined) {
      const key = t.tokens[shape.key].text.slice(1, -2);
      if (!d.fields.has(key)) d.fields.set(key, t.tokens[shape.value].text.replace(/,$/, '').replace(/^"|"$/g, ''));
    }
    if (d.depth <= 0) this.close();
  }

  end(): void {
    this.close();
    this.flushHead();
  }

  private header(l: Line): void {
    this.close();
    this.flushHead();
    this.psHead = l;
  }

  /** A header with no row under it: the table says no container is there. */
  private flushHead(): void {
    const h = this.psHead;
    this.psHead = null;
    if (h) this.ctx.emit(makeEvent(this.ctx, this.id, 'container.state', h, h.text.trim(), {}, UNPLACED));
  }

  /** `e5c656e1e1e1   ubuntu   "/bin/sh -c ..."   10 minutes ago   Exited (137) 5 seconds ago      daemon_dave`. */
  private psRow(l: Line, id: string, rest: string): void {
    this.close();
    const cells = rest.trim().split(/ {2,}|\t/);
    const status = cells.find((c) => PS_STATUS.test(c));
    const name = cells.length > 1 ? cells[cells.length - 1] : undefined;
    const data: EventDataMap['container.state'] = { id };
    if (status) data.status = status;
    const exit = status ? PS_STATUS.exec(status)?.[1] : undefined;
    if (exit !== undefined) data.exit_code = Number(exit);
    if (name && name !== status) data.container = name;
    const head = this.psHead;
    this.psHead = null;
    const e = makeEvent(this.ctx, this.id, 'container.state', head ?? l, l.text.trim(), data, UNPLACED);
    if (head) e.src.lines = 2;
    this.ctx.emit(e);
  }

  private event(l: Line, t: Tokens, shape: Shape): void {
    this.close();
    this.flushHead();
    const st = isoStamp(t.tokens[shape.when ?? 0].text);
    const time = st ? placeStamp(this.ctx.clock, st) : UNPLACED;
    const action = t.tokens[shape.action ?? 0].text.trim().slice('container '.length);
    const id = t.tokens[shape.id ?? 0].text;
    const name = NAME.exec(l.text)?.[1];
    let e: Event;
    if (action === 'oom') {
      const data: EventDataMap['container.oom_kill'] = { report: 'events', id, ...(name ? { container: name } : {}) };
      e = makeEvent(this.ctx, this.id, 'container.oom_kill', l, l.text.trim(), data, time);
      e.process = { name: name ?? id.slice(0, 12) };
      e.level = 'error';
    } else {
      e = makeEvent(this.ctx, this.id, 'container.event', l, l.text.trim(), { action, id }, time);
    }
    this.ctx.emit(e);
  }

  /** The document ended: one event of all its lines. */
  private close(): void {
    const d = this.doc;
    this.doc = null;
    if (!d) return;
    const f = d.fields;
    const exit = Number(f.get('ExitCode'));
    const exitCode = f.has('ExitCode') && Number.isSafeInteger(exit) ? exit : undefined;
    const name = f.get('Name')?.replace(/^\//, '');
    const st = isoStamp(f.get('FinishedAt') ?? '');
    const time = st ? placeStamp(this.ctx.clock, st) : UNPLACED;
    const said = `OOMKilled: ${f.get('OOMKilled') ?? '?'}, ExitCode: ${f.get('ExitCode') ?? '?'}${f.has('FinishedAt') ? `, FinishedAt: ${f.get('FinishedAt')}` : ''}`;
    let e: Event;
    if (f.get('OOMKilled') === 'true') {
      const data: EventDataMap['container.oom_kill'] = { report: 'inspect' };
      if (exitCode !== undefined) data.exit_code = exitCode;
      if (name) data.container = name;
      if (f.has('Id')) data.id = f.get('Id');
      e = makeEvent(this.ctx, this.id, 'container.oom_kill', d.first, `docker inspect: ${said}`, data, time);
      e.process = { name: name ?? 'the container' };
      e.level = 'error';
    } else {
      const data: EventDataMap['container.state'] = {};
      if (f.has('Status')) data.status = f.get('Status');
      if (exitCode !== undefined) data.exit_code = exitCode;
      if (f.has('OOMKilled')) data.oom_killed = false;
      e = makeEvent(this.ctx, this.id, 'container.state', d.first, `docker inspect: ${said}`, data, time);
    }
    e.src.lines = d.lines;
    this.ctx.emit(e);
  }
}
