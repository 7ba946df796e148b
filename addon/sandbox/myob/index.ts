// createMyobSandbox: a faithful MYOB Business (AccountRight) simulator behind the common Sandbox interface
// (common/http.ts), served by msw in tests and by Express in demo mode. Platform facts: shared/reference/myob.md.
import type { SandboxClock } from '../common/clock.ts';
import type { FaultInjector } from '../common/faults.ts';
import { dropConnection, json, type Sandbox, type SandboxRoute } from '../common/http.ts';
import { type StateFile, stateFile } from '../common/persistence.ts';
import { handleAdmin } from './admin.ts';
import { handleApi } from './api/router.ts';
import type { AppRegistration, MyobContext, NegativeInvoicePolicy, PublicBaseUrls } from './context.ts';
import { type MyobControl, makeControl } from './control.ts';
import { errorResponse, item } from './errors.ts';
import { type MyobInspect, makeInspect } from './inspect-api.ts';
import { CallStats, KeyLimits } from './limits.ts';
import { handleSecure } from './oauth.ts';
import { DEMO_FILE_ID, DEMO_USER, NON_ADMIN_FILE_ID, type SeedOptions, seedData } from './seed-file.ts';
import { type MyobSnapshot, MyobState } from './state.ts';

export type { AppRegistration, NegativeInvoicePolicy, PublicBaseUrls } from './context.ts';
export type { MyobControl } from './control.ts';
export type { MyobInspect } from './inspect-api.ts';
export { DEMO_FILE_ID, DEMO_USER, NON_ADMIN_FILE_ID } from './seed-file.ts';

export const MYOB_HOSTS = {
  secure: 'secure.myob.com',
  api: 'api.myob.com',
  admin: 'myob.sandbox.test',
} as const;

export interface MyobSandboxOptions {
  clock: SandboxClock;
  faults?: FaultInjector;
  /** Public base URL per service: https://secure.myob.com etc. under msw, or the demo mount points. */
  publicBaseUrls: PublicBaseUrls;
  apps: AppRegistration[];
  /** Skip the consent page: true approves the demo file as its Administrator; a businessId picks that file. */
  autoApprove?: boolean | string;
  /** A path or a StateFile: the demo keeps its state across restarts. */
  stateFile?: string | StateFile<MyobSnapshot>;
  /** Calls a second per API key (default 8, myob.md §4). */
  perSecondLimit?: number;
  /** Calls a day per API key (default 1,000,000, myob.md §4). */
  dailyLimit?: number;
  seed?: SeedOptions;
  /** Negative Service invoices: 'accept' (default, Status Credit) or 'reject' (400), myob.md §3.7. */
  negativeInvoices?: NegativeInvoicePolicy;
  /**
   * Grace, in ms, during which a rotated (already used) refresh token is still accepted. Default 0: it
   * dies at once. MYOB does not document either way (myob.md §1.4); a grace models MYOB behaving like
   * Xero's 30 minutes (xero.md §1.5), the only way a token response lost to a crash before it was stored
   * can be recovered (issue #6).
   */
  refreshGraceMs?: number;
}

export interface MyobSandbox extends Sandbox {
  readonly ids: { demoFile: string; nonAdminFile: string; demoUser: string };
  readonly inspect: MyobInspect;
  readonly control: MyobControl;
}

function faultBody(service: string, status: number): unknown {
  if (service === 'secure') return { error: 'server_error', error_description: `HTTP ${status}` };
  const errors =
    status === 504
      ? [item('GatewayTimeout', 'Connection to the API has timed out')]
      : [item('InternalServerError', `The server answered HTTP ${status}`)];
  return { Errors: errors, Information: null };
}

export function createMyobSandbox(options: MyobSandboxOptions): MyobSandbox {
  const store =
    typeof options.stateFile === 'string' ? stateFile<MyobSnapshot>(options.stateFile) : options.stateFile;
  const fresh = () => seedData(options.clock.now(), options.seed);
  const ctx: MyobContext = {
    state: MyobState.load(store, fresh),
    clock: options.clock,
    urls: {
      secure: options.publicBaseUrls.secure.replace(/\/+$/, ''),
      api: options.publicBaseUrls.api.replace(/\/+$/, ''),
      admin: options.publicBaseUrls.admin.replace(/\/+$/, ''),
    },
    apps: options.apps,
    autoApprove: options.autoApprove ?? false,
    negativeInvoices: options.negativeInvoices ?? 'accept',
    refreshGraceMs: options.refreshGraceMs ?? 0,
  };
  const limits = { current: new KeyLimits(options.perSecondLimit ?? 8, options.dailyLimit ?? 1_000_000) };
  const stats = new CallStats();
  const control = makeControl(ctx, stats, fresh, () => {
    limits.current = new KeyLimits(options.perSecondLimit ?? 8, options.dailyLimit ?? 1_000_000);
  });
  const inspect = makeInspect(ctx, stats);

  async function dispatch(request: Request, route: SandboxRoute): Promise<Response> {
    switch (route.service) {
      case 'secure':
        return handleSecure(ctx, request, route.path);
      case 'api':
        return handleApi({ ctx, limits: limits.current, stats }, request, route.path);
      case 'admin':
        return handleAdmin({ ctx, stats, payInvoice: control.payInvoice }, request, route.path);
      default:
        return errorResponse(404, [item('NotFound', `Unknown service ${route.service}`)]);
    }
  }

  return {
    name: 'myob',
    hosts: MYOB_HOSTS,
    ids: { demoFile: DEMO_FILE_ID, nonAdminFile: NON_ADMIN_FILE_ID, demoUser: DEMO_USER.uid },
    inspect,
    control,
    async handle(request, route) {
      const faults = options.faults?.take(request.method, `${route.service}${route.path}`) ?? [];
      for (const f of faults) if (f.kind === 'latency') await options.clock.sleep(f.ms);
      const failure = faults.find((f) => f.kind !== 'latency');
      if (failure?.kind === 'reset') return dropConnection();
      if (failure?.kind === 'status') {
        return json(failure.body ?? faultBody(route.service, failure.status), {
          status: failure.status,
          headers: failure.headers ?? {},
        });
      }
      const response = await dispatch(request, route);
      // Durable before it answers: whatever this request changed is on disk before the response leaves.
      ctx.state.flush();
      // The write is applied, but the caller never hears back (myob.md §5 "ghost invoices").
      if (failure?.kind === 'commit-then-drop') return dropConnection();
      return response;
    },
  };
}
