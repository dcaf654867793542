// Shared moo rules for the cells of process tables (top, ps): each cell is one token whose type
// says its shape (integer, decimal, size with a unit suffix, clock, column name, anything else).
// Every rule ends at a space or the line's end, so a cell never splits into two tokens.

/** Cell tokens, in priority order (moo tries them in this order at each position). */
export const CELL_RULES = {
  sp: /[ \t]+/,
  // 1234 | -5 (nice) | 0.0 or 6,2 (comma-decimal locales)
  int: /\d+(?=[ \t]|$)/,
  neg: /-\d+(?=[ \t]|$)/,
  dec: /\d+[.,]\d+(?=[ \t]|$)/,
  // 33m | 1124,6g | 8193.3g (top's VIRT/RES/SHR with a unit)
  size: /\d+(?:[.,]\d+)?[kmgtpeKMGTPE](?=[ \t]|$)/,
  // 0:04.87 | 6876:45 | 00:00:22 | 79-20:57:40 | 12:52
  clock: /\d+(?:-\d\d)?:\d\d(?::\d\d)?(?:\.\d+)?(?=[ \t]|$)/,
  // PID | %CPU | TIME+ | COMMAND (also a state letter like S or a priority like RT in a row)
  col: /(?:%[A-Z]+|[A-Z][A-Z0-9_]*\+?)(?=[ \t]|$)/,
} as const;

/** The catch-all cell; box-drawing characters are left out so a pstree line splits at them. */
export const TEXT_RULE = /[^ \t\r\n\u2500-\u257f]+/;
