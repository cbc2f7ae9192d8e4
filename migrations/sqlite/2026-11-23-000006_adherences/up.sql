-- Controllers' adherence to a published code of conduct (GDPR Art. 40, issue 8): the adopted
-- code version and the answers per clause as one JSON document, like assessments.
CREATE TABLE adherences (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    id TEXT NOT NULL,
    template_id TEXT NOT NULL,
    code_version INTEGER NOT NULL,
    answers TEXT NOT NULL,
    version BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (template_id, code_version) REFERENCES template_versions (template_id, number)
);
-- One adherence per code per controller; serves the monitoring overview (Art. 41).
CREATE UNIQUE INDEX adherences_by_code ON adherences (template_id, org_id);
