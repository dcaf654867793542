// The snapshot family's registry entries: each member becomes a Format that reads with the whole
// family (see snapshot-family.ts), so a file mixing free, meminfo and top is read block by block.
import { freeMember } from './free.js';
import { meminfoMember } from './meminfo.js';
import { psMember } from './ps.js';
import { sarMember } from './sar.js';
import { type SnapshotMember, familyFormat } from './snapshot-family.js';
import { topMember } from './top.js';
import type { Format } from './types.js';
import { vmstatMember } from './vmstat.js';

export const SNAPSHOT_MEMBERS: readonly SnapshotMember[] = [topMember, freeMember, psMember, meminfoMember, vmstatMember, sarMember];

const format = (m: SnapshotMember): Format => familyFormat(m, SNAPSHOT_MEMBERS);

export const top = format(topMember);
export const free = format(freeMember);
export const ps = format(psMember);
export const meminfo = format(meminfoMember);
export const vmstat = format(vmstatMember);
export const sar = format(sarMember);
