// Serves a sandbox to the tests through msw at the platform's real hostnames.
import { HttpResponse, http } from 'msw';
import type { Sandbox } from './http.ts';

export function mswSandbox(sandbox: Sandbox) {
  return Object.entries(sandbox.hosts).map(([service, host]) =>
    http.all(`https://${host}/*`, async ({ request }) => {
      const path = new URL(request.url).pathname;
      const response = await sandbox.handle(request, { service, path });
      return response.type === 'error' ? HttpResponse.error() : response;
    }),
  );
}
