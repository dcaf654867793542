// `systemctl status UNIT`: a header (`× mariadb.service - MariaDB 10.11 database server`) and its
// fields (`Loaded:`, `Active:`, `Main PID:`, `CGroup:` and its process tree, ...) up to the blank
// line before the journal tail. One event folds them: `systemd.oom_kill` when `Active: failed
// (Result: oom-kill) since Fri 2023-05-12 09:34:06 EDT` (the zone abbreviation is ignored: --tz
// decides), else `systemd.status`. The journal tail is syslog lines, read as such.
import type { Event, RawStamp } from '../../event.js';
import type { Line } from '../../read/lines.js';
import { type FormatContext, UNPLACED, makeEvent, placeStamp } from '../types.js';

// ● (active), × (failed), ○ (inactive), ↻ (reloading), * (no UTF-8 locale)
export const STATUS_HEAD = /^[●×○↻*] ([\w@\\.-]{1,200}\.(?:service|scope|socket|timer|mount|slice|target|swap|path))(?: - [^\n]{0,512})?$/u;
export const STATUS_FIELD =
  /^ {1,12}(?:Loaded|Active|Duration|Docs|Main PID|Process|Tasks|Memory|CPU|CGroup|Invocation|TriggeredBy|Triggers|Drop-In|Status|IP|IO|Notify|Listen|Accepted|Connected|Until|Condition|Mem peak|Swap peak): /;
/** A field's continuation (a second `Docs:` line, the CGroup tree, a Drop-In file). */
const CONTINUED = /^ {8,60}\S/;
const ACTIVE = /^ {1,12}Active: (\S{1,32}) \(([^)\n]{0,64})\)(?: since \S{1,16} (\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d))?/;
const MAIN_PID = /^ {1,12}Main PID: (\d{1,10})/;

interface Open {
  first: Line;
  lines: number;
  /** Lines taken only as some field's continuation (the CGroup tree, a second Docs line): not read. */
  uninterpreted: number;
  unit: string;
  message: string;
  active?: string;
  oomKill: boolean;
  since?: RawStamp;
  mainPid?: number;
}

export class StatusBlocks {
  private open: Open | null = null;

  constructor(
    private readonly ctx: FormatContext,
    private readonly id: string,
  ) {}

  /** Whether the line is part of a status block (and taken); any other line ends the block. */
  take(l: Line): boolean {
    const head = STATUS_HEAD.exec(l.text);
    if (head) {
      this.close();
      this.open = { first: l, lines: 1, uninterpreted: 0, unit: head[1], message: l.text, oomKill: false };
      return true;
    }
    const o = this.open;
    if (!o) return false;
    const field = STATUS_FIELD.test(l.text);
    if (!field && !CONTINUED.test(l.text)) {
      this.close();
      return false;
    }
    o.lines++;
    if (!field) o.uninterpreted++;
    const a = ACTIVE.exec(l.text);
    if (a) {
      o.active = `${a[1]} (${a[2]})`;
      o.message += `\n${l.text.trim()}`;
      o.oomKill = a[2] === 'Result: oom-kill';
      if (a[3]) o.since = { year: +a[3], month: +a[4], day: +a[5], hour: +a[6], minute: +a[7], second: +a[8] };
    }
    const pid = MAIN_PID.exec(l.text);
    if (pid) o.mainPid = Number(pid[1]);
    return true;
  }

  /** The block ended (a blank line, another line, the input's end): its event. */
  close(): void {
    const o = this.open;
    this.open = null;
    if (!o) return;
    const time = o.since ? placeStamp(this.ctx.clock, o.since) : UNPLACED;
    let e: Event;
    if (o.oomKill) {
      e = makeEvent(this.ctx, this.id, 'systemd.oom_kill', o.first, o.message, { unit: o.unit, report: 'status', ...(o.mainPid !== undefined ? { main_pid: o.mainPid } : {}) }, time);
      e.level = 'error';
      e.process = { name: o.unit }; // the main pid is not always the process the kernel killed
    } else {
      e = makeEvent(this.ctx, this.id, 'systemd.status', o.first, o.message, o.active ? { unit: o.unit, active: o.active } : { unit: o.unit }, time);
    }
    e.src.lines = o.lines;
    if (o.uninterpreted > 0) e.src.uninterpreted = o.uninterpreted;
    this.ctx.emit(e);
  }
}
