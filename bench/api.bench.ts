// API under load: the invoice list and an invoice detail at 50 concurrent clients for 20 s (quick: 5 s) on
// loopback, on PGlite and (when a URL is set) PostgreSQL, each beside the same run against /api/health.
// Figures per database: <route>Rps, <route>P50Ms, <route>P95Ms, <route>P99Ms, <route>Ratio (p99 / health p99),
// and p99Ms = the worst route's p99.
import { type Load, load, warmUp } from './api/load.ts';
import { baseline, type RouteSpec, routes, type Seeded } from './api/routes.ts';
import { startServer } from './api/server-process.ts';
import type { BenchContext, Benchmark, Figure } from './types.ts';

const headersFor = (route: RouteSpec, seeded: Seeded): Record<string, string> =>
  route.auth ? { authorization: `Bearer ${seeded.apiKey}` } : {};

async function measure(seeded: Seeded, route: RouteSpec, seconds: number): Promise<Load> {
  const url = `${seeded.url}${route.path(seeded)}`;
  await warmUp(url, headersFor(route, seeded));
  return load(url, headersFor(route, seeded), seconds);
}

async function onDatabase(
  kind: 'pglite' | 'postgres',
  url: string | undefined,
  { quick, log }: BenchContext,
): Promise<Record<string, Figure>> {
  const seconds = quick ? 5 : 20;
  const server = await startServer(kind, url);
  try {
    const figures: Record<string, Figure> = {};
    const base = await measure(server.seeded, baseline, seconds);
    let worstP99 = 0;
    for (const route of routes) {
      const result = await measure(server.seeded, route, seconds);
      worstP99 = Math.max(worstP99, result.p99Ms);
      figures[`${route.name}Rps`] = result.rps;
      figures[`${route.name}P50Ms`] = result.p50Ms;
      figures[`${route.name}P95Ms`] = result.p95Ms;
      figures[`${route.name}P99Ms`] = result.p99Ms;
      figures[`${route.name}Ratio`] = Math.round((result.p99Ms / base.p99Ms) * 100) / 100;
      log(`${kind} ${route.name}: ${result.rps} req/s, p99 ${result.p99Ms} ms`);
    }
    log(`${kind} health: ${base.rps} req/s, p99 ${base.p99Ms} ms`);
    return {
      p99Ms: worstP99,
      healthRps: base.rps,
      healthP50Ms: base.p50Ms,
      healthP95Ms: base.p95Ms,
      healthP99Ms: base.p99Ms,
      ...figures,
    };
  } finally {
    await server.stop();
  }
}

const benchmark: Benchmark = {
  name: 'api',
  async run(ctx) {
    const pglite = await onDatabase('pglite', undefined, ctx);
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!url) ctx.log('PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to measure it');
    // null keeps the key in latest.json, so a reader sees "not measured" rather than a missing figure.
    const postgres = url ? await onDatabase('postgres', url, ctx) : { p99Ms: null };
    return { connections: 50, seconds: ctx.quick ? 5 : 20, pglite, postgres };
  },
};

export default benchmark;
