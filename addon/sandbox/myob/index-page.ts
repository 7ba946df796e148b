// The admin host's home page: what each company file holds, links to the consent page and the inspection API.
import { escapeHtml } from '../common/http.ts';
import type { MyobContext } from './context.ts';
import { type FileSummary, stateView } from './inspect.ts';
import { AUTHORIZE_PATH } from './oauth.ts';

const e = escapeHtml;

function consentLink(ctx: MyobContext): string {
  const app = ctx.apps[0];
  if (!app?.redirectUris[0]) return '<p>No app is registered.</p>';
  const url = new URL(`${ctx.urls.secure}${AUTHORIZE_PATH}`);
  url.searchParams.set('client_id', app.apiKey);
  url.searchParams.set('redirect_uri', app.redirectUris[0]);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', 'sme-company-file sme-general-ledger sme-contacts-customer sme-sales');
  url.searchParams.set('prompt', 'consent');
  url.searchParams.set('state', 'sandbox-index');
  return `<p><a href="${e(url.toString())}">Open the consent page</a> for ${e(app.name ?? app.apiKey)}
 (redirects to ${e(app.redirectUris[0])}).</p>`;
}

function table(headers: string[], rows: string[][]): string {
  if (!rows.length) return '<p class="none">None.</p>';
  const head = headers.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function fileSection(ctx: MyobContext, f: FileSummary): string {
  const payForm = (uid: string) =>
    `<form method="post" action="${e(ctx.urls.admin)}/control/pay-invoice"><input type="hidden" name="businessId" value="${e(f.businessId)}"><input type="hidden" name="invoiceUid" value="${e(uid)}"><button>Record payment</button></form>`;
  return `<section><h2>${e(f.name)}</h2>
<p>businessId <code>${e(f.businessId)}</code>; the demo user is <strong>${e(f.role)}</strong>
${f.role === 'Administrator' ? '' : ' (consent will be refused: only Administrators can approve)'};
${f.accounts} accounts; tax codes ${e(f.taxCodes.join(', '))}.</p>
<h3>Customers (${f.customers.length})</h3>
${table(
  ['Card ID', 'Name', 'Active'],
  f.customers.map((c) => [e(c.displayId), e(c.name), c.isActive ? 'yes' : 'no']),
)}
<h3>Invoices received (${f.invoices.length})</h3>
${table(
  ['Number', 'Date', 'Customer', 'Total', 'Tax', 'Balance due', 'Status', 'Journal memo', ''],
  f.invoices.map((i) => [
    e(i.number),
    e(i.date.slice(0, 10)),
    e(i.customer),
    e(i.totalAmount),
    e(i.totalTax),
    e(i.balanceDue),
    e(i.status),
    e(i.journalMemo),
    i.status === 'Open' ? payForm(i.uid) : '',
  ]),
)}
<h3>Customer payments (${f.payments.length})</h3>
${table(
  ['Receipt', 'Date', 'Customer', 'Amount', 'Applied to'],
  f.payments.map((p) => [
    e(p.receiptNumber),
    e(p.date.slice(0, 10)),
    e(p.customer),
    e(p.amountReceived),
    e(p.invoices.map((a) => `${a.number ?? a.uid}: ${a.amountApplied}`).join(', ')),
  ]),
)}
<h3>Jobs (${f.jobs.length})</h3>
${table(
  ['Number', 'Name', 'Header', 'Active'],
  f.jobs.map((j) => [e(j.number), e(j.name), j.isHeader ? 'header' : 'detail', j.isActive ? 'yes' : 'no']),
)}
</section>`;
}

export function indexPage(ctx: MyobContext): string {
  const state = stateView(ctx);
  const links = ['state', 'calls', 'duplicates', 'consents']
    .map((p) => `<a href="${e(ctx.urls.admin)}/inspect/${p}">/inspect/${p}</a>`)
    .join(' · ');
  const consents = state.consents.map((c) => [
    e(c.apiKey),
    e(c.businessName),
    e(c.username),
    e(c.grantedAt.slice(0, 10)),
    e(c.expiresAt.slice(0, 10)),
    c.active ? 'active' : 'inactive',
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MYOB sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}h1{color:#6100a5}
table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}
form{margin:0}.none{color:#888}section{border-top:2px solid #6100a5;margin-top:1.5rem}</style></head>
<body><h1>MYOB Business sandbox</h1>
<p>Platform time ${e(state.now)}. Inspection API: ${links}</p>
${consentLink(ctx)}
<h2>App connections</h2>
${table(['API key', 'Business', 'User', 'Granted', 'Expires', 'State'], consents)}
${state.files.map((f) => fileSection(ctx, f)).join('\n')}
</body></html>`;
}
