-- The supervisory authority's review findings on a controller's assessment (issue 6). They
-- belong to the controller's data (its org_id), so the controller sees and answers them and
-- they travel with its assessment; the authority writes them.
CREATE TABLE review_findings (
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
CREATE INDEX review_findings_by_assessment ON review_findings (org_id, assessment_id, created_at);
