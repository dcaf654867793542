# `ps` tables (`ps aux`, `ps -ef`, `ps -eaF`, `ps -eo ...`, `ps x`: grammar/lib/table.ne) and
# `pstree` lines (`systemd(1)─┬─php-fpm(1234)─┬─php-fpm(1235)`, ASCII `|-php-fpm(1234)-+-...`,
# `├─php-fpm───5*[php-fpm]`), one line at a time over a moo lexer. Postprocessors return token
# indexes; the adapter reads pstree tokens by their type.
@preprocessor typescript
@{%
import moo from 'moo';
import { CELL_RULES, TEXT_RULE } from '../formats/lexemes.js';

export const lexer = moo.compile({
  sp: CELL_RULES.sp,
  // php-fpm(1234) | php-fpm(1234,www-data)
  tproc: /[^\s\u2500-\u257f|`(){}[\]*-][^\s\u2500-\u257f(){}[\]]*\(\d+(?:,[^\s()]+)?\)/,
  // {mysqld}(1240) | {auditd} | 30*[{mysqld}]
  tthread: /\{[^{}\s]*\}(?:\(\d+\))?|\d+\*\[\{[^{}\s]*\}\]/,
  // 5*[php-fpm] | 2*[sshd───bash]
  tgroup: /\d+\*\[[^[\]\s]+\]/,
  tconn: /[\u2500-\u257f]+/,
  aconn: /-[+-]-|[|`]-|\|/,
  int: CELL_RULES.int,
  neg: CELL_RULES.neg,
  dec: CELL_RULES.dec,
  size: CELL_RULES.size,
  clock: CELL_RULES.clock,
  col: CELL_RULES.col,
  text: TEXT_RULE,
});
%}
@lexer lexer

line -> table                          {% (d) => d[0] %}
      | tree                           {% (d) => d[0] %}

# systemd(1)─┬─php-fpm(1234)─┬─php-fpm(1235)
#            │               └─php-fpm(1236)
# systemd─┬─agetty
tree -> %sp:? tfirst titems            {% () => ({ tree: true }) %}
tfirst -> %tproc | %tconn | %aconn | %tthread | %tgroup | %text %tconn
titems -> null | titems titem
titem -> %sp | %tproc | %tthread | %tgroup | %tconn | %aconn | %text | %int | %neg | %dec | %size | %clock | %col

@include "lib/table.ne"
