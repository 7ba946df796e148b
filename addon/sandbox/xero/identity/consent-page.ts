// The consent screen: the user ticks organisations and clicks "Allow access". A plain HTML form posting
// back to the authorize URL, so it works in any browser and in scripted tests.
import { escapeHtml } from '../../common/http.ts';
import type { OrgState, PendingAuthorization } from '../state.ts';

export function consentPage(opts: {
  action: string;
  pending: PendingAuthorization;
  appName: string;
  orgs: OrgState[];
  userEmail: string;
}): string {
  const { pending, appName, orgs } = opts;
  const rows = orgs
    .map(
      (
        o,
        i,
      ) => `<label class="org"><input type="checkbox" name="tenant" value="${escapeHtml(o.profile.OrganisationID)}"${i === 0 ? ' checked' : ''}>
  ${escapeHtml(o.profile.Name)} <small>(${escapeHtml(o.profile.CountryCode)}, ${escapeHtml(o.profile.BaseCurrency)})</small></label>`,
    )
    .join('\n');
  const scopes = pending.scopes.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Xero sandbox: allow access</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1e3140}
h1{font-size:1.4rem}.org{display:block;padding:.6rem .8rem;border:1px solid #cfd8dc;border-radius:6px;margin:.4rem 0}
button{font-size:1rem;padding:.5rem 1.2rem;border-radius:6px;border:0;background:#13b5ea;color:#fff;cursor:pointer}
button.secondary{background:#eceff1;color:#1e3140}.note{color:#607d8b;font-size:.85rem}</style></head>
<body>
<p class="note">Xero sandbox (simulated). Signed in as ${escapeHtml(opts.userEmail)}.</p>
<h1>${escapeHtml(appName)} wants access to your Xero organisations</h1>
<form method="post" action="${escapeHtml(opts.action)}">
<input type="hidden" name="request_id" value="${escapeHtml(pending.id)}">
<fieldset><legend>Choose the organisations to connect</legend>
${rows}
</fieldset>
<p>It will be able to:</p><ul>${scopes}</ul>
<p><button type="submit" name="action" value="allow">Allow access</button>
<button type="submit" name="action" value="deny" class="secondary">Cancel</button></p>
</form></body></html>`;
}
