DROP TRIGGER template_versions_published_are_immutable ON template_versions;
DROP FUNCTION template_versions_guard();
DROP TABLE template_versions;
DROP TABLE templates;
