// The snapshot family's registry entries: each member becomes a Format that reads with the whole
// family (see snapshot-family.ts), so a file mixing free, meminfo and top is read block by block.
import { freeMember } from './free/free.js';
import { meminfoMember } from './meminfo/meminfo.js';
import { psMember } from './ps/ps.js';
import { sarMember } from './sar/sar.js';
import { type SnapshotMember, familyFormat } from './snapshot-family.js';
import { topMember } from './top/top.js';
import type { Format } from './types.js';
import { vmstatMember } from './vmstat/vmstat.js';

export const SNAPSHOT_MEMBERS: readonly SnapshotMember[] = [topMember, freeMember, psMember, meminfoMember, vmstatMember, sarMember];

const format = (m: SnapshotMember): Format => familyFormat(m, SNAPSHOT_MEMBERS);

export const top = format(topMember);
export const free = format(freeMember);
export const ps = format(psMember);
export const meminfo = format(meminfoMember);
export const vmstat = format(vmstatMember);
export const sar = format(sarMember);
