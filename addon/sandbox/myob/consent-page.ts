// MYOB's "allow access" page, as a plain HTML form that posts back to the authorize URL. The user picks ONE
// company file (one consent = one file, myob.md §1.6) and sees which files they administer, since only
// Administrators can approve (myob.md §1.4).
import { escapeHtml } from '../common/http.ts';
import { GRANULAR_SCOPES, LEGACY_SCOPE } from './scopes.ts';
import type { CompanyFileRecord, UserRecord } from './types.ts';

export interface ConsentPageInput {
  action: string;
  appName: string;
  user: UserRecord;
  files: CompanyFileRecord[];
  scopes: string[];
  /** The authorize parameters, carried through as hidden fields. */
  params: Record<string, string>;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;color:#222}
h1{color:#6100a5}fieldset{border:1px solid #ccc;padding:1rem}label{display:block;margin:.4rem 0}
.role{color:#666;font-size:.9em}button{margin-right:1rem;padding:.5rem 1.2rem}</style></head>
<body>${body}</body></html>`;

export function consentPage(input: ConsentPageInput): string {
  const hidden = Object.entries(input.params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  const files = input.files
    .map((f, i) => {
      const role = f.roles[input.user.uid] ?? 'Standard';
      return `<label><input type="radio" name="businessId" value="${escapeHtml(f.id)}"${i === 0 ? ' checked' : ''}>
 ${escapeHtml(f.name)} <span class="role">(${escapeHtml(role)})</span></label>`;
    })
    .join('\n');
  const scopes = input.scopes
    .map((s) => {
      const text = s === LEGACY_SCOPE ? 'Full access to your company file' : (GRANULAR_SCOPES[s] ?? s);
      return `<li><code>${escapeHtml(s)}</code>: ${escapeHtml(text)}</li>`;
    })
    .join('\n');
  return page(
    'MYOB - Allow access',
    `<h1>MYOB</h1>
<p>Signed in as <strong>${escapeHtml(input.user.displayName)}</strong> (${escapeHtml(input.user.username)})</p>
<p><strong>${escapeHtml(input.appName)}</strong> would like to access one of your businesses:</p>
<ul>${scopes}</ul>
<form method="post" action="${escapeHtml(input.action)}">
${hidden}
<fieldset><legend>Choose a business</legend>
${files}
</fieldset>
<p>Only an Administrator of the business can approve the connection. It lasts 12 months.</p>
<button type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
  );
}

/** Shown instead of redirecting when the client or redirect URI cannot be trusted (myob.md §7.2). */
export function authorizeErrorPage(error: string, description: string): string {
  return page(
    'MYOB - Something went wrong',
    `<h1>MYOB</h1><p>We could not start the connection.</p>
<p><code>${escapeHtml(error)}</code>: ${escapeHtml(description)}</p>`,
  );
}
