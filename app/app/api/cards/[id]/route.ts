// A card and whether its embedding is ready (signed-in users).
import { getCard } from '@/lib/cards.mjs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { status, body } = await getCard(request.headers.get('cookie'), (await params).id);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
