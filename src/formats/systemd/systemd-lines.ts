// systemd's and systemd-oomd's syslog / journal lines about memory kills, read with the systemd
// grammar: a unit's `A process of this unit has been killed by the OOM killer.` and `Failed with
// result 'oom-kill'.` become `systemd.oom_kill`; systemd-oomd's `Killed <cgroup> due to memory
// pressure for <cgroup> being 92.12% > 50.00% for > 20s` and a unit's `systemd-oomd killed N
// process(es) in this unit.` become `oomd.oom_kill`. Every other line stays `syslog.log`.
import type { Event, EventDataMap } from '../../event.js';
import grammar, { lexer } from '../../generated/systemd.js';
import type { Line } from '../../read/lines.js';
import type { SyslogReader } from '../kernel/kernel-parser.js';
import type { LineTime } from '../kernel/kernel-time.js';
import type { SyslogLine } from '../syslog/syslog-prefix.js';
import { shapeParser } from '../token-parse.js';
import { type FormatContext, makeEvent } from '../types.js';

interface Shape {
  kind: 'text' | 'oomd' | 'notice' | 'result' | 'oomdUnit';
  unit?: number;
  body?: number;
}

export const systemdShapes = shapeParser<Shape>(grammar, lexer);

/** The programs whose lines this reader understands. */
export const SYSTEMD_PROGRAMS = /^(?:systemd|systemd-oomd)$/;

const OOMD_CGROUP = /^(?:Killed|Marked) (\/\S{0,1024}) /;
const PRESSURE = / for (\/\S{0,1024}) being (\d{1,3}(?:\.\d{1,2})?)% > (\d{1,3}(?:\.\d{1,2})?)% for > (\d{1,6})(ms|s|min)\b/;
const PROCESSES = /killed (\d{1,10}) process/;

/** `/system.slice/mysql.service` → `mysql.service`. */
export function victimName(cgroup: string): string {
  return cgroup.slice(cgroup.lastIndexOf('/') + 1);
}

function seconds(n: string, unit: string): number {
  return unit === 'ms' ? Number(n) / 1000 : unit === 'min' ? Number(n) * 60 : Number(n);
}

/** `Killed /x.service due to memory pressure for /y.slice being 51.07% > 50.00% for > 20s ...` */
function oomdData(text: string): EventDataMap['oomd.oom_kill'] {
  const data: EventDataMap['oomd.oom_kill'] = { cgroup: OOMD_CGROUP.exec(text)?.[1] ?? '' };
  const p = PRESSURE.exec(text);
  if (p) {
    data.pressure_cgroup = p[1];
    data.pressure_pct = Number(p[2]);
    data.limit_pct = Number(p[3]);
    data.duration_seconds = seconds(p[4], p[5]);
  }
  return data;
}

/** A kill report of the line, with the reporting program, its host and the line's pending time. */
function report<K extends 'oomd.oom_kill' | 'systemd.oom_kill'>(
  ctx: FormatContext,
  format: string,
  l: Line,
  s: SyslogLine,
  lt: LineTime,
  kind: K,
  data: EventDataMap[K],
): Event {
  const e = makeEvent(ctx, format, kind, l, s.rest, data, lt.time);
  // a kill event's process is its victim (the unit or cgroup); the reporting program is metadata
  e.process = { name: victimName(kind === 'systemd.oom_kill' ? (data as EventDataMap['systemd.oom_kill']).unit : (data as EventDataMap['oomd.oom_kill']).cgroup) };
  e.meta = { ...e.meta, 'oomtrail.reporter': s.pid !== undefined ? `${s.program}[${s.pid}]` : s.program };
  e.level = 'error';
  if (s.host) e.meta = { ...e.meta, 'host.name': s.host };
  if (lt.pending) e.pending = lt.pending;
  return e;
}

/** The kill reports among systemd's lines; null for any other line (it stays `syslog.log`). */
export const readSystemdLine: SyslogReader = (ctx, format, l, s, lt) => {
  if (!SYSTEMD_PROGRAMS.test(s.program) || s.rest === '') return null;
  const t = systemdShapes.lex(s.rest);
  const shape = t ? systemdShapes.shape(t) : null;
  if (!t || !shape || shape.kind === 'text') return null;
  if (shape.kind === 'oomd') {
    if (s.program !== 'systemd-oomd') return null;
    return report(ctx, format, l, s, lt, 'oomd.oom_kill', oomdData(s.rest));
  }
  const unit = t.tokens[shape.unit ?? 0].text;
  if (shape.kind === 'oomdUnit') {
    const n = Number(PROCESSES.exec(s.rest)?.[1]);
    const data: EventDataMap['oomd.oom_kill'] = Number.isSafeInteger(n) ? { cgroup: unit, processes: n } : { cgroup: unit };
    return report(ctx, format, l, s, lt, 'oomd.oom_kill', data);
  }
  return report(ctx, format, l, s, lt, 'systemd.oom_kill', { unit, report: shape.kind });
};
