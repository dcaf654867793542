# php-fpm's own log (error_log of the master), one record at a time, over a moo lexer. The message
# is one token; the grammar fixes the shape: stamp, level (`WARNING:` in the file, `[WARNING]` in
# syslog), the debug location, the pool. Postprocessors return token *indexes* (see token-parse.ts).
@preprocessor typescript
@{%
import moo from 'moo';

const restOfLine = { match: /[^\n]+/ };
const levelWord = /(?:DEBUG|NOTICE|WARNING|ERROR|ALERT):(?= |$)/;
export const lexer = moo.states({
  main: {
    // [21-May-2016 18:49:27] | [05-Jan-2017 10:11:12.123456] (log_level = debug)
    stamp: { match: /\[\d{1,2}-[A-Z][a-z]{2}-\d{4} \d\d:\d\d:\d\d(?:\.\d{1,9})?\](?= |$)/, next: 'head' },
    // NOTICE: fpm is running, pid 5012 (journald, or workers' output with decorate_workers_output = no)
    level: { match: levelWord, next: 'msg' },
    // [WARNING] [pool www] ... (error_log = syslog)
    blevel: { match: /\[(?:DEBUG|NOTICE|WARNING|ERROR|ALERT)\](?= |$)/, next: 'msg' },
    sp: / +/,
    body: restOfLine,
  },
  head: {
    sp: / +/,
    level: { match: levelWord, next: 'msg' },
    body: restOfLine,
  },
  msg: {
    sp: / +/,
    // pid 1234, fpm_children_bury(), line 252:  (log_level = debug, and php5-fpm's syslog lines)
    where: /(?:pid \d{1,10}, )?[A-Za-z_]\w{0,63}\(\), line \d{1,7}:(?= )/,
    // [pool www] | [pool rank.mightful-noobs.de]
    pool: /\[pool [^\]\s]{1,255}\](?= |$)/,
    body: restOfLine,
  },
});
%}
@lexer lexer

# [21-May-2016 18:49:27] WARNING: [pool www] server reached pm.max_children setting (50), consider raising it
record -> %sp:? line %sp:?               {% (d) => d[1] %}

# [25-Oct-2021 13:18:54] NOTICE: Terminating ...
line -> %stamp %sp message               {% (d) => ({ stamp: d[0].index, ...d[2] }) %}
# [NOTICE] [pool www] child 3035 started  |  NOTICE: fpm is running, pid 5012
      | message                          {% (d) => d[0] %}
# [07-Apr-2021 12:06:02] NOT  (a paste cut mid-line)
      | %stamp %sp %body                 {% (d) => ({ stamp: d[0].index, body: d[2].index, odd: true }) %}
      | %stamp                           {% (d) => ({ stamp: d[0].index, odd: true }) %}

message -> lvl                           {% (d) => d[0] %}
         | lvl %sp tail                  {% (d) => ({ ...d[0], ...d[2] }) %}

lvl -> %level                            {% (d) => ({ level: d[0].index }) %}
     | %blevel                           {% (d) => ({ level: d[0].index }) %}

# fpm_children_bury(), line 252: [pool www] child 14226 exited on signal 15 (SIGTERM) after ...
tail -> %body                            {% (d) => ({ body: d[0].index }) %}
      | %where                           {% (d) => ({ where: d[0].index }) %}
      | %where %sp pooled                {% (d) => ({ where: d[0].index, ...d[2] }) %}
      | %where %sp %body                 {% (d) => ({ where: d[0].index, body: d[2].index }) %}
      | pooled                           {% (d) => d[0] %}

pooled -> %pool                          {% (d) => ({ pool: d[0].index }) %}
        | %pool %sp %body                {% (d) => ({ pool: d[0].index, body: d[2].index }) %}
