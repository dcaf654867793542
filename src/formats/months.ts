// Month names as printed: English abbreviations (syslog, date(1), dmesg -T, php-fpm): `May` → 5;
// and the `%b` of other locales that journalctl and rsyslog print (`avril`, `Mär`, `апр`, `5月`).
export const MONTHS: Readonly<Record<string, number>> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12 };

// glibc's abbreviated months, lower-cased, for the locales servers are commonly run in: fr, de, es,
// it, pt, nl, pl, ru (with the genitive forms), cs. Distinct words only; none means two months.
const LOCAL_NAMES: readonly (readonly string[])[] = [
  ['janv.', 'janv', 'ene', 'gen', 'sty', 'led', 'янв', 'янв.', 'января'],
  ['févr.', 'févr', 'fév', 'fev', 'lut', 'úno', 'фев', 'февр.', 'февраля'],
  ['mars', 'mär', 'mrt', 'bře', 'мар', 'марта'],
  ['avril', 'avr.', 'abr', 'kwi', 'dub', 'апр', 'апреля'],
  ['mai', 'mei', 'mag', 'maj', 'kvě', 'май', 'мая'],
  ['juin', 'giu', 'cze', 'čvn', 'июн', 'июня'],
  ['juil.', 'juil', 'lug', 'lip', 'čvc', 'июл', 'июля'],
  ['août', 'ago', 'sie', 'srp', 'авг', 'авг.', 'августа'],
  ['sept.', 'sept', 'set', 'wrz', 'zář', 'сен', 'сент.', 'сентября'],
  ['oct.', 'okt', 'ott', 'out', 'paź', 'říj', 'окт', 'окт.', 'октября'],
  ['nov.', 'lis', 'noi', 'ноя', 'нояб.', 'ноября'],
  ['déc.', 'déc', 'dez', 'dic', 'gru', 'pro', 'дек', 'дек.', 'декабря'],
];
const LOCAL: Map<string, number> = new Map();
LOCAL_NAMES.forEach((names, i) => {
  for (const n of names) LOCAL.set(n, i + 1);
});

/** A month as a syslog / journal line of any of those locales prints it (`Apr`, `avril`, `апр`, `4月`, `4월`). */
export function monthOf(word: string): number | undefined {
  const en = MONTHS[word];
  if (en) return en;
  const last = word.charCodeAt(word.length - 1);
  if (last === 0x6708 || last === 0xc6d4) {
    // 月 (zh, ja) and 월 (ko) after the month number
    const n = Number(word.slice(0, -1));
    return Number.isInteger(n) && n >= 1 && n <= 12 ? n : undefined;
  }
  const lower = word.toLowerCase();
  return MONTHS[lower.charAt(0).toUpperCase() + lower.slice(1)] ?? LOCAL.get(lower);
}
