// The `syslog.log` event of a syslog / journal line from a program with no format of its own here
// (systemd, cron, sshd, ...): kept and counted, with the program, its pid and, for systemd, the
// unit the message is about. Shared by the kernel and syslog formats, which both read such files.
import type { Event, EventTime, PendingTime } from '../../event.js';
import grammar, { lexer } from '../../generated/syslog.js';
import type { Line } from '../../read/lines.js';
import type { SyslogLine } from './syslog-prefix.js';
import { shapeParser } from '../token-parse.js';
import { type FormatContext, makeEvent } from '../types.js';

interface Shape {
  unit?: number;
  body?: number;
}

export const syslogShapes = shapeParser<Shape>(grammar, lexer);

/** One `syslog.log` event for a line of another program. */
export function syslogEvent(ctx: FormatContext, format: string, l: Line, s: SyslogLine, time: EventTime, pending?: PendingTime): Event {
  const t = s.rest === '' ? null : syslogShapes.lex(s.rest);
  const shape = t ? syslogShapes.shape(t) : null;
  const data: { program?: string; unit?: string } = { program: s.program };
  if (t && shape?.unit !== undefined) data.unit = t.tokens[shape.unit].text;
  const e = makeEvent(ctx, format, 'syslog.log', l, s.rest, data, time);
  e.process = s.pid !== undefined ? { name: s.program, pid: s.pid } : { name: s.program };
  if (s.host) e.meta = { ...e.meta, 'host.name': s.host };
  if (s.facility) e.meta = { ...e.meta, 'syslog.facility': s.facility };
  if (pending) e.pending = pending;
  return e;
}
