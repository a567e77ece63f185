-- Keeps publication_translations.topic_names equal to the publication's topic names (both
-- languages), so the generated search vector of each translation covers its topics too.
CREATE OR REPLACE FUNCTION publication_topic_names(pub uuid) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(t.name_en || ' ' || t.name_es, ' ' ORDER BY t.slug), '')
  FROM publication_topics pt JOIN topics t ON t.id = pt.topic_id
  WHERE pt.publication_id = pub
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION publication_translations_set_topic_names() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  NEW.topic_names := publication_topic_names(NEW.publication_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER publication_translations_topic_names
  BEFORE INSERT OR UPDATE OF publication_id, title, summary ON publication_translations
  FOR EACH ROW EXECUTE FUNCTION publication_translations_set_topic_names();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION publication_topics_refresh_names() RETURNS trigger
  LANGUAGE plpgsql AS $$
DECLARE
  pub uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.publication_id ELSE NEW.publication_id END;
BEGIN
  UPDATE publication_translations SET topic_names = publication_topic_names(pub) WHERE publication_id = pub;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER publication_topics_names
  AFTER INSERT OR DELETE ON publication_topics
  FOR EACH ROW EXECUTE FUNCTION publication_topics_refresh_names();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION topics_refresh_names() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  UPDATE publication_translations tr SET topic_names = publication_topic_names(tr.publication_id)
  WHERE tr.publication_id IN (SELECT publication_id FROM publication_topics WHERE topic_id = NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER topics_names
  AFTER UPDATE OF name_en, name_es ON topics
  FOR EACH ROW EXECUTE FUNCTION topics_refresh_names();
