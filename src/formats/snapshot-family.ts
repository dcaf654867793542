// The snapshot formats (top, free, ps, meminfo, vmstat, sar) read as one family, because real
// files mix them with no container around (pt-summary's `free -b` then /proc/meminfo): the open
// block takes the lines it can; a line it cannot take may start another member's block. A command
// echo (`$ free -m`) or a `=====topinfo` heading just before a block is folded into it.
import { type Event, type EventDataMap, type EventKind, SNAPSHOT_KINDS, type SnapshotData } from '../event.js';
import { type Line, isBlank } from '../read/lines.js';
import { type FamilyCommands, PROMPT, familyCommands } from './family-commands.js';
import { type Format, type FormatContext, type LineParser, type Sample, UNPLACED, makeEvent, unrecognized } from './types.js';

/** Longer lines are no free, meminfo, vmstat or sar line (a guard against hostile input). */
export const MAX_LINE = 2000;

/** Lines folded in front of a block (a command echo, a heading) and the command they name. */
export interface Lead {
  lines: Line[];
  command?: string;
}

/** One block being read. */
export interface BlockReader {
  /**
   * Offer a line. True: taken (folded in, or emitted by the block itself). False: not this
   * block's; for a blank line that closes the block, otherwise the line may start another block
   * or be unrecognized while this block stays open (a junk row inside a frame).
   */
  take(l: Line): boolean;
  /** Emit what the block holds. */
  close(): void;
}

export interface SnapshotMember {
  id: string;
  dataset: string;
  sniff(lines: readonly string[]): number;
  /** Can a block of this format start with this line (after this command echo, if any)? */
  starts(text: string, command?: string): boolean;
  /** A reader for the block that `first` starts (the family offers `first` to it next). */
  open(ctx: FormatContext, lead: Lead, first: Line): BlockReader;
  samples: readonly Sample[];
  /** The snapshot kind its blocks give. */
  kind: EventKind;
  /** Shell commands whose output it reads (a transcript routes them to it). */
  commands: readonly string[];
  /** Commands whose echo leads its blocks but whose output it does not read (`pstree`, `htop`). */
  echoes?: readonly string[];
}

/** What any member's format may emit besides the members' snapshots. */
const FAMILY_KINDS: readonly EventKind[] = ['line.other', 'shell.output'];

