import 'server-only';
import { getDb } from '@/db/client';
import { insertTopic } from '@/db/queries/admin-topics';
import { recordAudit } from '@/db/queries/audit';
import { ok, refused, type Result } from '@/lib/result';

/** Adds a topic, with its audit entry, and returns its id; 'duplicate' when its slug is taken. */
export async function createTopic(
  actorUserId: string,
  topic: { slug: string; nameEn: string; nameEs: string },
): Promise<Result<string, 'duplicate'>> {
  try {
    return await getDb().transaction(async (tx) => {
      const id = await insertTopic(tx, topic);
      await recordAudit({ actorUserId, action: 'topic.created', entityType: 'topic', entityId: id, data: topic }, tx);
      return ok(id);
    });
  } catch (error) {
    if (String((error as { cause?: { code?: string } }).cause?.code) === '23505') return refused('duplicate');
    throw error;
  }
}
