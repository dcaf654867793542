// Adapter for configuration files in INI dialects: MySQL/MariaDB option files (my.cnf, conf.d,
// `!include`) and php-fpm pool files. One event per section (`config.mysql` or `config.phpfpm`)
// folding its header, settings and comments, with the settings as the server reads them (last
// line wins; values and names per dialect in ini-config-values.ts). A php-fpm file is told by its
// keys (`pm`, `listen`, `pm.*`); the dialect is settled at the end of the file.
import type { Event } from '../../event.js';
import grammar, { lexer } from '../../generated/ini-config.js';
import type { Line } from '../../read/lines.js';
import { fpmValue, mysqlKey, mysqlValue } from './ini-config-values.js';
import { shapeParser } from '../token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, unrecognized } from '../types.js';

const ID = 'ini-config';

interface Shape {
  section?: number;
  key?: number;
  value?: number;
  flag?: boolean;
  include?: number;
  comment?: number;
}

export const iniShapes = shapeParser<Shape>(grammar, lexer);

/** One `[section]` (or the lines before the first): its event and its option lines in order. */
interface Section {
  event: Event;
  name: string;
  pairs: { key: string; raw: string; flag: boolean; include?: boolean }[];
}

const MYSQL_SECTIONS = /^(?:mysqld(?:_safe|_multi|-\d.*|\d+)?|mariadbd?(?:-\d.*)?|server|client(?:-server|-mariadb)?|mysql(?:dump|admin|hotcopy|check|import|show|_upgrade)?|(?:my)?isamchk|embedded|galera|xtrabackup)$/i;
const PHPFPM_KEYS = /^(?:pm(?:\..+)?|listen(?:\..+)?|request_terminate_timeout|php_admin_value\[.*\]|php_value\[.*\]|pid|error_log|process_control_timeout|emergency_restart_threshold)$/;
const MYSQL_KEYS = /^(?:innodb_|key_buffer|max_connections|datadir|socket|port|bind.address|log.error|pid.file|query_cache|table_open_cache|skip.|default.storage.engine|character.set|collation|user)/;

const isKnown = (key: string) => PHPFPM_KEYS.test(key) || MYSQL_KEYS.test(key.replace(/-/g, '_'));
const SETTING = /^([A-Za-z_][\w.-]*(?:\[[^\]]*\])?)\s*(?:=|$)/;
/** `#innodb_buffer_pool_size = 128M`, `;pm.max_children = 5`: a setting commented out. */
const COMMENTED = /^[#;][ \t]*([A-Za-z_][\w.-]*(?:\[[^\]]*\])?)[ \t]*=/;

function sniff(lines: readonly string[]): number {
  let settings = 0;
  let sections = 0;
  let known = 0;
  let other = 0;
  let commented = 0;
  for (const l of lines) {
    const t = l.trim();
    if (t === '') continue;
    if (t[0] === ';' || t[0] === '#') {
      const c = COMMENTED.exec(t);
      if (c && isKnown(c[1])) commented++;
      continue;
    }
    if (/^\[[^\]]+\][ \t]*(?:[#;].*)?$/.test(t)) sections++;
    else if (/^!include/.test(t)) settings++;
    else {
      const m = SETTING.exec(t);
      if (!m) other++;
      else {
        settings++;
        if (isKnown(m[1])) known++;
      }
    }
  }
  // a stock file can open with more comment lines than the window holds: its commented-out
  // settings (`;pm.max_children = 5`, `#innodb_buffer_pool_size = 128M`) tell what it is
  if (settings + sections + other === 0) return commented >= 2 ? 0.3 : 0;
  if (other > (settings + sections) / 4) return 0;
  if (settings === 0) return 0.5; // headers and comments only: `[mysqld]`, `[www]`
  return known > 0 ? 0.9 : sections > 0 ? 0.5 : 0.1;
}

class IniParser implements LineParser {
  private readonly sections: Section[] = [];
  /** Events in line order: sections and unrecognized lines. */
  private readonly events: Event[] = [];
  private phpfpm = false;

  constructor(private readonly ctx: FormatContext) {}

  line(l: Line): void {
    if (l.text.trim() === '') return;
    const t = iniShapes.lex(l.text);
    const shape = t ? iniShapes.shape(t) : null;
    if (!t || !shape) {
      this.events.push(unrecognized(this.ctx, ID, l));
      return;
    }
    const text = (i: number | undefined) => (i === undefined ? '' : t.tokens[i].text);
    if (shape.section !== undefined) {
      this.open(l, text(shape.section), text(shape.section).slice(1, -1).trim());
      return;
    }
    const cur = this.sections.at(-1) ?? this.open(l, '', '');
    if (cur.event.src.line !== l.no) {
      cur.event.src.lines++;
      cur.event.message += `\n${l.text.trim()}`;
    }
    if (shape.key !== undefined) {
      const key = text(shape.key);
      if (PHPFPM_KEYS.test(key) && !MYSQL_SECTIONS.test(cur.name)) this.phpfpm = true;
      cur.pairs.push({ key, raw: text(shape.value).replace(/^=[ \t]*/, ''), flag: shape.flag === true });
    } else if (shape.include !== undefined) {
      const inc = text(shape.include).trim();
      cur.pairs.push({ key: inc.startsWith('!includedir') ? '!includedir' : '!include', raw: inc.replace(/^!include(?:dir)?\s+/, ''), flag: false, include: true });
    }
  }

  private open(l: Line, header: string, name: string): Section {
    const event = makeEvent(this.ctx, ID, 'config.mysql', l, header || l.text.trim(), { settings: {} }, UNPLACED);
    const s: Section = { event, name, pairs: [] };
    this.sections.push(s);
    this.events.push(event);
    return s;
  }

  end(): void {
    for (const s of this.sections) {
      const isFpm = this.phpfpm && !MYSQL_SECTIONS.test(s.name);
      const pool = s.name || undefined;
      const settings: Record<string, string> = {};
      for (const p of s.pairs) {
        // the server applies the lines in order: a repeated name keeps its last value
        const key = isFpm ? p.key : mysqlKey(p.key);
        const value = p.flag ? 'ON' : p.include ? p.raw : isFpm ? fpmValue(p.raw, pool) : mysqlValue(p.raw);
        // every include is read, so all of them are kept (one path a line)
        settings[key] = (p.include || key === 'include') && settings[key] !== undefined ? `${settings[key]}\n${value}` : value;
      }
      if (isFpm) Object.assign(s.event, { kind: 'config.phpfpm', data: { pool, settings } });
      else {
        s.event.data = { settings };
        if (s.name) s.event.meta = { ...s.event.meta, 'config.section': s.name };
      }
    }
    for (const e of this.events) this.ctx.emit(e);
  }
}

export const iniConfig: Format = {
  id: ID,
  dataset: 'config',
  kinds: ['config.mysql', 'config.phpfpm'],
  sniff,
  create: (ctx) => new IniParser(ctx),
  samples: [
    { line: '[mysqld]', kind: 'config.mysql' },
    { line: 'innodb_buffer_pool_size=1G', kind: 'config.mysql' },
    { line: 'log-error=/srv/bundle/mysqld.err', kind: 'config.mysql' },
    { line: 'skip-name-resolve', kind: 'config.mysql' },
    { line: '!includedir /etc/mysql/conf.d/', kind: 'config.mysql' },
    { line: 'pm.max_children = 50       ;静态方式下开启的php-fpm进程数量', kind: 'config.phpfpm' },
    { line: 'php_admin_value[memory_limit] = 256M', kind: 'config.phpfpm' },
    { line: '; a comment', kind: 'config.mysql' },
  ],
};