// `free -V`: `free from procps-ng 3.3.9`, `procps version 3.2.8`
const VERSION = /^(?:(\w{1,16}) from procps(?:-ng)? \d[\w.-]{0,20}|procps version \d[\w.-]{0,20})$/;
// ==========topinfo | ##### Memory ##### | --- free ---
const HEADING = /^ *(?:[=#-]{4,} *[\w /-]{0,40}|[=#-]{3,} *[\w /-]{1,40} *[=#-]{3,}) *$/;

/** The event a block builds: it starts at the block's lead (or first line) and counts the lead. */
export function blockEvent<K extends EventKind>(
  ctx: FormatContext,
  id: string,
  kind: K,
  first: Line,
  lead: Lead,
  data: EventDataMap[K],
): Event {
  const e = makeEvent(ctx, id, kind, lead.lines[0] ?? first, first.text.trim(), data, UNPLACED);
  e.src.lines = lead.lines.length;
  return e;
}

/** The command that printed a block: its echo line, else the transcript's command. */
export function commandOf(ctx: FormatContext, lead: Lead): string | undefined {
  return lead.command ?? ctx.meta?.['shell.command'];
}

const UNITS: [string, number][] = [
  ['B', 1],
  ['KiB', 1024],
  ['MiB', 1024 ** 2],
  ['GiB', 1024 ** 3],
];

/**
 * A snapshot whose unit was assumed KiB (`free` with no command) read again in the unit that
 * makes its total match `ref`, the total of a snapshot of the same file that printed its unit
 * (pt-summary's `free -b` next to /proc/meminfo). Unchanged when no unit matches within 3%.
 */
export function calibrate(d: SnapshotData, ref: number): void {
  const m = d.memory;
  if (!m?.total_bytes || d.unit_assumed !== 'KiB') return;
  const kib = m.total_bytes / 1024;
  const hit = UNITS.find(([, u]) => Math.abs((kib * u) / ref - 1) < 0.03);
  if (!hit) return;
  const f = hit[1] / 1024;
  for (const k of Object.keys(m) as (keyof typeof m)[]) m[k] = Math.round((m[k] as number) * f);
  d.unit_assumed = `${hit[0]} (its total matches a snapshot next to it)`;
}

class FamilyParser implements LineParser {
  private cur: BlockReader | null = null;
  private lead: Lead = { lines: [] };
  private readonly ctx: FormatContext;
  /** Snapshots with an assumed unit, held until a total to check them against turns up. */
  private waiting: Event[] = [];
  private refTotal: number | undefined;
  /** Has a snapshot started in this block yet, and the command output held before it. */
  private started = false;
  private output: Event | null = null;

  constructor(
    private readonly outer: FormatContext,
    private readonly members: readonly SnapshotMember[],
    private readonly commands: FamilyCommands,
  ) {
    this.ctx = { ...outer, emit: (e) => this.emit(e) };
  }

  private emit(e: Event): void {
    const d = SNAPSHOT_KINDS.has(e.kind) ? (e.data as SnapshotData) : null;
    const total = d?.memory?.total_bytes;
    if (d && total && d.unit_assumed === 'KiB') {
      if (this.refTotal === undefined) return void this.waiting.push(e);
      calibrate(d, this.refTotal);
    } else if (d && total && !d.unit_assumed) {
      this.refTotal = total;
      for (const w of this.waiting) {
        calibrate(w.data as SnapshotData, total);
        this.outer.emit(w);
      }
      this.waiting = [];
    }
    this.outer.emit(e);
  }

  line(l: Line): void {
    if (isBlank(l.text)) {
      if (this.cur && !this.cur.take(l)) this.closeBlock();
      return;
    }
    if (this.cur?.take(l)) return;
    const version = VERSION.exec(l.text.trim());
    if (version) {
      // what `free -V` prints: the procps version, no snapshot
      this.closeBlock();
      this.dropLead();
      const data = version[1] ? { source: 'version', program: version[1] } : { source: 'version' };
      return this.ctx.emit(makeEvent(this.ctx, this.members[0].id, 'line.other', l, l.text.trim(), data, UNPLACED));
    }
    const cmd = this.commands.echoed(l.text);
    if (cmd !== null || HEADING.test(l.text)) {
      this.closeBlock();
      if (cmd !== null) this.dropLead(); // a new command: what was held before it led nowhere
      this.lead.lines.push(l);
      if (cmd !== null) this.lead.command = cmd;
      return;
    }
    if (PROMPT.test(l.text)) {
      // another command ran (`service php-fpm restart`): the output before it is over
      this.closeBlock();
      this.dropLead();
      this.ctx.emit(unrecognized(this.ctx, this.members[0].id, l));
      return;
    }
    const m = this.members.find((x) => x.starts(l.text, this.lead.command));
    if (m) {
      this.closeBlock();
      this.flushOutput();
      this.started = true;
      this.cur = m.open(this.ctx, this.lead, l);
      this.lead = { lines: [] };
      if (this.cur.take(l)) return;
    }
    this.dropLead();
    const command = this.outer.meta?.['shell.command'];
    if (!this.started && command !== undefined && !this.commands.owns(command)) {
      // before any snapshot in a transcript block: the command's own output (`numfmt ...` → `4.0GB`)
      if (this.output) this.output.src.lines++;
      else this.output = makeEvent(this.ctx, this.members[0].id, 'shell.output', l, l.text.trim().slice(0, 200), { command }, UNPLACED);
      return;
    }
    this.ctx.emit(unrecognized(this.ctx, this.members[0].id, l));
  }

  private flushOutput(): void {
    if (this.output) this.ctx.emit(this.output);
    this.output = null;
  }

  end(): void {
    this.flushOutput();
    this.closeBlock();
    this.dropLead();
    for (const w of this.waiting) this.outer.emit(w);
    this.waiting = [];
  }

  private closeBlock(): void {
    this.cur?.close();
    this.cur = null;
  }

  private dropLead(): void {
    for (const h of this.lead.lines) this.ctx.emit(unrecognized(this.ctx, this.members[0].id, h));
    this.lead = { lines: [] };
  }
}

/** A registry Format for one member: it reads with the whole family, this member tried first. */
export function familyFormat(first: SnapshotMember, all: readonly SnapshotMember[]): Format {
  const members = [first, ...all.filter((m) => m !== first)];
  const commands = familyCommands(all);
  return {
    id: first.id,
    dataset: first.dataset,
    sniff: (lines) => first.sniff(lines),
    create: (ctx) => new FamilyParser(ctx, members, commands),
    samples: first.samples,
    kinds: [...members.map((m) => m.kind), ...FAMILY_KINDS],
    commands: first.commands,
  };
}
