-- Controllers' assessments (SPEC §2, §3): the adopted base version and the controller's local
-- changes as one JSON document; the effective assessment is computed from both on read.

CREATE TABLE assessments (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    id TEXT NOT NULL,
    template_id TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('DRAFT', 'APPROVED')),
    -- 1, 2, …: editing an approved assessment starts the next revision as a draft.
    revision INTEGER NOT NULL,
    local_changes TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (template_id, base_version) REFERENCES template_versions (template_id, number)
);
-- One assessment per template per controller; serves "adopters of a template" (overview).
CREATE UNIQUE INDEX assessments_by_template ON assessments (template_id, org_id);

-- Approved revisions, immutable forever (SPEC §2 status).
CREATE TABLE assessment_revisions (
    org_id TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    template_id TEXT NOT NULL,
    base_version INTEGER NOT NULL,
    local_changes TEXT NOT NULL,
    approved_at TIMESTAMP NOT NULL,
    approved_by TEXT NOT NULL,
    PRIMARY KEY (org_id, assessment_id, revision),
    FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);

-- Every state an assessment has had, for reads "as of" a past instant (SPEC §6).
CREATE TABLE assessment_states (
    org_id TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    at TIMESTAMP NOT NULL,
    base_version INTEGER NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    local_changes TEXT NOT NULL,
    PRIMARY KEY (org_id, assessment_id, version),
    FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);
CREATE INDEX assessment_states_as_of ON assessment_states (org_id, assessment_id, at);

CREATE FUNCTION assessment_revisions_guard() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'approved assessment revisions are immutable';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER assessment_revisions_are_immutable
BEFORE UPDATE OR DELETE ON assessment_revisions
FOR EACH ROW EXECUTE FUNCTION assessment_revisions_guard();
