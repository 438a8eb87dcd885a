// Runner-image entry point (CMD ["node", "start.mjs"]): refuse to start on bad
// configuration, then hand over to Next's standalone server.js, which drains
// in-flight requests on SIGTERM. We only add a hard deadline so shutdown always
// ends inside ECS's 30 s stopTimeout.
import http from 'node:http';
import { ConfigError, loadConfig } from './lib/config.mjs';

const SHUTDOWN_DEADLINE_MS = Number(process.env.SHUTDOWN_DEADLINE_MS ?? 25_000);

// server.js forces NODE_ENV=production whatever the environment says; validate
// under the same value, or start-up and /api/health/ready would disagree
// (e.g. about NEXTAUTH_SECRET).
process.env.NODE_ENV = 'production';

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

// server.js does not expose its http.Server; note it as it is created.
const servers = new Set();
const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  servers.add(server);
  return server;
};

process.once('SIGTERM', () => {
  console.log('knowledge-card: SIGTERM received, draining in-flight requests');
  // Next's handler calls server.close(), which closes only the connections
  // idle at that moment; a keep-alive connection whose request finishes later
  // would hold the process open until KEEP_ALIVE_TIMEOUT. Close those as they
  // go idle.
  setInterval(() => {
    for (const server of servers) server.closeIdleConnections();
  }, 200).unref();
  setTimeout(() => {
    console.error(`knowledge-card: still draining after ${SHUTDOWN_DEADLINE_MS} ms, exiting`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
});

await import('./server.js');
