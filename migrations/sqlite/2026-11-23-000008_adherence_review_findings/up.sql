-- The authority's review findings on a controller's adherence to a code of conduct (issue 8),
-- in the same table and workflow as the findings on an assessment: a finding is about exactly
-- one of the two. SQLite cannot relax NOT NULL in place, so the table is rebuilt (the order
-- SQLite documents: new table, copy, drop, rename); nothing refers to review_findings.
CREATE TABLE review_findings_next (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    assessment_id TEXT,
    adherence_id TEXT,
    item_key TEXT,
    severity TEXT NOT NULL CHECK (severity IN ('ERROR', 'WARNING', 'INFO')),
    comment TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('OPEN', 'ANSWERED', 'CLOSED')),
    answer TEXT,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id),
    FOREIGN KEY (org_id, adherence_id) REFERENCES adherences (org_id, id),
    CONSTRAINT review_findings_one_subject
        CHECK ((assessment_id IS NULL) <> (adherence_id IS NULL))
);
INSERT INTO review_findings_next (org_id, id, assessment_id, adherence_id, item_key, severity,
        comment, status, answer, created_by, created_at, updated_at, version)
    SELECT org_id, id, assessment_id, NULL, item_key, severity, comment, status, answer,
        created_by, created_at, updated_at, version
    FROM review_findings;
DROP TABLE review_findings;
ALTER TABLE review_findings_next RENAME TO review_findings;
CREATE INDEX review_findings_by_assessment ON review_findings (org_id, assessment_id, created_at);
CREATE INDEX review_findings_by_adherence ON review_findings (org_id, adherence_id, created_at);
CREATE INDEX review_findings_by_id ON review_findings (id);
