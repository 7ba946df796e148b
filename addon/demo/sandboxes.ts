// The sandboxes as the demo mounts them: at /sandbox/<name> on this server, registered with the add-on's
// own redirect and webhook URLs, their state kept in the data directory so the demo survives a restart.
import { join } from 'node:path';
import { myobPlatform } from '../connectors/myob/manifest.ts';
import { type ProviderSettings, redirectUri } from '../connectors/settings.ts';
import { xeroPlatform } from '../connectors/xero/manifest.ts';
import type { Config } from '../env.ts';
import { scaledClock } from '../sandbox/common/clock.ts';
import type { Sandbox } from '../sandbox/common/http.ts';
import { stateFile } from '../sandbox/common/persistence.ts';
import { createMyobSandbox } from '../sandbox/myob/index.ts';
import { createXeroSandbox } from '../sandbox/xero/index.ts';
import { callbackPath } from '../signin/providers.ts';

export function demoSandboxes(config: Config, settings: ProviderSettings): Sandbox[] {
  const clock = scaledClock(1);
  const base = (name: string, service: string) => `${config.publicUrl}/sandbox/${name}/${service}`;
  const sandboxes: Sandbox[] = [];
  if (config.xero === 'sandbox') {
    sandboxes.push(
      createXeroSandbox({
        clock,
        clients: [
          {
            clientId: settings.xero.clientId,
            clientSecret: settings.xero.clientSecret,
            // Connect to Xero, and Sign in with Xero (the demo's sign-in page).
            redirectUris: [redirectUri(settings, 'xero'), `${config.publicUrl}${callbackPath('xero')}`],
            name: 'Abtrac Accounts Link',
          },
        ],
        publicBaseUrls: {
          identity: base('xero', 'identity'),
          login: base('xero', 'login'),
          api: base('xero', 'api'),
          admin: `${config.publicUrl}/sandbox/xero`,
        },
        stateFile: stateFile(join(config.dataDir, 'sandbox-xero.json')),
        webhook: {
          url: `${config.publicUrl}${xeroPlatform.routes.webhook}`,
          signingKey: settings.xero.webhookKey,
        },
      }),
    );
  }
  if (config.myob === 'sandbox') {
    sandboxes.push(
      createMyobSandbox({
        clock,
        apps: [
          {
            apiKey: settings.myob.apiKey,
            apiSecret: settings.myob.apiSecret,
            redirectUris: [`${config.publicUrl}${myobPlatform.routes.callback}`],
            name: 'Abtrac Accounts Link',
          },
        ],
        publicBaseUrls: {
          secure: base('myob', 'secure'),
          api: base('myob', 'api'),
          admin: `${config.publicUrl}/sandbox/myob`,
        },
        stateFile: join(config.dataDir, 'sandbox-myob.json'),
      }),
    );
  }
  return sandboxes;
}
