// What passed over the wire to one platform's host, recorded from an msw server's events, so conformance
// checks can read every request and response a test made (bodies read from clones, never consumed).

/** One request and its answer, as the platform's host saw them. */
export interface Exchange {
  method: string;
  url: URL;
  requestHeaders: Headers;
  requestBody: string;
  status: number;
  responseHeaders: Headers;
  responseBody: string;
}

export interface ExchangeEvents {
  on(event: 'response:mocked', listener: (e: { request: Request; response: Response }) => void): void;
  on(event: 'request:start', listener: (e: { request: Request; requestId: string }) => void): void;
}

/** Records every exchange with `hostname` passing through an msw server. */
export function recordExchanges(events: ExchangeEvents, hostname: string) {
  const exchanges: Exchange[] = [];
  const bodies = new Map<Request, Promise<string>>();
  const pending: Promise<void>[] = [];
  events.on('request:start', ({ request }) => {
    if (new URL(request.url).hostname === hostname) bodies.set(request, request.clone().text());
  });
  events.on('response:mocked', ({ request, response }) => {
    const url = new URL(request.url);
    if (url.hostname !== hostname || response.type === 'error') return;
    const copy = response.clone();
    pending.push(
      Promise.all([bodies.get(request) ?? Promise.resolve(''), copy.text()]).then(
        ([requestBody, responseBody]) => {
          exchanges.push({
            method: request.method,
            url,
            requestHeaders: request.headers,
            requestBody,
            status: response.status,
            responseHeaders: response.headers,
            responseBody,
          });
        },
      ),
    );
  });
  return {
    exchanges,
    settled: async () => {
      await Promise.all(pending);
    },
  };
}
