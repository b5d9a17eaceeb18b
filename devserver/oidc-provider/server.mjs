// A development-only OpenID provider for devserver's generic OAuth sign-in, built on
// `oidc-provider` (an OpenID Certified™ implementation). NEVER use it for anything real: it
// signs with keys generated at start, keeps everything in memory, and accepts any password.
//
//   node devserver/oidc-provider/server.mjs [--port 9400] [--access-token-ttl 3600]
//
// It prints one line when ready: `dev OIDC provider listening on http://127.0.0.1:<port>`
// (port 0 picks a free one). One confidential client, `grafana` / `grafana-dev-secret`,
// may redirect to any loopback `…/login/generic_oauth` (devserver on any port and sub-path).
// Sign in with any login and any password on its built-in pages; known logins:
//
//   login    email                role claim (grafana_role)
//   alice    alice@example.com    Admin
//   bob      bob@example.com      Editor
//   carol    carol@example.com    Viewer
//   nomail   (none)               Viewer      (devserver refuses it: no email)
//   anyone   <login>@example.com  Viewer
//
// Refresh tokens are always issued to the client, so devserver can refresh expired access
// tokens (`--access-token-ttl` makes them short-lived; clock tolerance is 0).

import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT ?? '9400' },
    'access-token-ttl': { type: 'string', default: '3600' },
  },
});
const port = Number(values.port);
const accessTokenTtl = Number(values['access-token-ttl']);
if (!Number.isInteger(port) || port < 0 || port > 65535 || !(accessTokenTtl > 0)) {
  console.error('usage: server.mjs [--port 0..65535] [--access-token-ttl seconds>0]');
  process.exit(2);
}

export const CLIENT_ID = 'grafana';
export const CLIENT_SECRET = 'grafana-dev-secret';

const USERS = {
  alice: { email: 'alice@example.com', name: 'Alice Admin', grafana_role: 'Admin' },
  bob: { email: 'bob@example.com', name: 'Bob Editor', grafana_role: 'Editor' },
  carol: { email: 'carol@example.com', name: 'Carol Viewer', grafana_role: 'Viewer' },
  nomail: { name: 'No Mail', grafana_role: 'Viewer' },
};

// The built-in development pages and the in-memory store each print a warning on every
// start, and Node 20 a runtime notice: known and expected here, so they are not repeated.
const warn = console.warn;
console.warn = (...args) => {
  const text = args.map(String).join(' ');
  if (/NOTICE|WARNING|Unsupported runtime|devInteractions|MemoryAdapter|development-only|dev keys/i.test(text)) return;
  warn(...args);
};
const { default: Provider } = await import('oidc-provider');

/** Any loopback devserver's callback, on any port and sub-path. */
const LOOPBACK_CALLBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*\/login\/generic_oauth$/;

function configuration(issuer) {
  return {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: ['http://127.0.0.1:8080/login/generic_oauth'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username', 'login', 'grafana_role'],
    },
    // The ID token carries the profile and email claims too (Grafana reads them from it).
    conformIdTokenClaims: false,
    issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: accessTokenTtl,
      AuthorizationCode: 60,
      IdToken: 3600,
      RefreshToken: 86400,
      Interaction: 600,
      Session: 86400,
      Grant: 86400,
    },
    clockTolerance: 0,
    cookies: { keys: ['leptos-grafana dev provider: not a secret'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(ctx, id) {
      const known = USERS[id];
      const user = known ?? { email: `${id}@example.com`, name: id, grafana_role: 'Viewer' };
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            login: id,
            preferred_username: id,
            name: user.name,
            grafana_role: user.grafana_role,
            ...(user.email ? { email: user.email, email_verified: true } : {}),
          };
        },
      };
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`;
    },
  };
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const server = (await import('node:http')).createServer();
server.listen(port, '127.0.0.1', () => {
  const actual = server.address().port;
  const issuer = `http://127.0.0.1:${actual}`;
  const provider = new Provider(issuer, configuration(issuer));
  const allowed = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function (uri) {
    return LOOPBACK_CALLBACK.test(uri) || allowed.call(this, uri);
  };
  server.on('request', provider.callback());
  console.log(`dev OIDC provider listening on ${issuer}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
