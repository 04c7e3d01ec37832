// Storage failures in words a user can act on. A driver error carries the SQL and every parameter (whole
// articles); none of that is shown: the cause is named instead, and a full disk is called a full disk.
import { statfsSync } from 'node:fs';

export type StorageFailure = 'disk-full' | 'database';

export class StorageError extends Error {
  constructor(
    message: string,
    readonly failure: StorageFailure,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

const DISK_FULL = /no space left on device|ENOSPC|disk full|could not extend file/i;

function causes(e: unknown): Array<{ code?: string; message?: string }> {
  const out: Array<{ code?: string; message?: string }> = [];
  for (let c = e as { cause?: unknown } | undefined, n = 0; c && n < 5; c = c.cause as typeof c, n++) out.push(c as { code?: string; message?: string });
  return out;
}

export function isDiskFull(e: unknown): boolean {
  return causes(e).some((c) => c.code === '53100' || c.code === 'ENOSPC' || DISK_FULL.test(String(c.message ?? '')));
}

/** Free bytes on the disk holding `dir`, or null when that cannot be read. */
export function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** A storage error as the user should see it: the database's own reason, never the query or its parameters. */
export function toStorageError(e: unknown, location?: string): Error {
  if (e instanceof StorageError) return e;
  const free = location ? freeBytes(location) : null;
  // the embedded database does not always say why a write failed; a disk with almost nothing left says it
  if (isDiskFull(e) || (free !== null && free < 1048576)) {
    const where = location ? ` holding ${location}` : '';
    return new StorageError(
      `the disk${where} is full${free !== null ? ` (${Math.floor(free / 1024)} KiB free)` : ''}: free some space and run the command again; what was stored before this point is kept and nothing was half-written`,
      'disk-full',
    );
  }
  const all = causes(e);
  const isQuery = /^Failed query/.test(String(all[0]?.message ?? ''));
  if (!isQuery) return e instanceof Error ? e : new Error(String(e));
  const reason = all.slice(1).map((c) => c.message).find(Boolean) ?? 'unknown reason';
  return new StorageError(`database error: ${reason}`, 'database');
}
