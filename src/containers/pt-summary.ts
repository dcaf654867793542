// The Percona Toolkit report container: a pt-summary / pt-mysql-summary report or a pt-sift screen
// is cut at its section rules. Each section is a `pt-summary` block, but the sections another
// format reads go to it: pt-summary's `# Top Processes` table to `top`, pt-sift's `--vmstat--`
// rows to `vmstat` (its one-line bar chart stays with the section).
import { parseReportLine, reportScore } from '../formats/pt-summary.js';
import { type Line, isBlank } from '../read/lines.js';
import type { Block, Container } from './index.js';

/** Sections whose body a snapshot format reads. */
const BODY_FORMAT: Record<string, string> = { 'Top Processes': 'top', vmstat: 'vmstat' };
// pt-sift's bar chart under a table: `wa 0% . . . .`, ` sda1  0% . . . .`
const BAR = /^ ?\S{1,32} +\d{1,3}%(?: [.\w^-])+ *$/;

function toolOf(text: string): string | undefined {
  if (text.startsWith('# Percona Toolkit MySQL Summary Report')) return 'pt-mysql-summary';
  if (text.startsWith('# Percona Toolkit System Summary Report')) return 'pt-summary';
  return undefined;
}

export const ptSummaryContainer: Container = {
  id: 'pt-summary',
  detect(window) {
    return reportScore(window) > 0;
  },
  split(lines) {
    const blocks: Block[] = [];
    let tool = lines.slice(0, 40).some((l) => parseReportLine(l.text)?.section === 'pt-sift') ? 'pt-sift' : 'pt-summary';
    let cur: Block = { lines: [], format: 'pt-summary', meta: { 'report.tool': tool } };
    let body: string | undefined;
    const push = (next: Block) => {
      if (cur.lines.length > 0) blocks.push(cur);
      cur = next;
    };
    for (const l of lines) {
      const r = isBlank(l.text) ? null : parseReportLine(l.text);
      if (r?.section !== undefined) {
        tool = toolOf(l.text) ?? tool;
        const meta = { 'report.tool': tool, 'report.section': r.section };
        push({ lines: [l], format: 'pt-summary', meta });
        body = BODY_FORMAT[r.section];
        if (body) push({ lines: [] as Line[], format: body, fallback: 'pt-summary', meta });
        continue;
      }
      if (body && BAR.test(l.text)) {
        push({ lines: [l], format: 'pt-summary', meta: cur.meta });
        body = undefined;
        continue;
      }
      cur.lines.push(l);
    }
    push({ lines: [] });
    return blocks;
  },
};
