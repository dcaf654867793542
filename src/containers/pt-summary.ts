// The Percona Toolkit report container: a pt-summary / pt-mysql-summary report or a pt-sift screen
// is cut at its section rules. Each section is a `pt-summary` block, but the sections another
// format reads go to it: pt-summary's `# Top Processes` table to `top`, pt-sift's `--vmstat--`
// rows to `vmstat` (its one-line bar chart stays with the section).
import { parseReportLine, reportScore } from '../formats/pt-summary/pt-summary.js';
import { type Line, isBlank } from '../read/lines.js';
import type { Container } from './index.js';
import { BlockStream, streamed } from './pieces.js';

/** Sections whose body a snapshot format reads. */
const BODY_FORMAT: Record<string, string> = { 'Top Processes': 'top', vmstat: 'vmstat' };
// pt-sift's bar chart under a table: `wa 0% . . . .`, ` sda1  0% . . . .`
const BAR = /^ ?\S{1,32} +\d{1,3}%(?: [.\w^-])+ *$/;

function toolOf(text: string): string | undefined {
  if (text.startsWith('# Percona Toolkit MySQL Summary Report')) return 'pt-mysql-summary';
  if (text.startsWith('# Percona Toolkit System Summary Report')) return 'pt-summary';
  return undefined;
}

export const ptSummaryContainer: Container = streamed({
  id: 'pt-summary',
  detect(window) {
    return reportScore(window) > 0;
  },
  splitter() {
    // the first lines say whether this is pt-sift (held until 40 are seen or the file ends)
    const first: Line[] = [];
    let decided = false;
    let tool = 'pt-summary';
    let body: string | undefined;
    const bs = new BlockStream();
    const read = (l: Line) => {
      const r = isBlank(l.text) ? null : parseReportLine(l.text);
      if (r?.section !== undefined) {
        tool = toolOf(l.text) ?? tool;
        const meta = { 'report.tool': tool, 'report.section': r.section };
        bs.open({ format: 'pt-summary', meta }, l);
        body = BODY_FORMAT[r.section];
        if (body) bs.open({ format: body, fallback: 'pt-summary', meta });
      } else if (body && BAR.test(l.text)) {
        bs.open({ format: 'pt-summary', meta: bs.current?.meta }, l);
        body = undefined;
      } else {
        if (!bs.current) bs.open({ format: 'pt-summary', meta: { 'report.tool': tool } });
        bs.add(l);
      }
    };
    const decide = () => {
      decided = true;
      if (first.some((l) => parseReportLine(l.text)?.section === 'pt-sift')) tool = 'pt-sift';
      for (const l of first.splice(0)) read(l);
    };
    return {
      push(l) {
        if (decided) read(l);
        else {
          first.push(l);
          if (first.length >= 40) decide();
        }
        return bs.take();
      },
      end() {
        if (!decided) decide();
        bs.close();
        return bs.take();
      },
    };
  },
});
