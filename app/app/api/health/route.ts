// Shallow liveness for the ALB target group and the container HEALTHCHECK:
// no dependency calls, so a database outage never makes ECS kill healthy tasks.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET() {
  return Response.json(
    { status: 'ok', timestamp: Date.now() },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
