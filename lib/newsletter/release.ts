import 'server-only';
import { listIssuesDueForRelease, recordIssueRelease } from '@/db/queries/newsletter-release';
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

async function copyToPublicLibrary(privateKey: string): Promise<{ storageKey: string; byteSize: number } | null> {
  const file = await getStorage().read(privateKey);
  if (!file) return null;
  const body = new Uint8Array(await new Response(file.stream).arrayBuffer());
  const storageKey = newStorageKey('publications', 'pdf');
  await getStorage().put(storageKey, body);
  return { storageKey, byteSize: body.byteLength };
}
