-- pgvector backs the card embeddings; RDS PostgreSQL 15 ships it, the
-- migrating role (RDS master user, rds_superuser) may create it.
CREATE EXTENSION IF NOT EXISTS vector;
