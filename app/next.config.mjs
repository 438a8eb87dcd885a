/** @type {import('next').NextConfig} */
const nextConfig = {
  // The runner image ships .next/standalone (server.js + traced node_modules).
  output: 'standalone',
  // Keep the drivers as real node_modules in the standalone tree: the
  // migrator (scripts/migrate.mjs) imports pg, and the Secrets Manager client
  // for DB_SECRET_ARN (lib/db-credentials.mjs), from there at run time.
  serverExternalPackages: ['pg', 'ioredis', '@aws-sdk/client-secrets-manager'],
  poweredByHeader: false,
  // No ESLint in this minimal service; type errors still fail `next build`.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
