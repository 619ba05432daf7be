-- Documents and who may see them. Roles widen in this order: viewer < commenter < author < editor < owner.
CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  phase text NOT NULL DEFAULT 'drafting' CHECK (phase IN ('drafting', 'consultation', 'revision', 'final')),
  comment_deadline timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE document_members (
  document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('viewer', 'commenter', 'author', 'editor', 'owner')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, user_id)
);

CREATE INDEX document_members_user_idx ON document_members (user_id);
