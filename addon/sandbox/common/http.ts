// The sandboxes are fetch-style handlers: Request in, Response out. One implementation is mounted by
// Express in demo mode (/sandbox/<platform>/<service>/...) and served to tests through msw at the
// platforms' real hostnames. A sandbox signals "drop the connection" with Response.error().

export interface SandboxRoute {
  /** Which of the platform's hosts was called, e.g. "identity", "login", "api" (Xero) or "secure", "api" (MYOB). */
  service: string;
  /** The path on that host, starting with "/", without the query string. */
  path: string;
}

export type SandboxHandler = (request: Request, route: SandboxRoute) => Promise<Response>;

export interface Sandbox {
  /** Lower-case platform name, also the mount segment: /sandbox/<name>. */
  readonly name: string;
  /**
   * Real hostname for each service, for msw: { identity: 'identity.xero.com', ... }. The 'admin' service
   * (index page and inspection API, e.g. 'xero.sandbox.test') is what /sandbox/<name>/ shows in demo mode.
   */
  readonly hosts: Readonly<Record<string, string>>;
  handle: SandboxHandler;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function html(body: string, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('content-type', 'text/html; charset=utf-8');
  return new Response(body, { ...init, headers });
}

export function redirect(location: string, status = 302): Response {
  return new Response(null, { status, headers: { location } });
}

/** A dropped connection: msw turns it into a network error, the Express adapter destroys the socket. */
export function dropConnection(): Response {
  return Response.error();
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
