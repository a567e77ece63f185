import 'server-only';
import { getDb } from '@/db/client';
import { updatePublicationStatus, type PublicationStatus } from '@/db/queries/admin-publications';
import { recordAudit } from '@/db/queries/audit';
import { ok, refused, type Result } from '@/lib/result';

/** Publishes or unpublishes a publication, with its audit entry. */
export async function setPublicationStatus(
  actorUserId: string,
  id: string,
  status: PublicationStatus,
): Promise<Result<{ slug: string }, 'notFound'>> {
  return getDb().transaction(async (tx): Promise<Result<{ slug: string }, 'notFound'>> => {
    const row = await updatePublicationStatus(tx, id, status);
    if (!row) return refused('notFound');
    await recordAudit(
      {
        actorUserId,
        action: status === 'published' ? 'publication.published' : 'publication.unpublished',
        entityType: 'publication',
        entityId: id,
        data: { slug: row.slug },
      },
      tx,
    );
    return ok({ slug: row.slug });
  });
}
