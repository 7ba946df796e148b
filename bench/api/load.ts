// One autocannon run against one route, with exact percentiles from every response time (autocannon's own
// summary has p97.5 but no p95).
import autocannon from 'autocannon';

export interface Load {
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
}

export const CONNECTIONS = 50;

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;

export async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const times: number[] = [];
  let bad = 0;
  const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    if (status < 200 || status >= 300) bad++;
    times.push(responseTime);
  });
  const result = await instance;
  // A route answering 401 or 500 fast would look excellent; refuse to report it.
  if (bad > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${bad} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  const sorted = Float64Array.from(times).sort();
  return {
    rps: Math.round(times.length / seconds),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    requests: times.length,
  };
}

/** A short run first, so the JIT, the pool and the database caches are warm before the clock counts. */
export async function warmUp(url: string, headers: Record<string, string>): Promise<void> {
  await autocannon({ url, connections: 10, amount: 300, headers });
}
