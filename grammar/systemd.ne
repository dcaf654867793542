# systemd's and systemd-oomd's own messages about memory kills (after `host systemd[1]: ` /
# `systemd-oomd[840]: `, which src/formats/syslog-prefix.ts strips). A unit's message is split into
# the unit and what it says; the kill reports get tokens of their own, everything else is `text`.
# Postprocessors return token indexes, as in every grammar here.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    // mariadb.service: A process of this unit has been killed by the OOM killer.
    unit: { match: /[\w@\\.-]{1,200}\.(?:service|socket|timer|mount|automount|scope|slice|target|path|device|swap)(?=: )/, next: 'colon' },
    // Killed /system.slice/mysql.service due to memory pressure for /system.slice being 92.12% > 50.00% for > 20s with reclaim activity
    // Marked /system.slice/x.service for killing due to memory pressure for ... (systemd 256+)
    oomdKill: { match: /(?:Killed|Marked) \/[^\s]{0,1024} (?:for killing )?due to (?:memory pressure|swap used)/, next: 'rest' },
    text: /[^\n]+/,
  },
  colon: {
    colon: { match: /: ?/, next: 'said' },
  },
  said: {
    // `by the>`: a pager chopped the line
    notice: { match: /A process (?:of this unit )?has been killed by the(?: OOM killer\.|>| OOM killer>?)|The kernel OOM killer killed some processes in this unit\./, next: 'rest' },
    result: { match: /Failed with result 'oom-kill'\./, next: 'rest' },
    oomdUnit: { match: /systemd-oomd killed \d{1,10} process\(es\) in this unit\./, next: 'rest' },
    text: /[^\n]+/,
  },
  rest: {
    rest: /[^\n]+/,
  },
});
%}
@lexer lexer

# Started Session 12 of user root.
record -> %text                        {% (d) => ({ kind: 'text', body: d[0].index }) %}
# Killed /user.slice/.../vte-spawn-dbb4.scope due to memory pressure for /user.slice/... being 51.07% > 50.00% for > 20s with reclaim activity
        | %oomdKill %rest:?            {% (d) => ({ kind: 'oomd', body: d[0].index }) %}
# mysql.service: Main process exited, code=killed, status=9/KILL
        | %unit %colon %text:?         {% (d) => ({ kind: 'text', unit: d[0].index }) %}
# elasticsearch.service: A process of this unit has been killed by the OOM killer.
        | %unit %colon %notice %rest:? {% (d) => ({ kind: 'notice', unit: d[0].index, body: d[2].index }) %}
# mariadb.service: Failed with result 'oom-kill'.
        | %unit %colon %result %rest:? {% (d) => ({ kind: 'result', unit: d[0].index, body: d[2].index }) %}
# vte-spawn-dbb4.scope: systemd-oomd killed 12 process(es) in this unit.
        | %unit %colon %oomdUnit %rest:? {% (d) => ({ kind: 'oomdUnit', unit: d[0].index, body: d[2].index }) %}
