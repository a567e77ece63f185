import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '../client';
import { publicationTopics, topics } from '../schema';
import { oneRow } from './rows';

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

// Writes, run in one transaction by lib/content/{create,rename,delete}-topic.ts.

export type TopicRow = typeof topics.$inferSelect;

export async function insertTopic(tx: Tx, topic: { slug: string; nameEn: string; nameEs: string }): Promise<string> {
  const row = oneRow(await tx.insert(topics).values(topic).returning({ id: topics.id }), 'the inserted topic');
  return row.id;
}

/** Locks a topic's row for the rest of the transaction. */
export async function lockTopic(tx: Tx, id: string): Promise<TopicRow | null> {
  const [row] = await tx.select().from(topics).where(eq(topics.id, id)).for('update');
  return row ?? null;
}

/** Renames a topic; its slug (used in library URLs) stays. Triggers refresh the search text. */
export async function updateTopicNames(tx: Tx, id: string, names: { nameEn: string; nameEs: string }): Promise<void> {
  await tx.update(topics).set(names).where(eq(topics.id, id));
}

/** How many publications have this topic. */
export async function countTopicPublications(tx: Tx, id: string): Promise<number> {
  const { n } = oneRow(
    await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(publicationTopics)
      .where(eq(publicationTopics.topicId, id)),
    'the publication count',
  );
  return n;
}

export async function deleteTopicRow(tx: Tx, id: string): Promise<void> {
  await tx.delete(topics).where(eq(topics.id, id));
}
