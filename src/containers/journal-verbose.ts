// `journalctl -o verbose` (a header, then `    KEY=value` fields, per record): each record's
// MESSAGE goes, as the journal line of its program (`<instant> <host> <prog>[<pid>]: <message>`),
// to the format that declares the program in `programs` (the kernel, systemd, mysqld, earlyoom...;
// else the generic syslog format), dated exactly by the record; its header and other fields go to
// the `journal-verbose` format, which counts them in one `journal.record`. A record is held until
// the next header (its fields come in any order); every line lands in exactly one block.
import { JournalEntry, JournalLines, readJournalLine } from '../formats/journal-verbose/journal-record.js';
import type { Line } from '../read/lines.js';
import type { Block, Container, Splitter } from './index.js';
import { PIECE_LINES, streamed } from './pieces.js';
import { familyOf } from './syslog.js';

const FIELDS = 'journal-verbose';
/** Lines a record holds at most before it is routed with what it has (a hostile or broken file). */
const MAX_RECORD_LINES = 512;

/** Mostly verbose records: at least one header, and half the lines the grammar's. */
function detect(window: readonly string[]): boolean {
  let headers = 0;
  let ours = 0;
  for (const raw of window) {
    const j = readJournalLine(raw);
    if (!j) continue;
    ours++;
    if (j.type === 'header') headers++;
  }
  return headers > 0 && ours * 2 >= window.length;
}

interface Held {
  lines: Line[];
  entry: JournalEntry;
  message: Line | null;
}

function splitter(): Splitter {
  const runs = new Map<string, Block>();
  const out: Block[] = [];
  let rec: Held | null = null;
  const reader = new JournalLines();

  const append = (format: string, l: Line) => {
    const key = `journal:${format}`;
    let run = runs.get(key);
    if (!run) {
      run = { lines: [], format, key, more: true };
      runs.set(key, run);
    }
    run.lines.push(l);
    if (run.lines.length >= PIECE_LINES) {
      out.push(run);
      runs.delete(key);
    }
  };
  const route = () => {
    const r = rec;
    rec = null;
    if (!r) return;
    const text = r.message ? r.entry.asSyslogLine() : null;
    if (r.message && text === null) {
      // no time to give it: the MESSAGE stays in the record, in its place
      const at = r.lines.findIndex((x) => x.no > (r.message as Line).no);
      r.lines.splice(at < 0 ? r.lines.length : at, 0, r.message);
    }
    for (const l of r.lines) append(FIELDS, l);
    if (r.message && text !== null) {
      const m = r.message;
      append(familyOf(r.entry.program ?? ''), { text, no: m.no, offset: m.offset, truncated: m.truncated });
    }
  };

  return {
    push(l) {
      const j = reader.read(l.text);
      if (j?.type === 'header') {
        route();
        rec = { lines: [l], entry: new JournalEntry(j), message: null };
      } else if (j?.type === 'field') {
        rec ??= { lines: [], entry: new JournalEntry(null), message: null };
        if (j.key === 'MESSAGE' && rec.message === null) rec.message = l;
        else rec.lines.push(l);
        rec.entry.add(j.key, j.value);
        if (rec.lines.length >= MAX_RECORD_LINES) route();
      } else if (rec) rec.lines.push(l); // a blank line, a marker or junk: the format says which
      else append(FIELDS, l);
      return out.splice(0);
    },
    end() {
      route();
      for (const run of runs.values()) out.push(run);
      runs.clear();
      return out.splice(0);
    },
  };
}

export const journalVerboseContainer: Container = streamed({ id: 'journal-verbose', detect, splitter });
