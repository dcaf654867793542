# MySQL / MariaDB error log, one record (line) at a time, over a moo lexer. The message body is a
# single token; the grammar only fixes the line's shape. Postprocessors return token *indexes*, not
# values, so a parse result is reusable for every line of the same token-type sequence.
@preprocessor typescript
@{%
import moo from 'moo';
// the stamps are written once, in pieces (src/formats/mysql-error/mysql-stamp.ts)
import { STAMP55, STAMP_ISO, STAMP_UTC } from '../formats/mysql-error/mysql-stamp.js';

const restOfLine = { match: /[^\n]+/ };
export const lexer = moo.states({
  main: {
    // 160521 11:06:36 | 160521  9:06:36 (5.5: hour space-padded; mysqld_safe zero-pads)
    stamp55: { match: STAMP55, next: 'head' },
    // 2016-05-21 11:06:36 | 2016-05-21T11:06:36.123456Z | 2023-05-28  8:34:45 | ...+08:00
    stampIso: { match: STAMP_ISO, next: 'head' },
    // 07:00:44 UTC - mysqld got signal 11 ;
    stampUtc: { match: STAMP_UTC, next: 'head' },
    // a line pasted without its stamp, the level first: `[ERROR] mariadbd: Out of memory (Needed ...)`
    bracket: { match: /\[(?:ERROR|Warning|Note|System)\](?=[ \t])/, next: 'tags' },
    body: restOfLine,
  },
  head: {
    sp: /[ \t]+/,
    // 0 | 13110 | 140443127027392 (pthread) | 0x7fcb6cb3c700 | 7fddc77c9700 (5.6 prints %lx)
    thread: { match: /(?:0x[0-9a-fA-F]{1,16}|[0-9a-f]{6,16}|\d{1,20})(?=[ \t])/, next: 'tags' },
    code: { match: /\[MY-\d+\](?=[ \t])/, next: 'tags' },
    bracket: { match: /\[[A-Za-z][A-Za-z ]{0,15}\](?=[ \t])/, next: 'tags' },
    // MySQL Workbench's log view: `2016-07-25T02:26:02, 8428, Note, Aborted connection ...`
    csv: { match: /, \d{1,20}, [A-Za-z]{1,12}, /, next: 'tags' },
    body: restOfLine,
  },
  // after the thread id, a tag or the csv fields: no second thread id, so a message may start with a number
  // (`[Server] 1146  Table 'mysql.backup_progress' doesn't exist.`)
  tags: {
    sp: /[ \t]+/,
    code: /\[MY-\d+\](?=[ \t])/,
    bracket: /\[[A-Za-z][A-Za-z ]{0,15}\](?=[ \t])/,
    body: restOfLine,
  },
});
%}
@lexer lexer

# InnoDB: mmap(137363456 bytes) failed; errno 12
record -> %body                          {% (d) => ({ body: d[0].index }) %}
# 160521 11:06:36 (nothing after the stamp)
        | stamp                          {% (d) => ({ stamp: d[0] }) %}
# 091119 22:27:11InnoDB: Warning: cannot find a free slot
        | stamp %body                    {% (d) => ({ stamp: d[0], body: d[1].index }) %}
# 160521 11:06:36 InnoDB: ... | 2016-05-21 11:06:36 1234 [Note] ... | ... 0 [System] [MY-010116] [Server] ...
        | stamp %sp head %body:?         {% (d) => ({ stamp: d[0], ...d[2], body: d[3] ? d[3].index : undefined }) %}
# 2016-07-25T02:26:02, 8428, Note, Aborted connection 8428 to db: 'pokemon' ...
        | stamp %csv %body:?             {% (d) => ({ stamp: d[0], csv: d[1].index, body: d[2] ? d[2].index : undefined }) %}
# [ERROR] InnoDB: Cannot map innodb_buffer_pool_size_max=4664m (pasted without the stamp)
        | tags1 %body:?                  {% (d) => ({ ...d[0], body: d[1] ? d[1].index : undefined }) %}

stamp -> %stamp55                        {% (d) => d[0].index %}
       | %stampIso                       {% (d) => d[0].index %}
       | %stampUtc                       {% (d) => d[0].index %}

head -> null                             {% () => ({}) %}
      | %thread %sp tags                 {% (d) => ({ thread: d[0].index, ...d[2] }) %}
      | tags1                            {% (d) => d[0] %}

# the thread id alone, or the thread id and then the tags
tags -> null                             {% () => ({}) %}
      | tags1                            {% (d) => d[0] %}

# [Note] | [ERROR] [FATAL] | [System] [MY-010116] [Server]
tags1 -> %bracket %sp                    {% (d) => ({ level: d[0].index }) %}
       | %bracket %sp %bracket %sp       {% (d) => ({ level: d[0].index, fatal: d[2].index }) %}
       | %bracket %sp %code %sp %bracket %sp {% (d) => ({ level: d[0].index, code: d[2].index, subsystem: d[4].index }) %}
