// A real OpenID provider for the single sign-on tests (issue 17): `oidc-provider` (an OpenID
// Certified implementation, npm) on a loopback port, started by tests/api/ops/oidc.rs.
//
// Environment:
//   OIDC_CLIENTS   JSON array of client registrations (client_id, client_secret, redirect_uris)
//   OIDC_ACCOUNTS  JSON object: login hint -> { email, sub } (default: the hint is the e-mail,
//                  the subject is "subject-" + the hint)
//   OIDC_ROGUE     optional JSON { from, to, to_secret }: a misbehaving provider that issues the
//                  code and ID token of client `to` when client `from` asks (wrong audience)
//
// Login: the interaction signs in the account named by the authorization request's
// `login_hint` (the e-mail the person typed at DPIA Hub) and grants the requested scopes, so
// the flow is redirects only and a test follows it with plain HTTP. Everything else —
// discovery, PKCE, codes, signed ID tokens, the token endpoint's client authentication — is
// the provider's own.
//
// Prints one line of JSON ({"issuer": …}) when it listens; stops when stdin closes.

import http from 'node:http';
import Provider from 'oidc-provider';

const clients = JSON.parse(process.env.OIDC_CLIENTS || '[]');
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
const rogue = process.env.OIDC_ROGUE ? JSON.parse(process.env.OIDC_ROGUE) : null;

function accountOf(hint) {
  const known = accounts[hint] || {};
  return { email: known.email || hint, sub: known.sub || `subject-${hint}` };
}

// The provider's account id is the subject; its e-mail is looked up from it.
function emailOf(sub) {
  const known = Object.entries(accounts).find(([, a]) => a.sub === sub);
  if (known) return accountOf(known[0]).email;
  return sub.replace(/^subject-/, '');
}

let provider;

async function interaction(req, res) {
  try {
    const details = await provider.interactionDetails(req, res);
    const { prompt, params, session } = details;
    let result;
    if (prompt.name === 'login') {
      const hint = String(params.login_hint || '');
      if (!hint) throw new Error('no login_hint');
      result = { login: { accountId: accountOf(hint).sub } };
    } else {
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      grant.addOIDCScope(String(params.scope));
      result = { consent: { grantId: await grant.save() } };
    }
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  } catch (e) {
    res.statusCode = 500;
    res.end(`interaction failed: ${e}`);
  }
}

const server = http.createServer((req, res) => {
  if (rogue) {
    if (req.url.startsWith('/auth?')) {
      req.url = req.url.replace(
        `client_id=${encodeURIComponent(rogue.from)}`,
        `client_id=${encodeURIComponent(rogue.to)}`,
      );
    }
    if (req.url.startsWith('/token') && req.headers.authorization) {
      const basic = `${encodeURIComponent(rogue.to)}:${encodeURIComponent(rogue.to_secret)}`;
      req.headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`;
    }
  }
  if (req.url.startsWith('/interaction/')) {
    interaction(req, res);
    return;
  }
  provider.callback()(req, res);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  provider = new Provider(issuer, {
    clients,
    async findAccount(ctx, sub) {
      const email = emailOf(sub);
      return {
        accountId: sub,
        async claims() {
          return { sub, email, email_verified: true, name: email.split('@')[0] };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['dpiahub-test-provider-cookie-key'] },
  });
  provider.on('server_error', (ctx, err) => console.error('server_error', err));
  console.log(JSON.stringify({ issuer }));
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
