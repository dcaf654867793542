// The pt-stalk container: files named `<YYYY_MM_DD_HH_MM_SS>-<collector>` (the prefix may sit
// anywhere in the base name; a date-only prefix with one of pt-stalk's collector names) or
// starting with a `TS <epoch>` separator. Each TS line is a block
// of its own (a stamped `ptstalk.sample` anchor); each sample after it is a block in the
// collector's format (`-top` → top, `-meminfo` → meminfo, ...) or folded by the `pt-stalk` format.
import path from 'node:path';
import { parseTs } from '../formats/pt-stalk/pt-stalk.js';
import type { Block, Container } from './index.js';
import { BlockStream, streamed } from './pieces.js';

const PREFIX = /(\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d)-([A-Za-z0-9_-]{1,64})$/;
/** A `--prefix` that is only a date (`2011_12_05-df`): trusted with pt-stalk's own collector names. */
const DATE_PREFIX = /(\d{4}_\d\d_\d\d)-([a-z0-9_-]{2,32})$/;
const COLLECTORS = new Set(
  ('df disk-space diskstats hostname innodbstatus1 innodbstatus2 interrupts iostat iostat-overall lock-waits log_error lsof ' +
    'meminfo mpstat mpstat-overall mutex-status1 mutex-status2 mysqladmin netstat netstat_s numastat opentables1 opentables2 ' +
    'output pmap processlist processlist1 processlist2 procstat procvmstat ps ps-locks-transactions slabinfo slave-status ' +
    'stacktrace sysctl top transactions trigger variables vmstat vmstat-overall dmesg').split(' '),
);

/** Collectors whose output a snapshot format reads. */
const FORMAT_OF: Record<string, string> = { top: 'top', meminfo: 'meminfo', ps: 'ps', vmstat: 'vmstat', 'vmstat-overall': 'vmstat' };
/** Collectors holding another program's log: sniffed, folded when nothing claims them. */
const SNIFFED = new Set(['log_error', 'dmesg', 'syslog', 'messages']);

export interface PtStalkName {
  prefix: string;
  collector: string;
}

/** The pt-stalk prefix and collector in a file name, or null. */
export function ptStalkName(file: string): PtStalkName | null {
  const base = path.basename(file).replace(/\.(?:log|txt|out)$/i, '');
  const m = PREFIX.exec(base);
  if (m) return { prefix: m[1], collector: m[2] };
  const d = DATE_PREFIX.exec(base);
  return d && COLLECTORS.has(d[2]) ? { prefix: d[1], collector: d[2] } : null;
}

/** What a sample block is read as: the collector's format, or sniffed / folded by `pt-stalk`. */
function sampleProps(name: PtStalkName | null, meta: Record<string, string> | undefined): Omit<Block, 'lines'> {
  const b: Omit<Block, 'lines'> = { meta };
  const collector = name?.collector;
  if (collector && FORMAT_OF[collector]) b.format = FORMAT_OF[collector];
  else if (!collector || SNIFFED.has(collector)) b.fallback = 'pt-stalk';
  else b.format = 'pt-stalk';
  b.fallback ??= 'pt-stalk';
  return b;
}

export const ptStalk: Container = streamed({
  id: 'pt-stalk',
  detect(window, file) {
    if (ptStalkName(file)) return true;
    return window.length > 0 && parseTs(window[0]) !== null;
  },
  splitter(file) {
    const name = ptStalkName(file);
    const meta = name ? { 'ptstalk.prefix': name.prefix, 'ptstalk.collector': name.collector } : undefined;
    const bs = new BlockStream();
    return {
      push(l) {
        if (!l.text.startsWith('TS ') || !parseTs(l.text)) {
          if (!bs.current) bs.open(sampleProps(name, meta));
          bs.add(l);
        } else {
          bs.open({ meta, format: 'pt-stalk' }, l);
          bs.close();
        }
        return bs.take();
      },
      end() {
        return bs.finish();
      },
    };
  },
});
