# pt-stalk's sample separator, over a moo lexer: `TS <epoch>[.<fraction>]` then, in newer
# versions, the collecting host's local date and time (`2018-03-05 13:24:57` or
# `2012-01-25T10:49:37`); and pt-stalk's own log line (its --log file, the `-trigger` file, what it
# prints to a terminal): `2014_10_19_12_51_02 Collect 1 triggered`. The samples are folded whole.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.states({
  main: {
    ts: /TS(?= )/,
    isoT: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/,
    day: /\d{4}-\d\d-\d\d/,
    clock: /\d\d:\d\d:\d\d/,
    logstamp: { match: /\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d(?= )/, next: 'msg' },
    epoch: /\d{9,10}(?:\.\d{1,9})?/,
    sp: /[ \t]+/,
  },
  msg: {
    gap: / /,
    text: /[^\n]+/,
  },
});
%}
@lexer lexer

# TS 1281367519 | TS 1283888686.311660000
line -> %ts %sp %epoch                   {% (d) => ({ epoch: d[2].index }) %}
# TS 1327510177.628000 2012-01-25T10:49:37
      | %ts %sp %epoch %sp %isoT         {% (d) => ({ epoch: d[2].index, local: d[4].index }) %}
# TS 1520256297.002113337 2018-03-05 13:24:57
      | %ts %sp %epoch %sp %day %sp %clock {% (d) => ({ epoch: d[2].index, local: d[4].index, clock: d[6].index }) %}
# 2014_10_19_12_51_02 Check results: processlist(Host)=2, matched=yes, cycles_true=5
      | %logstamp %gap %text             {% (d) => ({ stamp: d[0].index, text: d[2].index }) %}
