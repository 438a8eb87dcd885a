// `npm run migrate`: the ECS migration task's command (working dir /app).
// Exit codes: 0 done, 1 migration/database failure, 2 invalid configuration.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadMigrateConfig } from '../lib/config.mjs';
import { safeError } from '../lib/checks.mjs';
import { MigrationError, migrate } from '../lib/migrate.mjs';

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

let config;
try {
  config = loadMigrateConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`migrate: ${err.message}`);
  process.exit(2);
}

try {
  const { applied, skipped } = await migrate({ db: config.db, migrationsDir, appUser: config.appUser,
    log: (m) => console.log(`migrate: ${m}`) });
  console.log(`migrate: done, ${applied.length} applied, ${skipped.length} already applied`);
} catch (err) {
  // Migration errors carry SQL messages (useful, no secrets); connection errors
  // are reduced to codes so a password can never end up in task logs.
  const msg = err instanceof MigrationError ? err.message : `cannot migrate database: ${safeError(err)}`;
  console.error(`migrate: FAILED: ${msg}`);
  process.exit(1);
}
