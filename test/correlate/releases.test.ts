// Releases and culprits from them, on hand-built timelines: a restart between two snapshots names
// the group; a drop with no table and no restart names none; a small drop is no release; a failure
// with a snapshot before it keeps `before` as its evidence.
import { describe, expect, it } from 'vitest';
import { correlate } from '../../src/correlate/index.js';
import { restartedGroup } from '../../src/correlate/releases.js';
import { MiB, ev, free, min, mmap, top, workers } from './build.js';

const opts = { lookbackSeconds: 900 };

describe('releases', () => {
  it('names the group a restart between two snapshots stops, and gives a failure before it that culprit, weakly', () => {
    const timeline = [
      mmap(min(0)),
      free(min(60), 1000, 50),
      ev('shell.command', min(61), { command: 'systemctl restart php8.2-fpm.service' }),
      free(min(62), 1000, 700),
    ];
    const f = correlate(timeline, opts);
    expect(f.releases).toHaveLength(1);
    expect(f.releases[0].group).toBe('php-fpm');
    expect(f.releases[0].released_bytes).toBe(650 * MiB);
    expect(f.failures[0].culprit).toBe('php-fpm');
    expect(f.failures[0].source).toMatchObject({ culprit_evidence: 'release', culprit_confidence: 'low', culprit_distance_seconds: 3600 });
    expect(f.failures[0].verdict).toMatch(/Likely culprit, with low confidence: php-fpm\. 1 h 00 m after this failure, at least 650 MiB were released .* around php-fpm's restart/);
  });

  it('attributes a drop to the group whose pids left the next table', () => {
    const timeline = [
      top(min(0), { total: 1000, free: 100 }, [...workers(20, 30), { pid: 1, command: 'mysqld', rss_bytes: 200 * MiB }]),
      top(min(2), { total: 1000, free: 700 }, [{ pid: 1, command: 'mysqld', rss_bytes: 200 * MiB }]),
    ];
    const f = correlate(timeline, opts);
    expect(f.releases.map((r) => [r.group, r.gone, r.released_bytes])).toEqual([['php-fpm', { processes: 20, rss_bytes: 600 * MiB }, 600 * MiB]]);
  });

  it('names no group for a drop with no table and no restart, and none for a small drop', () => {
    const f = correlate([free(min(0), 1000, 100), free(min(5), 1000, 600), free(min(10), 1000, 630)], opts);
    expect(f.releases.map((r) => r.group)).toEqual([null]);
    expect(f.failures).toEqual([]);
  });

  it('keeps a snapshot before the failure as the evidence when there is one', () => {
    const timeline = [top(min(0), { total: 1000, free: 20 }, workers(30, 30)), mmap(min(1))];
    const f = correlate(timeline, opts);
    expect(f.failures[0].culprit).toBe('php-fpm');
    expect(f.failures[0].source).toMatchObject({ culprit_evidence: 'before', culprit_confidence: 'high', culprit_distance_seconds: 60 });
  });

  it('reads the restarts transcripts and logs show', () => {
    const cmd = (command: string) => restartedGroup(ev('shell.command', 0, { command }));
    expect([cmd('service php-fpm restart'), cmd('service mysqld restart'), cmd('systemctl stop mariadb'), cmd('pkill -9 php-fpm'), cmd('free -m')]).toEqual([
      'php-fpm',
      'mysqld',
      'mysqld',
      'php-fpm',
      null,
    ]);
  });
});
