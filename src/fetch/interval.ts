// Polling intervals as people write them: "90" (seconds), "90s", "15m", "2h", "1d".
import { MAX_INTERVAL_S, MIN_INTERVAL_S } from '../store/feeds.ts';

export const DEFAULT_INTERVAL_S = 15 * 60;

const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** Seconds in an interval; throws RangeError naming the value and the accepted forms. */
export function parseInterval(value: string | number): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(String(value));
  const secs = m ? Math.round(Number(m[1]) * UNIT[(m[2] || 's').toLowerCase()]) : NaN;
  if (!Number.isFinite(secs) || secs < MIN_INTERVAL_S || secs > MAX_INTERVAL_S)
    throw new RangeError(`bad polling interval "${value}": give seconds or a number with s, m, h or d (e.g. 90, 15m, 2h), from ${MIN_INTERVAL_S} s to 7 d`);
  return secs;
}

export function formatInterval(secs: number): string {
  for (const [u, n] of [['d', 86400], ['h', 3600], ['m', 60]] as const) if (secs % n === 0) return `${secs / n}${u}`;
  return `${secs}s`;
}
