// Security headers for every response of the add-on (helmet), with a Content Security Policy the built web
// app runs under: its scripts, styles and fonts come from this origin only, it talks only to this origin,
// and no other site may frame it (clickjacking). Navigations to Xero and MYOB are not fetches, so they need
// no entry here. https://helmetjs.github.io/ , https://developer.mozilla.org/docs/Web/HTTP/CSP
import helmet from 'helmet';

export function securityHeaders(publicUrl: string) {
  const https = publicUrl.startsWith('https:');
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain HTTP (the demo on 127.0.0.1) upgrading would send the app's own requests to https.
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // The same as frame-ancestors 'none', for browsers that predate CSP.
    xFrameOptions: { action: 'deny' },
    // HSTS only means something over HTTPS; on the demo it would pin localhost to https for a year.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    // The OAuth callbacks set no-referrer themselves; elsewhere the origin is enough for anyone.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Xero's and MYOB's pages are opened by navigation, never as popups that talk back.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  });
}
