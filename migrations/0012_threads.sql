-- Comment threads on the live text. The anchor is a pair of Yjs relative positions (base64) plus the quoted
-- text with a little context (a W3C TextQuoteSelector), so a thread can be found again when its positions collapse.
CREATE TABLE threads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  type text NOT NULL DEFAULT 'general' CHECK (type IN ('general', 'technical', 'editorial')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  resolution text CHECK (resolution IN ('accepted', 'partially_accepted', 'rejected', 'noted')),
  resolution_note text CHECK (length(resolution_note) <= 10000),
  proposed_text text CHECK (length(proposed_text) <= 10000),
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  anchor_kind text NOT NULL CHECK (anchor_kind IN ('text', 'document')),
  anchor_start text,
  anchor_end text,
  quote text NOT NULL DEFAULT '',
  prefix text NOT NULL DEFAULT '',
  suffix text NOT NULL DEFAULT '',
  section text[] NOT NULL DEFAULT '{}',
  reanchored_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX threads_document_created_idx ON threads (document_id, created_at, id);
CREATE INDEX threads_document_status_idx ON threads (document_id, status);
CREATE INDEX threads_document_type_idx ON threads (document_id, type);
CREATE INDEX threads_author_idx ON threads (author_id);
CREATE INDEX threads_assignee_idx ON threads (assignee_id) WHERE assignee_id IS NOT NULL;

CREATE TABLE comments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) <= 10000),
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  deleted_at timestamptz
);

CREATE INDEX comments_thread_idx ON comments (thread_id, created_at, id);

-- Earlier bodies of edited comments, kept so an edit never erases what was said.
CREATE TABLE comment_revisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_id uuid NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  body text NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comment_revisions_comment_idx ON comment_revisions (comment_id, id);

-- Endorsements ("+1"): which members support a thread.
CREATE TABLE thread_supports (
  thread_id uuid NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, user_id)
);
