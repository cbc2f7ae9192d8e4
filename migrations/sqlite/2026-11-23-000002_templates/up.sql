-- Central templates (SPEC §2): shared, read-mostly data owned by a central body. Version
-- content is one JSON document per version: published versions never change, and every
-- consumer (inheritance, diff, export) wants the whole version at once.

CREATE TABLE templates (
    id TEXT PRIMARY KEY NOT NULL,
    owner_org_id TEXT NOT NULL REFERENCES organisations (id),
    key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('DPIA', 'CODE_OF_CONDUCT')),
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE template_versions (
    template_id TEXT NOT NULL REFERENCES templates (id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED', 'WITHDRAWN')),
    content TEXT NOT NULL,
    changelog TEXT,
    published_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (template_id, number)
);

-- Published versions are immutable forever (SPEC §2): the store refuses such writes, and the
-- database refuses them too, whatever client writes to it.
CREATE TRIGGER template_versions_published_are_immutable
BEFORE UPDATE ON template_versions
WHEN OLD.status <> 'DRAFT'
     AND (NEW.content <> OLD.content OR NEW.number <> OLD.number
          OR NEW.template_id <> OLD.template_id OR NEW.status = 'DRAFT'
          OR COALESCE(NEW.changelog, '') <> COALESCE(OLD.changelog, '')
          OR COALESCE(NEW.published_at, '') <> COALESCE(OLD.published_at, ''))
BEGIN
    SELECT RAISE(ABORT, 'published template versions are immutable');
END;

CREATE TRIGGER template_versions_published_are_not_deleted
BEFORE DELETE ON template_versions
WHEN OLD.status <> 'DRAFT'
BEGIN
    SELECT RAISE(ABORT, 'published template versions are immutable');
END;
