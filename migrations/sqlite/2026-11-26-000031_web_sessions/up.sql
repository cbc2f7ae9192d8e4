-- Browser sessions of the web application (issue 15). The cookie carries a random secret; only
-- its SHA-256 is stored. Idle and absolute timeouts are checked on every request.
CREATE TABLE web_sessions (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX web_sessions_by_user ON web_sessions (org_id, user_id);

-- An admin who sets a user's password makes the user choose a new one at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
