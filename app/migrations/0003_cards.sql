-- Knowledge cards and their embeddings (filled by the embed-card job, lib/jobs.mjs).
-- The app role gets row access through 0002's default privileges.
CREATE TABLE cards (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title       text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body        text NOT NULL CHECK (length(body) <= 20000),
  embedding   vector(64),
  embedded_at timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
