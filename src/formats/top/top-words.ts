// The words top's summary lines print in each language procps-ng is translated to (its po/ files:
// de, es, fr, ko, pl, pt_BR, ro, sv, uk, vi, zh_CN), read by both the grammar's lexer (which line
// starts a summary) and the adapter (what each figure is). English first; one list per meaning.
import type { MemoryTotals, SnapshotData } from '../../event.js';

/** `Tasks:` / `Threads:` (`-H`): es Tareas/Hilos, fr Tâches, pt_BR Tarefas, ro Sarcini, sv Uppgifter, ... */
export const TASKS_LEADS = ['Tasks', 'Threads', 'Tareas', 'Hilos', 'Tâches', 'Tarefas', 'Sarcini', 'Fire exec', 'Uppgifter', 'Trådar', 'Завдання', 'Потоки', 'Tác vụ', 'Tuyến trình', '작  업', '스레드', '任务'];
/** `Mem` of `MiB Mem :`: de Spch, pt_BR mem, sv Minn, uk Пам, vi BNhớ, ko 메모리 (es, fr, ro keep Mem). */
export const MEM_LEADS = ['Mem', 'Spch', 'mem', 'Minn', 'Пам', 'BNhớ', '메모리'];
/** `Swap` of `MiB Swap:`: es Intercambio, fr Éch, pt_BR swap, sv Växl, uk Своп, vi TĐổi, ko 스  왑. */
export const SWAP_LEADS = ['Swap', 'Intercambio', 'Éch', 'swap', 'Växl', 'Своп', 'TĐổi', '스  왑'];
/** The figure on the Swap line that is about memory, before its `Mem` word: `avail Mem`, es `dispon Mem`. */
export const CARRIED_WORDS = ['avail', 'cached', 'dispon', 'dispo', 'tillg'];

/** A regex alternation matching any of the words literally. */
export function alternation(words: readonly string[]): string {
  return words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

type TaskCounts = NonNullable<SnapshotData['tasks']>;

/** Task counts by label: procps (4.x says `sleep`; its `d-sleep` has no field) and translations. */
export const TASK_LABELS: Record<string, keyof TaskCounts> = {
  total: 'total',
  running: 'running',
  sleeping: 'sleeping',
  sleep: 'sleeping',
  stopped: 'stopped',
  zombie: 'zombie',
  // de
  gesamt: 'total',
  laufend: 'running',
  schlafend: 'sleeping',
  gestoppt: 'stopped',
  Zombie: 'zombie',
  // es (procps-ng 4)
  ejecutar: 'running',
  hibernar: 'sleeping',
  detener: 'stopped',
  // fr, pt_BR
  'en cours': 'running',
  'en veille': 'sleeping',
  arrêté: 'stopped',
  dormindo: 'sleeping',
  parado: 'stopped',
  zumbi: 'zombie',
  // ro, sv
  rulând: 'running',
  dormind: 'sleeping',
  zombi: 'zombie',
  totalt: 'total',
  körande: 'running',
  sovande: 'sleeping',
  stoppade: 'stopped',
  // uk, vi, ko
  загалом: 'total',
  працює: 'running',
  приспано: 'sleeping',
  зупинено: 'stopped',
  зомбі: 'zombie',
  tổng: 'total',
  chạy: 'running',
  ngủ: 'sleeping',
  dừng: 'stopped',
  총계: 'total',
  실행: 'running',
  대기: 'sleeping',
  멈춤: 'stopped',
  좀비: 'zombie',
};

const TOTAL = ['total', 'totalt', 'razem', 'загал', '총계'];
const FREE = ['free', 'libre', 'libr', 'liberă', 'fritt', 'wolne', 'вільн', 'віль', '잔여'];
const USED = ['used', 'usado', 'util', 'utilizată', 'użyte', 'вик', 'вико', '사용'];
const BUFF_CACHE = ['buff/cache', 'búf/caché', 'tamp/cache', 'buf/cache', 'буф/кеш', '버퍼/캐시'];

function labels(words: readonly string[], field: keyof MemoryTotals): Record<string, keyof MemoryTotals> {
  return Object.fromEntries(words.map((w) => [w, field]));
}

/** Figures on the Mem line. */
export const MEM_LABELS: Record<string, keyof MemoryTotals> = {
  ...labels(TOTAL, 'total_bytes'),
  ...labels(FREE, 'free_bytes'),
  ...labels(USED, 'used_bytes'),
  ...labels(BUFF_CACHE, 'cached_bytes'), // buffers included
  buffers: 'buffers_bytes',
  buff: 'buffers_bytes', // busybox
  cached: 'cached_bytes',
};

/** Figures on the Swap line about swap. */
export const SWAP_LABELS: Record<string, keyof MemoryTotals> = { ...labels(TOTAL, 'swap_total_bytes'), ...labels(FREE, 'swap_free_bytes') };

/**
 * Figures on the Swap line about memory: `17124k cached`, `123632 cached Mem`, `7172.1 avail Mem`,
 * `avail Spch`, es `dispon Mem` (or `dispon` alone where the terminal cut the line).
 */
export function carriedField(label: string): keyof MemoryTotals | undefined {
  const word = label.split(' ')[0];
  if (word === 'cached') return 'cached_bytes';
  return CARRIED_WORDS.includes(word) && (word === label || MEM_LEADS.includes(label.slice(word.length + 1))) ? 'available_bytes' : undefined;
}
