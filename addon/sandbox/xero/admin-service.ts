// xero.sandbox.test (the 'admin' service): the index page, the inspection API and the POST controls, so a
// browser or a benchmark in another process can do what tests do in-process with sandbox.control.*.
import type { FaultRule } from '../common/faults.ts';
import { html, json } from '../common/http.ts';
import type { XeroContext } from './context.ts';
import type { XeroControl } from './control.ts';
import { indexPage } from './index-page.ts';
import { duplicates, publicState } from './inspect.ts';

async function body(request: Request): Promise<Record<string, unknown>> {
  try {
    const parsed = JSON.parse(await request.text());
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/** A fault rule from JSON: `path` is a substring, or `pathRegex` a regular expression source. */
function faultRule(b: Record<string, unknown>): FaultRule | undefined {
  const fault = b.fault as FaultRule['fault'] | undefined;
  if (
    !fault ||
    typeof fault !== 'object' ||
    !['latency', 'status', 'reset', 'commit-then-drop'].includes(fault.kind)
  )
    return undefined;
  const path =
    typeof b.pathRegex === 'string'
      ? new RegExp(b.pathRegex)
      : typeof b.path === 'string'
        ? b.path
        : undefined;
  if (path === undefined) return undefined;
  return {
    path,
    fault,
    ...(typeof b.method === 'string' ? { method: b.method } : {}),
    ...(typeof b.times === 'number' ? { times: b.times } : {}),
    ...(typeof b.probability === 'number' ? { probability: b.probability } : {}),
  };
}

export async function adminService(
  ctx: XeroContext,
  control: XeroControl,
  request: Request,
  path: string,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const route = `${method} ${path.replace(/\/+$/, '') || '/'}`;
  try {
    switch (route) {
      case 'GET /':
        return html(indexPage(ctx));
      case 'GET /inspect/state':
        return json(publicState(ctx));
      case 'GET /inspect/calls':
        return json({ tenants: ctx.state.calls, limits: ctx.limits.snapshot(ctx.clock.now()) });
      case 'GET /inspect/duplicates':
        return json(duplicates(ctx.state));
      case 'GET /inspect/webhooks':
        return json({ pending: ctx.webhooks.pendingCount(), deliveries: ctx.state.webhooks.deliveries });
      case 'GET /inspect/faults':
        return json(control.listFaults().map((f) => ({ ...f, path: String(f.path) })));
      case 'POST /inspect/faults': {
        const rule = faultRule(await body(request));
        if (!rule)
          return json(
            { error: 'Expected {path|pathRegex, fault:{kind,...}, method?, times?, probability?}' },
            { status: 400 },
          );
        return json({ id: control.addFault(rule) }, { status: 201 });
      }
      case 'DELETE /inspect/faults':
      case 'POST /inspect/faults/clear':
        control.clearFaults();
        return new Response(null, { status: 204 });
      case 'POST /inspect/pay': {
        const b = await body(request);
        const payment = control.payInvoice(
          String(b.tenantId ?? ''),
          String(b.invoice ?? b.invoiceId ?? b.invoiceNumber ?? ''),
          {
            ...(b.amount !== undefined ? { amount: String(b.amount) } : {}),
            ...(typeof b.accountCode === 'string' ? { accountCode: b.accountCode } : {}),
            ...(typeof b.date === 'string' ? { date: b.date } : {}),
            ...(typeof b.reference === 'string' ? { reference: b.reference } : {}),
          },
        );
        return json(payment, { status: 201 });
      }
      case 'POST /inspect/pay-form': {
        // The index page's Record payment form: as a person would record a payment inside Xero.
        const form = new URLSearchParams(await request.text());
        const invoice = form.get('invoice')?.trim() ?? '';
        const amount = form.get('amount')?.trim();
        try {
          const payment = control.payInvoice(form.get('tenantId') ?? '', invoice, amount ? { amount } : {});
          return html(indexPage(ctx, `Payment of ${payment.Amount} recorded against ${invoice}.`));
        } catch (e) {
          return html(indexPage(ctx, `No payment recorded: ${(e as Error).message}`), { status: 400 });
        }
      }
      case 'POST /inspect/revoke': {
        const b = await body(request);
        return json({
          revoked: control.revokeToken(typeof b.refreshToken === 'string' ? b.refreshToken : 'all'),
        });
      }
      case 'POST /inspect/disconnect': {
        const b = await body(request);
        return json({ disconnected: control.disconnectTenant(String(b.connectionId ?? '')) });
      }
      case 'POST /inspect/webhooks/intent-to-receive':
        return json(await control.intentToReceive());
      case 'POST /inspect/reset':
        control.reset();
        return new Response(null, { status: 204 });
      default:
        return json({ error: 'not_found' }, { status: 404 });
    }
  } catch (e) {
    return json({ error: (e as Error).message }, { status: 400 });
  }
}
