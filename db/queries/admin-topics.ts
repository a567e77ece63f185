import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb } from '../client';
import { publicationTopics, topics } from '../schema';
import { recordAudit } from './audit';

export type AdminTopic = { id: string; slug: string; nameEn: string; nameEs: string; publications: number };

export async function listTopicsWithUsage(): Promise<AdminTopic[]> {
  return getDb()
    .select({
      id: topics.id,
      slug: topics.slug,
      nameEn: topics.nameEn,
      nameEs: topics.nameEs,
      publications: sql<number>`(select count(*)::int from publication_topics pt where pt.topic_id = ${topics.id})`,
    })
    .from(topics)
    .orderBy(asc(topics.nameEn));
}

export class DuplicateTopicError extends Error {}
export class TopicInUseError extends Error {
  constructor(readonly publications: number) {
    super('topic in use');
  }
}

export async function createTopic(actorUserId: string, topic: { slug: string; nameEn: string; nameEs: string }): Promise<string> {
  try {
    return await getDb().transaction(async (tx) => {
      const [row] = await tx.insert(topics).values(topic).returning({ id: topics.id });
      await recordAudit({ actorUserId, action: 'topic.created', entityType: 'topic', entityId: row.id, data: topic }, tx);
      return row.id;
    });
  } catch (error) {
    if (String((error as { cause?: { code?: string } }).cause?.code) === '23505') throw new DuplicateTopicError();
    throw error;
  }
}

/** Renames a topic; its slug (used in library URLs) stays. Triggers refresh the search text. */
export async function renameTopic(actorUserId: string, id: string, names: { nameEn: string; nameEs: string }): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [before] = await tx.select().from(topics).where(eq(topics.id, id)).for('update');
    if (!before) return false;
    await tx.update(topics).set(names).where(eq(topics.id, id));
    await recordAudit(
      { actorUserId, action: 'topic.renamed', entityType: 'topic', entityId: id, data: { slug: before.slug, from: { nameEn: before.nameEn, nameEs: before.nameEs }, to: names } },
      tx,
    );
    return true;
  });
}

/**
 * Deletes a topic no publication uses. A topic in use is refused (TopicInUseError) rather
 * than silently detached from its publications: staff remove it from those first.
 */
export async function deleteTopic(actorUserId: string, id: string): Promise<boolean> {
  return getDb().transaction(async (tx) => {
    const [topic] = await tx.select().from(topics).where(eq(topics.id, id)).for('update');
    if (!topic) return false;
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(publicationTopics).where(eq(publicationTopics.topicId, id));
    if (n > 0) throw new TopicInUseError(n);
    await tx.delete(topics).where(eq(topics.id, id));
    await recordAudit({ actorUserId, action: 'topic.deleted', entityType: 'topic', entityId: id, data: { slug: topic.slug, nameEn: topic.nameEn } }, tx);
    return true;
  });
}
