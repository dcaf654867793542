# The line a watcher script's `date` prints, in its common forms, over a moo lexer: C locale
# (`Sat May 21 18:48:01 CST 2016`), en_GB, `date -R`, `date -Is` / `--rfc-3339`, `+%F %T`, `+%s`,
# zh_CN (`2016年 05月 21日 星期六 18:48:01 CST`), de_DE / fr_FR / es_ES / ru_RU (`Di 24. Nov 10:00:01 CET
# 2026`, `mar. 24 nov. 2026 10:00:01 CET`), optionally between `=====` decorations.
# Postprocessors return token indexes; the adapter reads the values.
@preprocessor typescript
@{%
import moo from 'moo';

export const lexer = moo.compile({
  iso: /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d(?::?\d\d)?)?/,
  clock: /\d{1,2}:\d\d:\d\d/,
  epoch: /\d{9,10}(?:\.\d{1,9})?/,
  cjkdate: /\d{4}年 ?\d{1,2}月 ?\d{1,2}日/,
  year: /\d{4}/,
  num: /\d{1,2}/,
  weekday: /(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)(?=[ ,])/,
  month: /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?= )/,
  ampm: /[AP]M(?= |$)/,
  zone: /[A-Z]{1,5}(?:[+-]\d{1,2})?(?= |$)|[+-]\d\d:?\d\d/,
  cjkweek: /(?:星期|周)[一二三四五六日天]/,
  // another locale's weekday or month (`Di`, `mar.`, `nov.`, `Вт`, `ноя`): the adapter reads months
  lword: /[A-Za-zÀ-ÿА-яЁё]{2,9}\.?(?= )/,
  dot: /\./,
  comma: /,/,
  deco: /[=*#~-]{2,}/,
  sp: / +/,
});
%}
@lexer lexer

line -> date                             {% (d) => d[0] %}
      | %deco %sp date %sp %deco         {% (d) => d[2] %}
      | %deco %sp date                   {% (d) => d[2] %}

# Sat May 21 18:48:01 CST 2016 | Sat May 21 06:48:01 PM CST 2016 | Tue Nov 24 04:14:08 UTC 2026
date -> %weekday %sp %month %sp %num %sp %clock ampm zone %sp %year
                                         {% (d) => ({ form: 'date', month: d[2].index, day: d[4].index, clock: d[6].index, ampm: d[7], zone: d[8], year: d[10].index }) %}
# Sat 21 May 2016 18:48:01 CST (en_GB)
      | %weekday %sp %num %sp %month %sp %year %sp %clock ampm zone
                                         {% (d) => ({ form: 'date', day: d[2].index, month: d[4].index, year: d[6].index, clock: d[8].index, ampm: d[9], zone: d[10] }) %}
# Sat, 21 May 2016 18:48:01 +0800 (date -R)
      | %weekday %comma %sp %num %sp %month %sp %year %sp %clock %sp %zone
                                         {% (d) => ({ form: 'rfc2822', day: d[3].index, month: d[5].index, year: d[7].index, clock: d[9].index, zone: d[11].index }) %}
# Di 24. Nov 10:00:01 CET 2026 (de_DE)
      | %lword %sp %num %dot %sp anymonth %sp %clock zone %sp %year
                                         {% (d) => ({ form: 'date', day: d[2].index, month: d[5], clock: d[7].index, zone: d[8], year: d[10].index }) %}
# mar. 24 nov. 2026 10:00:01 CET (fr_FR) | mar 24 nov 2026 10:00:01 CET (es_ES) | Вт 24 ноя 2026 10:00:01 MSK (ru_RU)
      | %lword %sp %num %sp anymonth %sp %year %sp %clock zone
                                         {% (d) => ({ form: 'date', day: d[2].index, month: d[4], year: d[6].index, clock: d[8].index, zone: d[9] }) %}
# 2016-05-21T18:48:01+08:00 (date -Is) | 2016-05-21 18:48:01 (+%F %T) | 2016-05-21 18:48:01 CST
      | %iso zone                        {% (d) => ({ form: 'iso', iso: d[0].index, zone: d[1] }) %}
# 1463827681 (date +%s) | 1463827681.123456789 (+%s.%N)
      | %epoch                           {% (d) => ({ form: 'epoch', epoch: d[0].index }) %}
# 2016年 05月 21日 星期六 18:48:01 CST (zh_CN)
      | %cjkdate %sp %cjkweek %sp %clock zone
                                         {% (d) => ({ form: 'date', cjk: d[0].index, clock: d[4].index, zone: d[5] }) %}
      | %cjkdate %sp %clock zone         {% (d) => ({ form: 'date', cjk: d[0].index, clock: d[2].index, zone: d[3] }) %}

anymonth -> %month                       {% (d) => d[0].index %}
      | %lword                           {% (d) => d[0].index %}

ampm -> null                             {% () => undefined %}
      | %sp %ampm                        {% (d) => d[1].index %}
zone -> null                             {% () => undefined %}
      | %sp %zone                        {% (d) => d[1].index %}
