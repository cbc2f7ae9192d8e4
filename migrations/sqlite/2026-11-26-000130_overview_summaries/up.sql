-- Each adopter's overview summary, kept across restarts (issue 18, docs/PERFORMANCE.md "The
-- cold overview"). A derived value, not a record: no audit entry. A row is used only while
-- its key equals the assessment's current one (row version, base version, status, revision,
-- the template's check settings, the check day, and the build of the code that computes it,
-- `computed_by`); otherwise it is recomputed and overwritten (`crate::overview::stored`).
CREATE TABLE overview_summaries (
    org_id TEXT NOT NULL,
    assessment_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    base_version INTEGER NOT NULL,
    status TEXT NOT NULL,
    revision INTEGER NOT NULL,
    check_settings TEXT,
    -- The day the time-dependent checks were evaluated on, YYYY-MM-DD.
    day TEXT NOT NULL,
    computed_by TEXT NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (org_id, assessment_id),
    FOREIGN KEY (org_id, assessment_id) REFERENCES assessments (org_id, id) ON DELETE CASCADE
);
