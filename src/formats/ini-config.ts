// Adapter for configuration files in INI dialects: MySQL/MariaDB option files (my.cnf, conf.d,
// `!include`) and php-fpm pool files. One event per section (`config.mysql` or `config.phpfpm`)
// folding its header, settings and comments, with the settings as data (mysql keys normalised:
// `log-error` → `log_error`). A php-fpm file is told by its keys (`pm`, `listen`, `pm.*`).
import type { Event } from '../event.js';
import grammar, { lexer } from '../generated/ini-config.js';
import type { Line } from '../read/lines.js';
import { shapeParser } from './token-parse.js';
import { type Format, type FormatContext, type LineParser, UNPLACED, makeEvent, unrecognized } from './types.js';

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

const MYSQL_SECTIONS = /^(?:mysqld(?:_safe|-\d.*)?|mariadb(?:d|-\d.*)?|server|client(?:-server)?|mysql|mysqldump|mysqladmin|embedded|galera|xtrabackup)$/i;
const PHPFPM_KEYS = /^(?:pm(?:\..+)?|listen(?:\..+)?|request_terminate_timeout|php_admin_value\[.*\]|php_value\[.*\]|pid|error_log|process_control_timeout|emergency_restart_threshold)$/;
const MYSQL_KEYS = /^(?:innodb_|key_buffer|max_connections|datadir|socket|port|bind.address|log.error|pid.file|query_cache|table_open_cache|skip.|default.storage.engine|character.set|collation|user)/;

/** `50       ;comment` → `50`; quotes stripped. */
function cleanValue(raw: string): string {
  let v = raw;
  const c = /[ \t][;#]/.exec(v);
  if (c) v = v.slice(0, c.index);
  v = v.trim();
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v.at(-1) === v[0]) v = v.slice(1, -1);
  return v;
}

function sniff(lines: readonly string[]): number {
  let settings = 0;
  let sections = 0;
  let known = 0;
  let other = 0;
  for (const l of lines) {
    const t = l.trim();
    if (t === '' || t[0] === ';' || t[0] === '#') continue;
    if (/^\[[^\]]+\]$/.test(t)) sections++;
    else if (/^!include/.test(t)) settings++;
    else {
      const m = /^([A-Za-z_][\w.-]*(?:\[[^\]]*\])?)\s*(?:=|$)/.exec(t);
      if (!m) other++;
      else {
        settings++;
        if (PHPFPM_KEYS.test(m[1]) || MYSQL_KEYS.test(m[1].replace(/-/g, '_'))) known++;
      }
    }
  }
  if (settings === 0 || other > (settings + sections) / 4) return 0;
  return known > 0 ? 0.9 : sections > 0 ? 0.5 : 0.1;
}

class IniParser implements LineParser {
  private current: Event | null = null;
  private section = '';
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
      this.section = text(shape.section).slice(1, -1).trim();
      this.open(l, text(shape.section));
      return;
    }
    const ev = this.current ?? this.open(l, '');
    if (ev.src.line !== l.no) {
      ev.src.lines++;
      ev.message += `\n${l.text.trim()}`;
    }
    if (shape.key !== undefined) {
      const key = text(shape.key);
      if (PHPFPM_KEYS.test(key) && !MYSQL_SECTIONS.test(this.section)) this.phpfpm = true;
      const settings = (ev.data as { settings: Record<string, string> }).settings;
      settings[key] = shape.flag ? 'ON' : cleanValue(text(shape.value).replace(/^=[ \t]*/, ''));
    } else if (shape.include !== undefined) {
      const settings = (ev.data as { settings: Record<string, string> }).settings;
      const inc = text(shape.include).trim();
      settings[inc.startsWith('!includedir') ? '!includedir' : '!include'] = inc.replace(/^!include(?:dir)?\s+/, '');
    }
  }

  private open(l: Line, header: string): Event {
    const e = makeEvent(this.ctx, ID, 'config.mysql', l, header || l.text.trim(), { settings: {} }, UNPLACED);
    this.current = e;
    this.events.push(e);
    return e;
  }

  end(): void {
    for (const e of this.events) {
      if (e.kind === 'config.mysql') {
        const section = e.message.startsWith('[') ? e.message.split('\n')[0].slice(1, -1).trim() : '';
        const settings = e.data.settings;
        const isFpm = this.phpfpm && !MYSQL_SECTIONS.test(section);
        if (isFpm) {
          Object.assign(e, { kind: 'config.phpfpm', data: { pool: section || undefined, settings } });
        } else {
          const norm: Record<string, string> = {};
          for (const [k, v] of Object.entries(settings)) norm[k.startsWith('!') ? k : k.replace(/-/g, '_')] = v;
          e.data = { settings: norm };
          if (section) e.meta = { ...e.meta, 'config.section': section };
        }
      }
      this.ctx.emit(e);
    }
  }
}

export const iniConfig: Format = {
  id: ID,
  dataset: 'config',
  sniff,
  create: (ctx) => new IniParser(ctx),
  samples: [
    '[mysqld]',
    'innodb_buffer_pool_size=1G',
    'log-error=/srv/bundle/mysqld.err',
    'skip-name-resolve',
    '!includedir /etc/mysql/conf.d/',
    'pm.max_children = 50       ;静态方式下开启的php-fpm进程数量',
    'php_admin_value[memory_limit] = 256M',
    '; a comment',
  ],
};
