import 'server-only';
import { getDb } from '@/db/client';
import {
  deletePublicationFile,
  deletePublicationTranslation,
  insertPublication,
  insertPublicationFile,
  linkPublicationTopics,
  listPublicationTopicIds,
  unlinkPublicationTopics,
  updatePublication,
  upsertPublicationTranslation,
  type PublicationColumns,
  type StoredUpload,
} from '@/db/queries/admin-publications';
import { recordAudit } from '@/db/queries/audit';
import type { Locale } from '@/db/schema';
import { ok, refused, type Result } from '@/lib/result';

/** Per language: a new file (replaces any), 'remove', or undefined to keep what is there. */
export type FileChange = StoredUpload | 'remove' | undefined;

export type PublicationFields = PublicationColumns & {
  en: { title: string; summary: string };
  /** null removes the Spanish translation. */
  es: { title: string; summary: string } | null;
  topicIds: string[];
  files: Record<Locale, FileChange>;
};

/** 'duplicate': another publication has the slug; 'notFound': the one edited is gone. */
export type SavePublicationResult = Result<{ id: string; slug: string; droppedKeys: string[] }, 'duplicate' | 'notFound'>;

const pgCode = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return String(e.cause?.code ?? e.code ?? '');
};

/**
 * Creates or updates a publication with its translations, topics and files, and its audit
 * entry, in one transaction. New files must already be in storage; the keys of files this
 * replaced or removed are returned so the caller deletes them once the change is committed.
 */
export async function savePublication(actorUserId: string, id: string | null, fields: PublicationFields): Promise<SavePublicationResult> {
  try {
    return await getDb().transaction(async (tx): Promise<SavePublicationResult> => {
      const values = {
        slug: fields.slug,
        type: fields.type,
        publishedOn: fields.publishedOn,
        datePrecision: fields.datePrecision,
        partner: fields.partner,
        featured: fields.featured,
      };
      const row = id ? await updatePublication(tx, id, values) : await insertPublication(tx, values);
      // Nothing is written yet: the transaction has nothing to roll back.
      if (!row) return refused('notFound');

      for (const locale of ['en', 'es'] as const) {
        const text = fields[locale];
        if (text) await upsertPublicationTranslation(tx, row.id, locale, text);
        else await deletePublicationTranslation(tx, row.id, locale);
      }

      // Topics: the triggers of migration 0003 copy the names into each translation.
      const current = await listPublicationTopicIds(tx, row.id);
      const removed = current.filter((t) => !fields.topicIds.includes(t));
      const added = fields.topicIds.filter((t) => !current.includes(t));
      if (removed.length) await unlinkPublicationTopics(tx, row.id, removed);
      if (added.length) await linkPublicationTopics(tx, row.id, added);

      const droppedKeys: string[] = [];
      const fileLog: Record<string, string> = {};
      for (const locale of ['en', 'es'] as const) {
        const change = fields.files[locale];
        if (!change) continue;
        const gone = await deletePublicationFile(tx, row.id, locale);
        droppedKeys.push(...gone);
        if (change === 'remove') {
          if (gone.length) fileLog[locale] = 'removed';
          continue;
        }
        await insertPublicationFile(tx, row.id, locale, change);
        fileLog[locale] = gone.length ? 'replaced' : 'added';
      }

      await recordAudit(
        {
          actorUserId,
          action: id ? 'publication.updated' : 'publication.created',
          entityType: 'publication',
          entityId: row.id,
          data: { slug: row.slug, type: fields.type, topics: fields.topicIds.length, spanish: Boolean(fields.es), files: fileLog },
        },
        tx,
      );
      return ok({ id: row.id, slug: row.slug, droppedKeys });
    });
  } catch (error) {
    if (
      pgCode(error) === '23505' &&
      /slug/.test(String((error as { cause?: { constraint_name?: string } }).cause?.constraint_name ?? (error as Error).message))
    )
      return refused('duplicate');
    throw error;
  }
}
