-- Notices (issue 16): what tells a person that something needs them. A notice belongs to the
-- organisation it is addressed to (its org_id), is written in the transaction of its cause (or
-- by the periodic sweep for dates), and carries a kind, a title and a link only: never
-- personal data from an assessment. `recipient_user_id` NULL means every member.
CREATE TABLE notices (
    org_id TEXT NOT NULL REFERENCES organisations (id),
    id TEXT NOT NULL,
    recipient_user_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('NEW_VERSION', 'FINDING_RECORDED', 'FINDING_ANSWERED',
        'REVIEW_DUE', 'REVIEW_OVERDUE', 'MEASURE_OVERDUE')),
    -- What it is about (an assessment, adherence or finding id) and on which occasion (a
    -- version number, a due date, a finding's row version): a notice exists once per the four.
    subject TEXT NOT NULL,
    occasion TEXT NOT NULL,
    title TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    CONSTRAINT notices_once UNIQUE (org_id, kind, subject, occasion),
    FOREIGN KEY (org_id, recipient_user_id) REFERENCES users (org_id, id)
);
CREATE INDEX notices_by_org_created ON notices (org_id, created_at);

-- Which member has read which notice.
CREATE TABLE notice_reads (
    org_id TEXT NOT NULL,
    notice_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    read_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, notice_id, user_id),
    FOREIGN KEY (org_id, notice_id) REFERENCES notices (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

-- The e-mail outbox: one row per notice and recipient, written with the notice. The sender
-- marks a row SENT only after the SMTP server accepted it (at least once); a server without
-- DPIAHUB_SMTP_URL marks what it finds SKIPPED; DROPPED when the recipient was disabled.
CREATE TABLE notice_outbox (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    notice_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('PENDING', 'SENT', 'SKIPPED', 'DROPPED')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    sent_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, notice_id) REFERENCES notices (org_id, id),
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);
CREATE INDEX notice_outbox_due ON notice_outbox (status, next_attempt_at);
