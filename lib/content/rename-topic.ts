import 'server-only';
import { getDb } from '@/db/client';
import { lockTopic, updateTopicNames } from '@/db/queries/admin-topics';
import { recordAudit } from '@/db/queries/audit';
import { ok, refused, type Result } from '@/lib/result';

/** Renames a topic; its slug (used in library URLs) stays. Triggers refresh the search text. */
export async function renameTopic(
  actorUserId: string,
  id: string,
  names: { nameEn: string; nameEs: string },
): Promise<Result<null, 'notFound'>> {
  return getDb().transaction(async (tx): Promise<Result<null, 'notFound'>> => {
    const before = await lockTopic(tx, id);
    if (!before) return refused('notFound');
    await updateTopicNames(tx, id, names);
    await recordAudit(
      {
        actorUserId,
        action: 'topic.renamed',
        entityType: 'topic',
        entityId: id,
        data: { slug: before.slug, from: { nameEn: before.nameEn, nameEs: before.nameEs }, to: names },
      },
      tx,
    );
    return ok(null);
  });
}
