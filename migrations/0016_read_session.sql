-- One question at the start of every API request: the session, the account it is signed in as, and (for a
-- document's path) that account's membership with the document's thread-list version. A plpgsql function so
-- that its plan is made once per connection: planning the five-table join took several times longer than
-- running it. The account columns are those of server/db/users.repo.ts (a test compares them).
CREATE FUNCTION read_session(p_sid text, p_now double precision, p_document uuid)
RETURNS TABLE (
  sess json,
  id uuid,
  email text,
  name text,
  password_hash text,
  country text,
  organization text,
  locale text,
  is_admin boolean,
  can_create_documents boolean,
  disabled_at timestamptz,
  created_at timestamptz,
  document_id uuid,
  user_id uuid,
  role text,
  title text,
  phase text,
  comment_deadline timestamptz,
  thread_list_version text
)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT s.sess, u.id, u.email, u.name, u.password_hash, u.country::text, u.organization, u.locale, u.is_admin,
         u.can_create_documents, u.disabled_at, u.created_at,
         m.document_id, m.user_id, m.role, d.title, d.phase, d.comment_deadline,
         coalesce(v.version, 0)::text
    FROM session s
    LEFT JOIN users u
      ON u.id = CASE WHEN s.sess #>> '{passport,user}' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                     THEN (s.sess #>> '{passport,user}')::uuid END
    LEFT JOIN document_members m ON m.user_id = u.id AND m.document_id = p_document
    LEFT JOIN documents d ON d.id = m.document_id
    LEFT JOIN thread_list_versions v ON v.document_id = m.document_id
   WHERE s.sid = p_sid AND s.expire >= to_timestamp(p_now);
END
$$;
