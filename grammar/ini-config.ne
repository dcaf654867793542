# my.cnf / mysqld.cnf / conf.d and php-fpm pool files (INI dialects), one line at a time over a
# moo lexer. Postprocessors return token indexes (see src/formats/token-parse.ts).
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    ws: /[ \t]+/,
    comment: /[;#][^\n]*/,
    // [mysqld] | [www] | [global]
    section: /\[[^\]\n]{1,200}\]/,
    // !include /etc/mysql/conf.d/x.cnf | !includedir /etc/mysql/conf.d/
    includeLine: /!include(?:dir)?[ \t][^\n]*/,
    // innodb_buffer_pool_size | log-error | pm.max_children | php_admin_value[memory_limit]
    key: { match: /[A-Za-z_][\w.\-]*(?:\[[^\]\n]{0,200}\])?/, next: 'afterKey' },
  },
  afterKey: {
    ws: /[ \t]+/,
    eq: { match: /=[ \t]*/, next: 'value' },
    comment: /[;#][^\n]*/,
  },
  value: {
    text: /[^\n]+/,
  },
});
%}
@lexer lexer

# [mysqld]   ; a comment
line -> _ %section _ trailing:?           {% (d) => ({ section: d[1].index, comment: d[3] ?? undefined }) %}
# innodb_buffer_pool_size = 16M
      | _ %key _ %eq %text:?               {% (d) => ({ key: d[1].index, value: d[4] ? d[4].index : undefined }) %}
# skip-name-resolve
      | _ %key _ trailing:?                {% (d) => ({ key: d[1].index, flag: true, comment: d[3] ?? undefined }) %}
# !includedir /etc/mysql/conf.d/
      | _ %includeLine                       {% (d) => ({ include: d[1].index }) %}
# ; a comment | # a comment
      | _ %comment                         {% (d) => ({ comment: d[1].index }) %}

trailing -> %comment                      {% (d) => d[0].index %}
_ -> null | %ws                           {% () => null %}
