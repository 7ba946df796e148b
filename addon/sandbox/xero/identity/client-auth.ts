// Client authentication at the token and revocation endpoints: HTTP Basic client_id:client_secret, as
// Xero documents and xero-node sends (xero.md §1.5).
import { findClient, type XeroContext } from '../context.ts';
import type { XeroClientApp } from '../options.ts';

export function authenticateClient(
  ctx: XeroContext,
  request: Request,
  form: URLSearchParams,
): XeroClientApp | undefined {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  let id: string | undefined;
  let secret: string | undefined;
  if (basic) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return undefined;
    // RFC 6749 §2.3.1: both parts are form-urlencoded inside the Basic credentials.
    id = decodeURIComponent(decoded.slice(0, i).replace(/\+/g, ' '));
    secret = decodeURIComponent(decoded.slice(i + 1).replace(/\+/g, ' '));
  } else if (ctx.options.allowClientSecretPost) {
    id = form.get('client_id') ?? undefined;
    secret = form.get('client_secret') ?? undefined;
  }
  const client = findClient(ctx, id);
  return client && client.clientSecret === secret ? client : undefined;
}
