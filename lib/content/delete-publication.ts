import 'server-only';
import { getDb } from '@/db/client';
import { deletePublicationRow, isReleasedNewsletter, listPublicationStorageKeys, lockPublication } from '@/db/queries/admin-publications';
import { recordAudit } from '@/db/queries/audit';
import { ok, refused, type Result } from '@/lib/result';

export type DeletePublicationResult = Result<{ slug: string; storageKeys: string[] }, 'notFound' | 'released'>;

/**
 * Deletes a publication (translations, topic links and file rows go with it) and returns
 * the storage keys of its files, to delete once this has committed. A time-released
 * newsletter is refused ('released'): the release would simply make it again; unpublish it
 * instead.
 */
export async function deletePublication(actorUserId: string, id: string): Promise<DeletePublicationResult> {
  return getDb().transaction(async (tx): Promise<DeletePublicationResult> => {
    const row = await lockPublication(tx, id);
    if (!row) return refused('notFound');
    // Refused before anything is written: the transaction has nothing to roll back.
    if (await isReleasedNewsletter(tx, id)) return refused('released');
    const storageKeys = await listPublicationStorageKeys(tx, id);
    await deletePublicationRow(tx, id);
    await recordAudit(
      {
        actorUserId,
        action: 'publication.deleted',
        entityType: 'publication',
        entityId: id,
        data: { slug: row.slug, files: storageKeys.length },
      },
      tx,
    );
    return ok({ slug: row.slug, storageKeys });
  });
}
