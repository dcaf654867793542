// Log text is written by whoever could make a server log something: HTML, Markdown, XML and
// terminal escape sequences in lines, file names and archive entry names must stay inert in
// every report (text, json, ndjson here; the other formats test their own escaping).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from './cli.js';

const PAYLOAD = '<script>alert(1)</script> [x](javascript:alert(1)) | a | b | ]]> &amp; & \u001b[2J \u001b]0;title\u0007 \u009b31m \u2028 end';
const STAMPED = `160521 18:49:20 [Note] ${PAYLOAD}`;
const dir = tempDir();
const bundle = path.join(dir, 'bundle');
mkdirSync(bundle);
const evilName = 'evil\u001b[2J\u0007.err';
writeFileSync(
  path.join(bundle, evilName),
  Buffer.concat([
    Buffer.from(`${STAMPED}\n160521 18:49:21 [ERROR] ok\n${PAYLOAD}\n`),
    Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x0a]), // a raw C1 CSI byte: not UTF-8, so U+FFFD
  ]),
);

/** The bytes a terminal would act on: C0 controls but tab and newline, DEL, C1 (as UTF-8). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

async function evilTar(): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  pack.entry({ name: 'title\u001b]0;pwned\u0007.log' }, `${STAMPED}\n`);
  pack.entry({ name: 'clear\u001b[2J', type: 'symlink', linkname: '\u001b[31m/etc/shadow' });
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('hostile log content stays inert', () => {
  it('text: no raw ESC, BEL or CSI anywhere, the escapes shown visibly', async () => {
    const r = await cli([bundle, '-f', 'text', '--tz', 'UTC', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    expect(r.stdout).toContain('\\x1b[2J');
    expect(r.stdout).toContain('<script>'); // text is not HTML: shown as is, harmless
  });

  it('json: parses back to the same text, no raw control bytes', async () => {
    const r = await cli([bundle, '-f', 'json', '--tz', 'UTC']);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const s = JSON.parse(r.stdout);
    expect(s.inputs.map((i: { path: string }) => i.path)).toEqual([path.join(bundle, evilName)]);
  });

  it('ndjson: every line parses, messages round-trip exactly, no raw control bytes', async () => {
    const r = await cli(['timeline', bundle, '--tz', 'UTC']);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    const events = lines.map((l) => JSON.parse(l));
    expect(events.map((e) => e.message)).toEqual([STAMPED.replace(/^\S+ \S+ \[Note\] /, ''), 'ok', PAYLOAD, '\ufffd31m']);
    expect(events[0].log.file.path).toBe(evilName); // relative to the bundle, hostile bytes intact
  });

  it('stderr: archive entry names and link targets are shown inert', async () => {
    const archive = path.join(dir, 'evil.tar');
    writeFileSync(archive, await evilTar());
    for (const format of ['text', 'json']) {
      const r = await cli([archive, '-f', format, '--tz', 'UTC']);
      expect(r.code).toBe(0);
      expect(r.stderr).not.toMatch(RAW_CONTROL);
      expect(r.stdout).not.toMatch(RAW_CONTROL);
      expect(r.stderr).toBe(`oomtrail: note: ${archive}:clear\\x1b[2J: a symbolic link to \\x1b[31m/etc/shadow: not followed\n`);
    }
  });
});
