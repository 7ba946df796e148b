// The admin index page (xero.sandbox.test/, or /sandbox/xero/ in demo mode): the organisations and what
// they hold, with links to the consent page and the inspection API.
import { escapeHtml } from '../common/http.ts';
import type { XeroContext } from './context.ts';
import { summarise } from './inspect.ts';

const PREVIEW_CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function consentLink(ctx: XeroContext): string | undefined {
  const client = ctx.options.clients[0];
  const redirectUri = client?.redirectUris[0];
  if (!client || !redirectUri) return undefined;
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope:
      'openid profile email offline_access accounting.settings.read accounting.contacts accounting.invoices',
    state: 'sandbox-preview',
    code_challenge: PREVIEW_CHALLENGE,
    code_challenge_method: 'S256',
  });
  return `${ctx.options.publicBaseUrls.login}/identity/connect/authorize?${q}`;
}

/** `notice`: what the last form did (a payment recorded, or why not), shown at the top. */
export function indexPage(ctx: XeroContext, notice?: string): string {
  const admin = ctx.options.publicBaseUrls.admin;
  const orgs = Object.values(ctx.state.orgs).map((org) => {
    const s = summarise(org);
    const recent = [...org.invoices, ...org.creditNotes]
      .sort((a, b) => b.updatedAt - a.updatedAt)
      .slice(0, 15)
      .map((d) => {
        const contact = org.contacts.find((c) => c.ContactID === d.ContactID)?.Name ?? d.ContactID;
        return `<tr><td>${d.kind === 'invoice' ? 'Invoice' : 'Credit note'}</td><td>${escapeHtml(d.Number)}</td><td>${escapeHtml(contact)}</td><td>${escapeHtml(d.Status)}</td><td class="n">${escapeHtml(d.Total)}</td><td class="n">${escapeHtml(d.AmountPaid)}</td></tr>`;
      })
      .join('');
    const calls = ctx.state.calls[s.tenantId];
    return `<section><h2>${escapeHtml(s.name)}</h2>
<p><code>${escapeHtml(s.tenantId)}</code> · ${escapeHtml(s.country)} · ${escapeHtml(s.currency)} · ${org.accounts.length} accounts · ${org.taxRates.length} tax rates</p>
<ul><li>${s.contacts} contacts</li><li>${s.invoices} invoices received, total ${escapeHtml(s.invoicesTotal)}, due ${escapeHtml(s.invoicesDue)}</li>
<li>${s.creditNotes} credit notes, total ${escapeHtml(s.creditNotesTotal)}</li><li>${s.payments} payments, total ${escapeHtml(s.paymentsTotal)}</li>
<li>${calls?.calls ?? 0} API calls (${calls?.rateLimited ?? 0} rate-limited)</li></ul>
<form method="post" action="${escapeHtml(`${admin}/inspect/pay-form`)}" class="pay">
<input type="hidden" name="tenantId" value="${escapeHtml(s.tenantId)}">
<label>Invoice number <input name="invoice" required></label>
<label>Amount <input name="amount" inputmode="decimal" placeholder="all that is due"></label>
<button type="submit">Record payment</button></form>
${recent ? `<table><tr><th>Kind</th><th>Number</th><th>Contact</th><th>Status</th><th>Total</th><th>Paid</th></tr>${recent}</table>` : '<p><em>No invoices yet.</em></p>'}
</section>`;
  });
  const consent = consentLink(ctx);
  const connections = ctx.state.identity.connections.filter((c) => c.active).length;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Xero sandbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1e3140}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eceff1;padding:.3rem .5rem;text-align:left}.n{text-align:right}
section{margin:2rem 0}form.pay{display:flex;gap:1rem;align-items:end;margin:1rem 0}form.pay label{display:grid;font-size:.85rem}
.notice{background:#e8f5e9;padding:.5rem 1rem}</style></head><body>
<h1>Xero sandbox</h1>
${notice ? `<p class="notice" role="status">${escapeHtml(notice)}</p>` : ''}
<p>A simulated Xero (identity, Accounting API, rate limits, idempotency, webhooks). ${connections} active connection(s).</p>
<ul>
${consent ? `<li><a href="${escapeHtml(consent)}">Consent page</a> (as the first registered app)</li>` : ''}
<li><a href="${escapeHtml(`${ctx.options.publicBaseUrls.identity}/.well-known/openid-configuration`)}">OpenID configuration</a></li>
<li><a href="${escapeHtml(`${admin}/inspect/state`)}">/inspect/state</a> · <a href="${escapeHtml(`${admin}/inspect/calls`)}">/inspect/calls</a> · <a href="${escapeHtml(`${admin}/inspect/duplicates`)}">/inspect/duplicates</a> · <a href="${escapeHtml(`${admin}/inspect/faults`)}">/inspect/faults</a></li>
</ul>
${orgs.join('\n')}
</body></html>`;
}
