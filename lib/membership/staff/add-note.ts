import 'server-only';
import { getDb } from '@/db/client';
import { insertMemberNote, lockMember } from '@/db/queries/memberships';
import { recordAudit } from '@/db/queries/audit';
import type { MemberChange } from './result';

/** A staff note on a member, with its audit entry. */
export async function addMemberNote(input: { actorUserId: string; userId: string; body: string }): Promise<MemberChange<string>> {
  return getDb().transaction(async (tx) => {
    const user = await lockMember(tx, input.userId);
    if (!user) return { ok: false, error: 'unknownMember' };
    const noteId = await insertMemberNote(tx, { userId: user.id, authorUserId: input.actorUserId, body: input.body });
    await recordAudit(
      { actorUserId: input.actorUserId, action: 'member.note_added', entityType: 'user', entityId: user.id, data: { noteId } },
      tx,
    );
    return { ok: true, value: noteId };
  });
}
