# Kernel log lines (dmesg, or the part after a syslog `host kernel: ` prefix), one line at a time,
# over a moo lexer. A line is an optional stamp and then one message; the OOM killer's own messages
# get tokens of their own, everything else the kernel prints is one `text` token. Postprocessors
# return token *indexes*, so one parse serves every line of the same token-type sequence.
@preprocessor typescript
@{%
import moo from 'moo';

const restOfLine = { match: /[^\n]+/ };
const separator = /,? {1,8}|,/;
const kernelWho = /(?:Memory cgroup out of memory|Out of [Mm]emory(?: \([a-z_]{1,40}\))?): /;
// The opening words of each message the OOM killer prints; `text` takes every other line.
const message = {
  // oom-kill:constraint=CONSTRAINT_NONE,...,task_memcg=/system.slice/x.service,task=mysqld,pid=1234,uid=27
  summary: /oom-kill:(?=[a-z_]{1,32}=)[^\n]{1,4000}/,
  tasksState: /Tasks state \(memory values in pages\):/,
  taskHead: /\[ *pid *\][ a-z_]{1,200}/,
  taskRow: { match: /\[ *\d{1,10}\](?= )/, next: 'row' },
  taskCut: /\[ *\d{0,10}$/,
  invoked: { match: /(?:[^\n]{0,64}?invoked )?oom-killer: /, next: 'args' },
  select: { match: new RegExp(`${kernelWho.source}[Kk]ill process `), next: 'victim' },
  killed: { match: new RegExp(`(?:${kernelWho.source})?Killed process `), next: 'victim' },
  ubKill: { match: /Out of memory in UB \d{1,10}: OOM killed process /, next: 'victim' },
  reaped: { match: /oom_reaper: reaped process /, next: 'victim' },
  ovzExit: { match: /OOM killed process (?=[^\n]{1,64}? \(pid=)/, next: 'ovz' },
  text: restOfLine,
};

export const lexer = moo.states({
  main: {
    // <6> (the printk level: dmesg -r, /dev/kmsg, serial consoles)
    level: /<[0-7]>/,
    // [230460.421540] (dmesg, or after the syslog prefix)
    uptime: { match: /\[ {0,12}\d{1,10}\.\d{1,9}\] ?/, next: 'msg' },
    // [Oct28 16:58] and [  +0.000082] (dmesg -H: a minute stamp, then deltas from the line before)
    human: { match: /\[[A-Z][a-z]{2}\d\d \d\d:\d\d\] ?/, next: 'msg' },
    reltime: { match: /\[ {0,8}\+\d{1,10}\.\d{1,9}\] ?/, next: 'msg' },
    // [Sat May 21 18:49:20 2016] (dmesg -T)
    ctime: { match: /\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}\] ?/, next: 'msg' },
    // 2024-04-29T14:55:41,678628+02:00 (dmesg --time-format iso)
    iso: { match: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? /, next: 'msg' },
    ...message,
  },
  msg: message,
  // gfp_mask=0x201da, order=0, oom_adj=-17, oom_score_adj=-1000
  args: {
    arg: /[A-Za-z_]{1,32}=[^,\s]{1,256}/,
    sep: separator,
    rest: restOfLine,
  },
  // 7082 (mysqld) score 128 or sacrifice child | 11726, UID 498, (mysqld) total-vm:7823732kB, ...
  victim: {
    comm: /\([^\n]{0,64}?\)(?=[ ,.]|$)/,
    uid: /UID -?\d{1,10}/,
    score: /score -?\d{1,20}/,
    child: /or (?:sacrifice child|a child)/,
    now: /now(?= )/,
    kv: /[A-Za-z_-]{1,32}:-?\d{1,20}(?:kB)?/,
    pid: /\d{1,10}/,
    sep: separator,
    dot: /\./,
    rest: restOfLine,
  },
  // mysqld (pid=1234, ve=101) exited, free=12345.
  ovz: {
    ovzIds: /\(pid=\d{1,10}, ve=\d{1,10}\)/,
    ovzName: /[^\n]{1,64}?(?= \(pid=)/,
    sep: separator,
    rest: restOfLine,
  },
  // 1  3736   120816    47549   663552        0             0 php-fpm
  row: {
    num: /-?\d{1,20}(?= |$)/,
    sp: / +/,
    name: restOfLine,
  },
});
%}
@lexer lexer

record -> %level:? stamp:? msg:?            {% (d) => ({ level: d[0]?.index, stamp: d[1] ?? undefined, ...(d[2] ?? { kind: 'empty' }) }) %}

stamp -> %uptime                            {% (d) => d[0].index %}
       | %ctime                             {% (d) => d[0].index %}
       | %iso                               {% (d) => d[0].index %}
       | %human                             {% (d) => d[0].index %}
       | %reltime                           {% (d) => d[0].index %}

# Call Trace: | Node 0 DMA free:1904kB ... | mysqld cpuset=/ mems_allowed=0
msg -> %text                                {% (d) => ({ kind: 'text', body: d[0].index }) %}
# oom-kill:constraint=CONSTRAINT_MEMCG,...,task=mysqld,pid=1234,uid=27 (4.19+: the kill's summary)
     | %summary                            {% (d) => ({ kind: 'summary', body: d[0].index }) %}
# Tasks state (memory values in pages):
     | %tasksState                          {% (d) => ({ kind: 'tasksState', body: d[0].index }) %}
# [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name
     | %taskHead                            {% (d) => ({ kind: 'taskHead', body: d[0].index }) %}
# [   3736]     1  3736   120816    47549   663552        0             0 php-fpm
     | %taskRow cols rowName                {% (d) => ({ kind: 'taskRow', body: d[0].index, cols: d[1], name: d[2] }) %}
# [ (a row cut short by the paste)
     | %taskCut                             {% (d) => ({ kind: 'taskCut', body: d[0].index }) %}
# mysqld invoked oom-killer: gfp_mask=0x201da, order=0, oom_adj=0, oom_score_adj=0
     | %invoked args ending                 {% (d) => ({ kind: 'invoked', body: d[0].index, args: d[1] }) %}
# Out of memory: Kill process 7082 (mysqld) score 128 or sacrifice child
     | %select victim %sep %score selTail   {% (d) => ({ kind: 'select', body: d[0].index, ...d[1], score: d[3].index }) %}
# Killed process 7082 (mysqld) total-vm:1162552kB, anon-rss:235668kB, file-rss:0kB
     | %killed victim stats                 {% (d) => ({ kind: 'killed', body: d[0].index, ...d[1], kvs: d[2] }) %}
# Out of memory in UB 317592: OOM killed process 2946 (npm) score 0 vm:1506164kB, rss:237752kB, swap:120052kB
     | %ubKill victim %sep %score stats     {% (d) => ({ kind: 'ubKill', body: d[0].index, ...d[1], score: d[3].index, kvs: d[4] }) %}
# oom_reaper: reaped process 763 (mysqld), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB
     | %reaped victim %sep %now stats       {% (d) => ({ kind: 'reaped', body: d[0].index, ...d[1], kvs: d[4] }) %}
# OOM killed process mysqld (pid=1234, ve=101) exited, free=12345.
     | %ovzExit %ovzName %sep %ovzIds ovzTail {% (d) => ({ kind: 'ovzExit', body: d[0].index, comm: d[1].index, ids: d[3].index }) %}

cols -> %sp %num                            {% (d) => [d[1].index] %}
      | cols %sp %num                       {% (d) => [...d[0], d[2].index] %}

rowName -> null                             {% () => undefined %}
         | %sp                              {% () => undefined %}
         | %sp %name                        {% (d) => d[1].index %}

args -> %arg                                {% (d) => [d[0].index] %}
      | args %sep %arg                      {% (d) => [...d[0], d[2].index] %}

ending -> null                              {% () => null %}
        | %sep                              {% () => null %}
        | %sep %rest                        {% () => null %}
        | %dot                              {% () => null %}

# 7082 (mysqld) | 11726, UID 498, (mysqld) (RHEL 6) | 45465 (tail), UID 0, (RHEL 7)
victim -> %pid %sep %comm                   {% (d) => ({ pid: d[0].index, comm: d[2].index }) %}
        | %pid %sep %uid %sep %comm         {% (d) => ({ pid: d[0].index, comm: d[4].index, uid: d[2].index }) %}
        | %pid %sep %comm %sep %uid         {% (d) => ({ pid: d[0].index, comm: d[2].index, uid: d[4].index }) %}

selTail -> ending                           {% () => null %}
         | %sep %child ending               {% () => null %}

stats -> ending                             {% () => [] %}
       | %sep kvs ending                    {% (d) => d[1] %}

kvs -> %kv                                  {% (d) => [d[0].index] %}
     | kvs %sep %kv                         {% (d) => [...d[0], d[2].index] %}

ovzTail -> null                             {% () => null %}
         | %sep %rest                       {% () => null %}
