-- Foundation: organisations (tenants), users, refresh tokens, the audit trail.
-- Ids are UUID text; timestamps are naive UTC. Tenant-owned tables carry org_id in their
-- primary key and foreign keys so the schema can be distributed by organisation (SPEC §8).

CREATE TABLE organisations (
    id TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('PLATFORM', 'CENTRAL_BODY', 'CONTROLLER', 'SUPERVISORY_AUTHORITY')),
    name TEXT NOT NULL UNIQUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    -- Head of this organisation's audit hash chain; updating it serialises appends (SPEC §6).
    audit_seq BIGINT NOT NULL DEFAULT 0,
    audit_head TEXT NOT NULL DEFAULT ''
);

CREATE TABLE users (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    id TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('ADMIN', 'EDITOR', 'VIEWER')),
    password_hash TEXT NOT NULL,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE refresh_tokens (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    family_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens (org_id, family_id);

CREATE TABLE audit_entries (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    seq BIGINT NOT NULL,
    actor_user_id TEXT NOT NULL,
    actor_email TEXT NOT NULL,
    actor_org_id TEXT NOT NULL,
    at TIMESTAMP NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    item_key TEXT,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (org_id, seq)
);
-- Serves the audit trail filtered by entity and item key (SPEC §6, issue 6).
CREATE INDEX audit_entries_by_entity ON audit_entries (org_id, entity, entity_id, seq);
CREATE INDEX audit_entries_by_item_key ON audit_entries (org_id, item_key, seq);
