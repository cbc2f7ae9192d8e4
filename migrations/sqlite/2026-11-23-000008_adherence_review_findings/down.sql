-- Back to findings on assessments only; findings on adherences are dropped with the column.
CREATE TABLE review_findings_previous (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
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
    FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id)
);
INSERT INTO review_findings_previous (org_id, id, assessment_id, item_key, severity, comment,
        status, answer, created_by, created_at, updated_at, version)
    SELECT org_id, id, assessment_id, item_key, severity, comment, status, answer, created_by,
        created_at, updated_at, version
    FROM review_findings WHERE assessment_id IS NOT NULL;
DROP TABLE review_findings;
ALTER TABLE review_findings_previous RENAME TO review_findings;
CREATE INDEX review_findings_by_assessment ON review_findings (org_id, assessment_id, created_at);
CREATE INDEX review_findings_by_id ON review_findings (id);
