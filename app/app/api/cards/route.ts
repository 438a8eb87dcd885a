// Create a card (signed-in users); its embedding is computed by the job queue.
import { createCard } from '@/lib/cards.mjs';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request) {
  const input = await request.json().catch(() => undefined);
  const { status, body } = await createCard(request.headers.get('cookie'), input);
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
