# What Docker says about a container: `docker inspect` JSON, one key a line (`"OOMKilled": true,`,
# `"FinishedAt": "2026-03-10T20:14:03.658991947Z"`, braces), and `docker events` lines
# (`2024-02-19T10:21:33.123456789+01:00 container oom 3f4e... (image=mysql:8.0, name=db)`), and
# `docker ps -a` tables (`CONTAINER ID   IMAGE ...` then `e5c656e1e1e1   ubuntu   ...   Exited (137) 5 seconds ago   daemon_dave`).
# Postprocessors return token indexes, as in every grammar here.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    ws: /[ \t]{1,64}/,
    // "OOMKilled": true,
    key: { match: /"[A-Za-z][\w.-]{0,63}":/, next: 'value' },
    open: /[{[](?=[ \t]*$)/,
    close: /[}\]],?(?=[ \t]*$)/,
    // CONTAINER ID        IMAGE               COMMAND                  CREATED             STATUS ...
    psHead: /CONTAINER ID[ \t]{1,64}IMAGE[ \t]{1,64}COMMAND[ \t]{1,64}CREATED[ \t]{1,64}STATUS[ \t]{1,64}PORTS[ \t]{1,64}NAMES[ \t]{0,64}$/,
    // e5c656e1e1e1        ubuntu   "/bin/sh -c 'while..."   10 minutes ago   Exited (137) 5 seconds ago   daemon_dave
    psId: { match: /[0-9a-f]{12}(?=[ \t]{2})/, next: 'psRow' },
    // 2024-02-19T10:21:33.123456789+01:00 container oom <id> (image=..., name=db)
    when: { match: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) (?=container )/, next: 'event' },
  },
  value: {
    sp: / {1,8}/,
    scalar: /(?:"(?:[^"\\\n]|\\.){0,4096}"|true|false|null|-?\d{1,20}(?:\.\d{1,20})?),?(?=[ \t]*$)/,
    nest: /[{[](?=[ \t]*$)/,
    empty: /(?:\{\}|\[\]),?(?=[ \t]*$)/,
  },
  event: {
    action: { match: /container [a-z_]{1,32}(?:: [^ \n]{1,64})? /, next: 'attrs' },
  },
  psRow: {
    psRest: /[ \t]{2}[^\n]{1,4096}/,
  },
  attrs: {
    id: /[0-9a-f]{12,64}/,
    rest: /[^\n]+/,
  },
});
%}
@lexer lexer

record -> %ws:? line                         {% (d) => d[1] %}

# "OOMKilled": true,
line -> %key %sp:? %scalar                     {% (d) => ({ kind: 'pair', key: d[0].index, value: d[2].index }) %}
# "State": {
      | %key %sp:? %nest                       {% (d) => ({ kind: 'open', key: d[0].index }) %}
# "Args": [],
      | %key %sp:? %empty                      {% (d) => ({ kind: 'pair', key: d[0].index }) %}
# {  |  }
      | %open                                {% () => ({ kind: 'open' }) %}
      | %close                               {% () => ({ kind: 'close' }) %}
# 2024-02-19T10:21:33.123456789+01:00 container oom 3f4e... (image=mysql:8.0, name=db)
      | %when %action %id %rest:?            {% (d) => ({ kind: 'event', when: d[0].index, action: d[1].index, id: d[2].index }) %}
# CONTAINER ID        IMAGE               COMMAND                  CREATED             STATUS              PORTS               NAMES
      | %psHead                              {% () => ({ kind: 'psHead' }) %}
# e5c656e1e1e1        ubuntu              "/bin/sh -c 'while..."   10 minutes ago      Exited (137) 5 seconds ago                       daemon_dave
      | %psId %psRest                        {% (d) => ({ kind: 'psRow', id: d[0].index, value: d[1].index }) %}
