// The snapshot family's registry entries: each member becomes a Format that reads with the whole
// family (see snapshot-family.ts), so a file mixing free, meminfo, top and ps_mem is read block by block.
import { freeMember } from './free/free.js';
import { meminfoMember } from './meminfo/meminfo.js';
import { psMemMember } from './ps-mem/ps-mem.js';
import { psMember } from './ps/ps.js';
import { sarMember } from './sar/sar.js';
import { smemMember } from './smem/smem.js';
import { type SnapshotMember, familyFormat } from './snapshot-family.js';
import { topMember } from './top/top.js';
import type { Format } from './types.js';
import { vmstatMember } from './vmstat/vmstat.js';

export const SNAPSHOT_MEMBERS: readonly SnapshotMember[] = [topMember, freeMember, psMember, meminfoMember, vmstatMember, sarMember, psMemMember, smemMember];

const format = (m: SnapshotMember): Format => familyFormat(m, SNAPSHOT_MEMBERS);

export const top = format(topMember);
export const free = format(freeMember);
export const ps = format(psMember);
export const meminfo = format(meminfoMember);
export const vmstat = format(vmstatMember);
export const sar = format(sarMember);
export const psMem = format(psMemMember);
export const smem = format(smemMember);
