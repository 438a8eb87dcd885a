// Deep readiness for the pipeline smoke test: PostgreSQL (+ pgvector) and Redis.
import { readiness } from '@/lib/checks.mjs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET() {
  const { status, body } = await readiness(process.env);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
