// Fault injection per route, for the tests, the demo and the resilience benchmarks.
//
// "commit-then-drop" is the fault that matters most to an integration: the platform applies the write but
// the caller sees the connection fail, so a naive retry duplicates the invoice.

export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'commit-then-drop' };

export interface FaultRule {
  /** HTTP method to match; any when absent. */
  method?: string | undefined;
  /** Matched against "<service><path>", e.g. "api/api.xro/2.0/Invoices"; a string matches as a substring. */
  path: string | RegExp;
  fault: Fault;
  /** How many matching requests it hits before it retires; unlimited when absent. */
  times?: number | undefined;
  /** Probability 0..1 that a matching request is hit (default 1). */
  probability?: number | undefined;
}

export interface FaultRuleView extends FaultRule {
  id: number;
  hits: number;
}

export class FaultInjector {
  private rules: FaultRuleView[] = [];
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, hits: 0 });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRuleView[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The faults to apply to this request, in rule order (latency first, then at most one failure). */
  take(method: string, route: string): Fault[] {
    const hit: Fault[] = [];
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (typeof rule.path === 'string' ? !route.includes(rule.path) : !rule.path.test(route)) continue;
      if (rule.times !== undefined && rule.hits >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.hits++;
      hit.push(rule.fault);
    }
    this.rules = this.rules.filter((r) => r.times === undefined || r.hits < r.times);
    const latency = hit.filter((f) => f.kind === 'latency');
    const failure = hit.find((f) => f.kind !== 'latency');
    return failure ? [...latency, failure] : latency;
  }
}
