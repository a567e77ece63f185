import 'server-only';
import { getDb } from '@/db/client';
import { insertPublicationFile } from '@/db/queries/admin-publications';
import { recordAudit } from '@/db/queries/audit';
import {
  insertReleasedPublication,
  insertReleasedTranslation,
  listIssuesDueForRelease,
  lockIssue,
  markIssueReleased,
  releasedPublicationSlug,
} from '@/db/queries/newsletter-release';
import { getStorage, newStorageKey } from '@/lib/storage';

/**
 * Time-release: an issue marked "public after N months" becomes a publication in the
 * public library once that time has passed. The PDF is copied to a new public key, so the
 * members' file route and its key stay private. Safe to run from several processes.
 */
export async function releaseDueIssues(now: Date = new Date()): Promise<string[]> {
  const released: string[] = [];
  for (const issue of await listIssuesDueForRelease(now)) {
    const pdf = issue.pdfStorageKey ? await copyToPublicLibrary(issue.pdfStorageKey) : null;
    const result = await recordIssueRelease(issue.id, pdf).catch(async (error) => {
      if (pdf) await getStorage().delete(pdf.storageKey);
      throw error;
    });
    if (result) released.push(result.slug);
    else if (pdf) await getStorage().delete(pdf.storageKey);
  }
  return released;
}

/**
 * Makes the public library entry for an issue, once: the issue row is locked, so two
 * processes releasing at the same moment make one entry. Returns null when the issue was
 * already released (or is no longer due), so the caller can drop the file it copied.
 */
async function recordIssueRelease(
  issueId: string,
  pdf: { storageKey: string; byteSize: number } | null,
): Promise<{ publicationId: string; slug: string } | null> {
  return getDb().transaction(async (tx) => {
    const issue = await lockIssue(tx, issueId);
    if (!issue || issue.releasedPublicationId || !issue.published) return null;
    const slug = releasedPublicationSlug(issue.number);
    const publicationId = await insertReleasedPublication(tx, { slug, publishedOn: issue.issuedOn });
    await insertReleasedTranslation(tx, publicationId, { title: `Newsletter ${issue.number}: ${issue.title}`, summary: issue.summary });
    if (pdf)
      await insertPublicationFile(tx, publicationId, 'en', {
        storageKey: pdf.storageKey,
        byteSize: pdf.byteSize,
        fileName: `psg-newsletter-${issue.number}.pdf`,
      });
    await markIssueReleased(tx, issueId, publicationId);
    await recordAudit(
      {
        actorUserId: null,
        action: 'newsletter.released',
        entityType: 'newsletter_issue',
        entityId: issueId,
        data: { number: issue.number, publicationId },
      },
      tx,
    );
    return { publicationId, slug };
  });
}

async function copyToPublicLibrary(privateKey: string): Promise<{ storageKey: string; byteSize: number } | null> {
  const file = await getStorage().read(privateKey);
  if (!file) return null;
  const body = new Uint8Array(await new Response(file.stream).arrayBuffer());
  const storageKey = newStorageKey('publications', 'pdf');
  await getStorage().put(storageKey, body);
  return { storageKey, byteSize: body.byteLength };
}
