// `journalctl -o verbose`: records of a header line and indented `KEY=value` fields. Read alone
// (`--as journal-verbose`), each record is one `journal.record` event carrying its MESSAGE and
// every field line. Inside the journal-verbose container (src/containers/journal-verbose.ts) the
// MESSAGE goes to the format of its program instead, as that program's journal line would, and
// the record's other lines stay here. Dated exactly by `__REALTIME_TIMESTAMP` or the cursor's `t=`.
import type { EventTime } from '../../event.js';
import type { Line } from '../../read/lines.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, placeStamp, unrecognized } from '../types.js';
import { JournalEntry, JournalLines, readJournalLine } from './journal-record.js';

const ID = 'journal-verbose';

function sniff(lines: readonly string[]): number {
  if (lines.length === 0) return 0;
  let hits = 0;
  let headers = 0;
  for (const raw of lines) {
    const j = readJournalLine(raw);
    if (j) hits++;
    if (j?.type === 'header') headers++;
  }
  return headers > 0 ? hits / lines.length : 0;
}

/** A record being read: its first line, how many lines it folds, what it says. */
interface Open {
  first: Line;
  lines: number;
  entry: JournalEntry;
}

class JournalVerboseParser implements LineParser {
  private open: Open | null = null;
  private readonly reader = new JournalLines();

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return; // counted blank by the driver (journalctl prints some)
    const j = this.reader.read(l.text);
    if (j?.type === 'header') {
      this.flush();
      this.open = { first: l, lines: 1, entry: new JournalEntry(j) };
    } else if (j?.type === 'field') {
      // an excerpt may start mid-record: its fields still make a record, without a header
      this.open ??= { first: l, lines: 0, entry: new JournalEntry(null) };
      this.open.lines++;
      this.open.entry.add(j.key, j.value);
    } else if (j?.type === 'marker') {
      this.ctx.emit(makeEvent(this.ctx, ID, 'line.other', l, l.text.trim(), { source: 'journalctl' }, this.timeOf(this.open)));
    } else this.ctx.emit(unrecognized(this.ctx, ID, l));
  }

  end(): void {
    this.flush();
  }

  private timeOf(o: Open | null): EventTime {
    if (!o) return UNPLACED;
    const ms = o.entry.exactMs;
    if (ms !== undefined) return { ms, source: 'stamped' };
    return o.entry.header ? placeStamp(this.ctx.clock, o.entry.header.stamp) : UNPLACED;
  }

  private flush(): void {
    const o = this.open;
    this.open = null;
    if (!o) return;
    const entry = o.entry;
    const program = entry.program;
    const message = entry.fields.get('MESSAGE');
    const text = message ?? `(fields of a journal record${program ? ` of ${program}` : ''})`;
    const e = makeEvent(this.ctx, ID, 'journal.record', o.first, text, { program, fields: o.lines - (entry.header ? 1 : 0) }, this.timeOf(o));
    e.src.lines = o.lines;
    const pid = entry.pid;
    if (program !== undefined || pid !== undefined) e.process = { pid, name: program };
    const host = entry.fields.get('_HOSTNAME');
    if (host) e.meta = { ...e.meta, 'host.name': host };
    this.ctx.emit(e);
  }
}

export const journalVerbose: Format = {
  id: ID,
  dataset: 'journald',
  kinds: ['journal.record', 'line.other'],
  sniff,
  create: (ctx) => new JournalVerboseParser(ctx),
  samples: [
    {
      line: 'Tue 2017-10-24 10:37:50.315725 UTC [s=6bffb876a10048479266ab251fa82f13;i=524715a;b=0a163cddc55946f889e0c7d0d3b917e8;m=914ed6facb5;t=55c4887dc4ccd;x=98df4480dbf4c068]',
      kind: 'journal.record',
    },
    { line: '    MESSAGE=be2net 0000:06:00.0 eno49: Link is Down', kind: 'journal.record' },
    { line: '-- Logs begin at Sun 2022-05-22 22:20:52 EDT, end at Mon 2022-05-23 08:50:01 EDT. --', kind: 'line.other' },
  ],
};
