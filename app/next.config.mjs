/** @type {import('next').NextConfig} */
const nextConfig = {
  // The runner image ships .next/standalone (server.js + traced node_modules).
  output: 'standalone',
  // Keep the drivers as real node_modules in the standalone tree: the
  // migrator (scripts/migrate.mjs) imports pg, and the Secrets Manager client
  // (lib/secrets.mjs), from there at run time; so do the job queue and the
  // Redis IAM signer with the SDK's credential chain (lib/redis-auth.mjs).
  serverExternalPackages: ['pg', 'ioredis', 'bullmq', '@aws-sdk/client-secrets-manager',
    '@aws-sdk/credential-provider-node', '@smithy/signature-v4', '@smithy/hash-node'],
  poweredByHeader: false,
  // No ESLint in this minimal service; type errors still fail `next build`.
  eslint: { ignoreDuringBuilds: true },
};

export default nextConfig;
