-- Issue 11, hole 1. Until now a sign-in attached every Gift Aid declaration made under
-- the person's email address by a guest (anyone can type anyone's address on /donate) to
-- their account, where it became their current declaration and covered their later
-- membership fees. A declaration now belongs to a person only if they made it signed in
-- or confirm it on /account. This undoes the attachments already made:
--
-- 1. Declarations made by a guest (their 'gift_aid.declared' audit entry has no actor:
--    a signed-in declarer is always the actor) that have an account are detached, with an
--    audit entry naming the account they were attached to.
-- 2. Payments that used such a declaration other than the payments of the gift it was made
--    with (a membership fee, another gift) lose it and their Gift Aid flag, unless already
--    in a claim: a claim already made is for staff to correct with HMRC, not for a
--    migration to rewrite.
-- 3. The gift made with it, and that gift's payments, were attached by the same sign-in:
--    they are detached too. /account offers them to the person to confirm as theirs.
CREATE TEMPORARY TABLE detached_declarations ON COMMIT DROP AS
  SELECT g.id, g.user_id
  FROM gift_aid_declarations g
  WHERE g.user_id IS NOT NULL
    AND EXISTS (
      SELECT 1 FROM audit_log a
      WHERE a.action = 'gift_aid.declared' AND a.entity_type = 'gift_aid_declaration'
        AND a.entity_id = g.id::text AND a.actor_user_id IS NULL)
    AND NOT EXISTS (
      SELECT 1 FROM audit_log a
      WHERE a.action = 'gift_aid.declaration_confirmed' AND a.entity_type = 'gift_aid_declaration'
        AND a.entity_id = g.id::text);
--> statement-breakpoint
INSERT INTO audit_log (actor_user_id, action, entity_type, entity_id, data)
  SELECT NULL, 'gift_aid.declaration_detached', 'gift_aid_declaration', d.id::text,
         jsonb_build_object('userId', d.user_id, 'reason', 'made by a guest and attached at sign-in by email alone (migration 0009)')
  FROM detached_declarations d;
--> statement-breakpoint
UPDATE payments p
  SET gift_aid_eligible = false, gift_aid_declaration_id = NULL
  WHERE p.gift_aid_declaration_id IN (SELECT id FROM detached_declarations)
    AND p.gift_aid_claim_id IS NULL
    AND NOT EXISTS (
      SELECT 1 FROM donations dn
      WHERE dn.id = p.donation_id AND dn.gift_aid_declaration_id = p.gift_aid_declaration_id);
--> statement-breakpoint
UPDATE payments p
  SET user_id = NULL
  FROM donations dn
  WHERE p.donation_id = dn.id
    AND dn.gift_aid_declaration_id IN (SELECT id FROM detached_declarations);
--> statement-breakpoint
UPDATE donations
  SET user_id = NULL
  WHERE gift_aid_declaration_id IN (SELECT id FROM detached_declarations);
--> statement-breakpoint
UPDATE gift_aid_declarations
  SET user_id = NULL
  WHERE id IN (SELECT id FROM detached_declarations);
