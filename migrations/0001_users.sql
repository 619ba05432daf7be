-- Accounts. Email is unique without regard to case; country is ISO 3166-1 alpha-2.
CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  password_hash text,
  country char(2) CHECK (country ~ '^[A-Z]{2}$'),
  organization text CHECK (length(organization) <= 200),
  locale text NOT NULL DEFAULT 'en',
  is_admin boolean NOT NULL DEFAULT false,
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
