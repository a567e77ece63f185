import 'server-only';
import { getDb } from '@/db/client';
import { countTopicPublications, deleteTopicRow, lockTopic } from '@/db/queries/admin-topics';
import { recordAudit } from '@/db/queries/audit';
import { ok, refused, type Result } from '@/lib/result';

/** 'inUse' carries how many publications have the topic, for the message. */
export type DeleteTopicResult = Result<null, 'notFound'> | { ok: false; error: 'inUse'; publications: number };

/**
 * Deletes a topic no publication uses. A topic in use is refused ('inUse') rather than
 * silently detached from its publications: staff remove it from those first.
 */
export async function deleteTopic(actorUserId: string, id: string): Promise<DeleteTopicResult> {
  return getDb().transaction(async (tx): Promise<DeleteTopicResult> => {
    const topic = await lockTopic(tx, id);
    if (!topic) return refused('notFound');
    const n = await countTopicPublications(tx, id);
    // Refused before anything is written: the transaction has nothing to roll back.
    if (n > 0) return { ...refused('inUse'), publications: n };
    await deleteTopicRow(tx, id);
    await recordAudit(
      { actorUserId, action: 'topic.deleted', entityType: 'topic', entityId: id, data: { slug: topic.slug, nameEn: topic.nameEn } },
      tx,
    );
    return ok(null);
  });
}
