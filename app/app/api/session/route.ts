// Who is signed in: 200 with the session's subject, 401 otherwise. Sessions
// signed with the previous session secret count during the grace period.
import { sessionOf } from '@/lib/cards.mjs';
import { loadConfig } from '@/lib/config.mjs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request) {
  const claims = await sessionOf(loadConfig(), request.headers.get('cookie'));
  const headers = { 'Cache-Control': 'no-store' };
  if (!claims) return Response.json({ error: 'not signed in' }, { status: 401, headers });
  return Response.json({ sub: claims.sub, exp: claims.exp }, { headers });
}
