// Cross-site request forgery: a state-changing request that a browser sends with our session cookie must
// come from our own pages. Browsers say where a request comes from in Sec-Fetch-Site (all current ones)
// and Origin (on every non-GET request); a form or text/plain fetch from another site carries a foreign
// value and is refused, whatever its content type. Requests with neither header are not from a browser
// (scripts, API clients), which cannot ride on someone else's cookie. API keys (Authorization: Bearer) are
// never sent by a browser on its own, so they need no check. The same rule as Go's CrossOriginProtection:
// https://pkg.go.dev/net/http#CrossOriginProtection and OWASP's "verifying origin with standard headers":
// https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html
import type { RequestHandler } from 'express';
import { AppError } from './errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginOnly(publicUrl: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE.has(req.method) || req.get('authorization')?.startsWith('Bearer ')) return next();
    const site = req.get('sec-fetch-site');
    if (site === 'same-origin' || site === 'none') return next();
    const origin = req.get('origin');
    if (site === undefined && origin === undefined) return next();
    // The address the browser used for this very request (behind the loopback proxy, as it forwarded it).
    const own = `${req.protocol}://${req.get('host')}`;
    if (origin !== undefined && origin !== 'null' && (origin === publicOrigin || origin === own)) {
      return next();
    }
    next(
      new AppError(
        403,
        'cross_origin_refused',
        'This request came from another site and was refused. Make the change from Abtrac Accounts Link itself.',
      ),
    );
  };
}
