// Figures for the benches: quantiles of samples, a summary line's numbers, Server-Timing parsed.

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
}

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? NaN, mean };
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "–").padStart(9);
export const pct = (value: number) => `${(value * 100).toFixed(0)}%`;

export type ServerTiming = { serverTotal?: number; serverDb?: number; queries?: number };

/** The handler's own figures from the Server-Timing header lib/server/http.ts adds. */
export function parseServerTiming(header: string | null): ServerTiming {
  if (!header) return {};
  const db = /db;dur=([\d.]+)(?:;desc="(\d+) queries")?/.exec(header);
  const total = /total;dur=([\d.]+)/.exec(header);
  return { serverDb: db ? Number(db[1]) : undefined, queries: db?.[2] ? Number(db[2]) : undefined, serverTotal: total ? Number(total[1]) : undefined };
}
