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
CREATE FUNCTION template_versions_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'published template versions are immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status <> 'DRAFT' AND (
        NEW.content IS DISTINCT FROM OLD.content OR NEW.number <> OLD.number
        OR NEW.template_id <> OLD.template_id OR NEW.status = 'DRAFT'
        OR NEW.changelog IS DISTINCT FROM OLD.changelog
        OR NEW.published_at IS DISTINCT FROM OLD.published_at) THEN
        RAISE EXCEPTION 'published template versions are immutable';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER template_versions_published_are_immutable
BEFORE UPDATE OR DELETE ON template_versions
FOR EACH ROW EXECUTE FUNCTION template_versions_guard();
