-- The service's own least-privilege role (DB_APP_USER, default
-- knowledge_card_app): reads and writes rows, nothing else. No DDL (PostgreSQL
-- 15 no longer lets PUBLIC create in schema public), not superuser, owns
-- nothing. Created NOLOGIN: its password, and LOGIN, come from the rotation
-- function of its Secrets Manager secret (ALTER ROLE ... LOGIN PASSWORD), which
-- may also have created it first. The migrator sets knowledge_card.app_user.
DO $$
DECLARE
  app text := current_setting('knowledge_card.app_user');
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = app) THEN
    BEGIN
      EXECUTE format('CREATE ROLE %I NOLOGIN', app);
    EXCEPTION WHEN duplicate_object THEN
      NULL; -- the rotation function created it meanwhile
    END;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), app);
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', app);
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', app);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', app);
  -- Tables and sequences later migrations create (as this migrating role).
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', app);
  EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO %I', app);
  -- The migration history is the migrator's alone.
  EXECUTE format('REVOKE ALL ON schema_migrations FROM %I', app);
END
$$;
