# pt-stalk's sample separator, over a moo lexer: `TS <epoch>[.<fraction>]` then, in newer
# versions, the collecting host's local date and time (`2018-03-05 13:24:57` or
# `2012-01-25T10:49:37`). Only this line has a grammar: the samples between are folded whole.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  ts: /TS(?= )/,
  isoT: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/,
  day: /\d{4}-\d\d-\d\d/,
  clock: /\d\d:\d\d:\d\d/,
  epoch: /\d{9,10}(?:\.\d{1,9})?/,
  sp: /[ \t]+/,
});
%}
@lexer lexer

# TS 1281367519
line -> %ts %sp %epoch                   {% (d) => ({ epoch: d[2].index }) %}
# TS 1327510177.628000 2012-01-25T10:49:37
      | %ts %sp %epoch %sp %isoT         {% (d) => ({ epoch: d[2].index, local: d[4].index }) %}
# TS 1520256297.002113337 2018-03-05 13:24:57
      | %ts %sp %epoch %sp %day %sp %clock {% (d) => ({ epoch: d[2].index, local: d[4].index, clock: d[6].index }) %}
