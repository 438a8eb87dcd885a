// Runner-image entry point (CMD ["node", "start.mjs"]): refuse to start on bad
// configuration, then hand over to Next's standalone server.js, which drains
// in-flight requests on SIGTERM. We only add a hard deadline so shutdown always
// ends inside ECS's 30 s stopTimeout.
import { ConfigError, loadConfig } from './lib/config.mjs';

const SHUTDOWN_DEADLINE_MS = Number(process.env.SHUTDOWN_DEADLINE_MS ?? 25_000);

try {
  loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`knowledge-card: refusing to start. ${err.message}`);
  process.exit(2);
}

// Docker/ECS set HOSTNAME to the container's name, which server.js would bind
// to; bind all interfaces unless LISTEN_HOST says otherwise (tests: 127.0.0.1).
process.env.HOSTNAME = process.env.LISTEN_HOST || '0.0.0.0';
// Outlive the ALB's 60 s idle timeout so the ALB, not Node, closes idle
// keep-alive connections (otherwise: sporadic 502s).
process.env.KEEP_ALIVE_TIMEOUT ??= '65000';

process.once('SIGTERM', () => {
  console.log('knowledge-card: SIGTERM received, draining in-flight requests');
  setTimeout(() => {
    console.error(`knowledge-card: still draining after ${SHUTDOWN_DEADLINE_MS} ms, exiting`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
});

await import('./server.js');
