// createXeroSandbox(): the Sandbox (fetch-style handler for msw and Express) plus in-process controls and
// inspection. Every request first consults the FaultInjector with the route "<service><path>".
import { FaultInjector, type FaultRuleView } from '../common/faults.ts';
import { dropConnection, json, type Sandbox, type SandboxRoute } from '../common/http.ts';
import { apiService } from './accounting/api-service.ts';
import { contactJson, documentJson, paymentJson } from './accounting/serialize.ts';
import { adminService } from './admin-service.ts';
import type { XeroContext } from './context.ts';
import { createControl, type XeroControl } from './control.ts';
import { loginService } from './identity/authorize.ts';
import { identityService } from './identity/identity-service.ts';
import { SigningKeys } from './identity/keys.ts';
import {
  type DuplicateReport,
  duplicates,
  type OrganisationSummary,
  publicState,
  summarise,
} from './inspect.ts';
import { XeroLimits } from './limits.ts';
import { resolveOptions, XERO_HOSTS, type XeroSandboxOptions } from './options.ts';
import { nextRandom, seedState } from './random.ts';
import { DEMO_AU_TENANT_ID, DEMO_NZ_TENANT_ID, seedOrganisations } from './seed-orgs.ts';
import type { CallCounter, ConnectionRecord, WebhookDeliveryRecord, XeroState } from './state.ts';
import { WebhookQueue } from './webhooks.ts';

export interface XeroInspect {
  state(): XeroState;
  organisations(): OrganisationSummary[];
  calls(): Record<string, CallCounter>;
  duplicates(): DuplicateReport;
  invoices(tenantId: string): Record<string, unknown>[];
  creditNotes(tenantId: string): Record<string, unknown>[];
  contacts(tenantId: string): Record<string, unknown>[];
  payments(tenantId: string): Record<string, unknown>[];
  connections(): ConnectionRecord[];
  webhookDeliveries(): WebhookDeliveryRecord[];
  faults(): FaultRuleView[];
  rateLimits(): ReturnType<XeroLimits['snapshot']>;
}

export interface XeroSandbox extends Sandbox {
  readonly control: XeroControl;
  readonly inspect: XeroInspect;
  /** The seeded organisations' tenant ids. */
  readonly tenants: { readonly au: string; readonly nz: string };
}

function freshState(options: XeroSandboxOptions): XeroState {
  return {
    version: 1,
    rng: seedState(options.seed ?? 'xero-sandbox').rng,
    orgs: seedOrganisations({ extraAccounts: options.extraAccounts ?? 0 }),
    identity: { pending: {}, codes: {}, grants: {}, refreshTokens: {}, accessTokens: {}, connections: [] },
    idempotency: [],
    webhooks: { sequence: 0, deliveries: [] },
    calls: {},
  };
}

export function createXeroSandbox(input: XeroSandboxOptions): XeroSandbox {
  const options = resolveOptions(input);
  const loaded = options.stateFile?.load();
  const state = loaded?.version === 1 ? loaded : freshState(options);
  const faultRandom = seedState(`${options.seed ?? 'xero-sandbox'}-faults`);
  const faults = options.faults ?? new FaultInjector(() => nextRandom(faultRandom));

  const ctx: XeroContext = {
    state,
    clock: options.clock,
    options,
    keys: new SigningKeys(state.identity),
    limits: new XeroLimits(options),
    webhooks: new WebhookQueue(() => ctx),
    changed: () => options.stateFile?.save(ctx.state),
  };

  const control = createControl(ctx, faults, () => {
    ctx.state = freshState(options);
    ctx.keys = new SigningKeys(ctx.state.identity);
    ctx.limits.reset();
    faults.clear();
    ctx.changed();
  });

  const org = (tenantId: string) => {
    const o = ctx.state.orgs[tenantId];
    if (!o) throw new Error(`Unknown tenant ${tenantId}`);
    return o;
  };

  const inspect: XeroInspect = {
    state: () => publicState(ctx),
    organisations: () => Object.values(ctx.state.orgs).map(summarise),
    calls: () => structuredClone(ctx.state.calls),
    duplicates: () => duplicates(ctx.state),
    invoices: (t) => org(t).invoices.map((d) => documentJson(org(t), d, 4) as Record<string, unknown>),
    creditNotes: (t) => org(t).creditNotes.map((d) => documentJson(org(t), d, 4) as Record<string, unknown>),
    contacts: (t) => org(t).contacts.map((c) => contactJson(c) as Record<string, unknown>),
    payments: (t) => org(t).payments.map((p) => paymentJson(org(t), p) as Record<string, unknown>),
    connections: () => structuredClone(ctx.state.identity.connections),
    webhookDeliveries: () => structuredClone(ctx.state.webhooks.deliveries),
    faults: () => faults.list(),
    rateLimits: () => ctx.limits.snapshot(ctx.clock.now()),
  };

  async function handle(request: Request, route: SandboxRoute): Promise<Response> {
    const taken = faults.take(request.method, `${route.service}${route.path}`);
    const latency = taken
      .filter((f) => f.kind === 'latency')
      .reduce((ms, f) => ms + (f.kind === 'latency' ? f.ms : 0), 0);
    const failure = taken.find((f) => f.kind !== 'latency');
    const delay = () => (latency > 0 ? ctx.clock.sleep(latency) : Promise.resolve());
    // API latency is served inside the rate limiter's in-flight window (a slow Xero holds a concurrency
    // slot); elsewhere it comes first.
    if (route.service !== 'api') await delay();
    if (failure?.kind === 'status') {
      if (route.service === 'api') await delay();
      return json(failure.body ?? { Title: 'Injected fault', Status: failure.status }, {
        status: failure.status,
        headers: failure.headers ?? {},
      });
    }
    if (failure?.kind === 'reset') return dropConnection();
    let response: Response;
    switch (route.service) {
      case 'identity':
        response = await identityService(ctx, request, route.path);
        break;
      case 'login':
        response = await loginService(ctx, request, route.path);
        break;
      case 'api':
        response = await apiService(ctx, request, route.path, delay);
        break;
      case 'admin':
        response = await adminService(ctx, control, request, route.path);
        break;
      default:
        response = json({ error: 'unknown service' }, { status: 404 });
    }
    // Durable before it answers: whatever this request changed is on disk before the response leaves.
    options.stateFile?.flush();
    // The work is done (and any idempotent response stored); the caller never hears about it.
    if (failure?.kind === 'commit-then-drop') return dropConnection();
    return response;
  }

  return {
    name: 'xero',
    hosts: XERO_HOSTS,
    handle,
    control,
    inspect,
    tenants: { au: DEMO_AU_TENANT_ID, nz: DEMO_NZ_TENANT_ID },
  };
}
