-- Single sign-on and the second factor (issue 17).
-- An organisation's sign-in settings: its OpenID provider (issuer '' = none), the e-mail
-- domains the provider vouches for (comma-separated, lower-case), whether unknown users are
-- created and with which role, and whether password sign-ins need a TOTP code.
CREATE TABLE org_sso (
    org_id TEXT NOT NULL PRIMARY KEY REFERENCES organisations (id),
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    domains TEXT NOT NULL,
    create_users BOOLEAN NOT NULL DEFAULT FALSE,
    new_user_role TEXT NOT NULL DEFAULT 'VIEWER',
    require_totp BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);

-- An account linked to the provider's subject at its first single sign-on.
CREATE TABLE user_identities (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, issuer, subject),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE UNIQUE INDEX user_identities_by_subject ON user_identities (issuer, subject);

-- A started sign-in at a provider: state (only its SHA-256), nonce and PKCE verifier kept on
-- the server, single use (deleted by the callback), ten minutes at most; bound to the browser
-- that started it (SHA-256 of its pre-session cookie), so nobody can sign a victim in to the
-- attacker's account with a forwarded callback (login CSRF).
CREATE TABLE oidc_flows (
    state_hash TEXT NOT NULL PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    org_id TEXT NOT NULL REFERENCES organisations (id),
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    redirect_uri TEXT NOT NULL,
    next TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

-- A user's TOTP secret (RFC 6238); in effect once confirmed with a code. `last_step` refuses
-- a code used before.
CREATE TABLE user_totp (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    secret TEXT NOT NULL,
    confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, user_id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

-- A password that was right, waiting for the second factor (or its enrolment): a cookie
-- secret (only its SHA-256 here), five code attempts, five minutes.
CREATE TABLE signin_challenges (
    secret_hash TEXT NOT NULL PRIMARY KEY,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    enrol BOOLEAN NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
