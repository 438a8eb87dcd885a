// Next.js calls register() once when the server starts: start the job worker
// in this process (Node.js runtime only), and stop it on SIGTERM so the jobs
// in progress finish and the Redis connections close before the process exits.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { loadConfig } = await import('./lib/config.mjs');
  const { processJobs } = await import('./lib/jobs.mjs');
  // start.mjs has validated the configuration already.
  const jobs = processJobs(loadConfig());
  process.once('SIGTERM', () => {
    jobs.close().catch(() => {});
  });
}
