-- A counter per document that changes whenever anything a thread list shows may have changed: a thread, a
-- comment, an endorsement, or the name, country or organization of someone who appears in the document's
-- threads. The server caches list answers under it (server/services/threads/thread-list-cache.ts) and reads it
-- with the caller's membership, so a cached answer is never served after a committed change.
--
-- The triggers are deferred constraint triggers: the counter row is locked only at commit, after every other
-- lock the transaction takes, so two transactions writing threads of one document cannot deadlock on it.
CREATE TABLE thread_list_versions (
  document_id uuid PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  version bigint NOT NULL DEFAULT 0
);

-- Bumps a document's counter (no-op when the document is gone: a cascading delete fires these at commit).
CREATE FUNCTION bump_thread_list_version(doc uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF doc IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO thread_list_versions (document_id, version)
  SELECT doc, 1 WHERE EXISTS (SELECT 1 FROM documents WHERE id = doc)
  ON CONFLICT (document_id) DO UPDATE SET version = thread_list_versions.version + 1;
END
$$;

CREATE FUNCTION threads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM bump_thread_list_version(OLD.document_id);
  ELSE
    PERFORM bump_thread_list_version(NEW.document_id);
  END IF;
  RETURN NULL;
END
$$;

-- For comments and endorsements: the document of the row's thread.
CREATE FUNCTION thread_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  thread uuid;
BEGIN
  thread := CASE WHEN TG_OP = 'DELETE' THEN OLD.thread_id ELSE NEW.thread_id END;
  PERFORM bump_thread_list_version((SELECT document_id FROM threads WHERE id = thread));
  RETURN NULL;
END
$$;

-- A person's shown fields changed: every document whose threads name them (as author of a thread, a comment
-- or an endorsement, or as the resolver), in document order so that two such transactions lock alike.
CREATE FUNCTION thread_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  doc uuid;
BEGIN
  FOR doc IN
    SELECT DISTINCT d FROM (
      SELECT document_id AS d FROM threads WHERE author_id = NEW.id OR resolved_by = NEW.id
      UNION SELECT t.document_id FROM comments c JOIN threads t ON t.id = c.thread_id WHERE c.author_id = NEW.id
      UNION SELECT t.document_id FROM thread_supports s JOIN threads t ON t.id = s.thread_id WHERE s.user_id = NEW.id
    ) docs ORDER BY d
  LOOP
    PERFORM bump_thread_list_version(doc);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER threads_list_version AFTER INSERT OR UPDATE OR DELETE ON threads
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION threads_changed();
CREATE CONSTRAINT TRIGGER comments_list_version AFTER INSERT OR UPDATE OR DELETE ON comments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION thread_part_changed();
CREATE CONSTRAINT TRIGGER thread_supports_list_version AFTER INSERT OR UPDATE OR DELETE ON thread_supports
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION thread_part_changed();
CREATE CONSTRAINT TRIGGER users_list_version AFTER UPDATE OF name, country, organization ON users
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.country IS DISTINCT FROM NEW.country
        OR OLD.organization IS DISTINCT FROM NEW.organization)
  EXECUTE FUNCTION thread_person_changed();

CREATE INDEX comments_author_idx ON comments (author_id);
CREATE INDEX thread_supports_user_idx ON thread_supports (user_id);
