// The whole domain of PRODUCT.md. Later issues add behaviour; the shape lives here.
// Money is integer pence (GBP), times are timestamptz, Stripe ids are unique.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
const tstz = () => timestamp({ withTimezone: true });

// ---------------------------------------------------------------- enums

export const localeEnum = pgEnum('locale', ['en', 'es']);
export const roleEnum = pgEnum('role', ['member', 'staff', 'admin']);
export const membershipStatusEnum = pgEnum('membership_status', ['pending', 'active', 'past_due', 'lapsed', 'cancelled']);
export const membershipSourceEnum = pgEnum('membership_source', ['stripe', 'offline', 'complimentary']);
export const paymentKindEnum = pgEnum('payment_kind', ['membership', 'donation']);
// How a payment was made. Stripe's are recorded from the charge's payment_method_details.type
// (card, wallets and Link as 'card'); the others are recorded by staff.
export const stripePaymentMethods = ['card', 'bacs_debit'] as const;
export const offlinePaymentMethods = ['bank_transfer', 'cheque', 'standing_order', 'cash'] as const;
export const paymentMethodEnum = pgEnum('payment_method', [...stripePaymentMethods, ...offlinePaymentMethods]);
export const paymentStatusEnum = pgEnum('payment_status', ['pending', 'paid', 'failed', 'refunded', 'partially_refunded']);
export const donationFrequencyEnum = pgEnum('donation_frequency', ['one_off', 'monthly']);
// expired: the checkout session closed unpaid (Stripe expires open sessions after 24 hours).
export const donationStatusEnum = pgEnum('donation_status', ['pending', 'active', 'completed', 'cancelled', 'failed', 'expired']);
export const giftAidScopeEnum = pgEnum('gift_aid_scope', ['this_gift', 'this_and_future', 'past_four_years_and_future']);
export const publicationTypeEnum = pgEnum('publication_type', [
  'report',
  'case_study',
  'briefing',
  'submission',
  'event_report',
  'newsletter',
]);
export const publicationStatusEnum = pgEnum('publication_status', ['draft', 'published']);
export const datePrecisionEnum = pgEnum('date_precision', ['day', 'month', 'year']);
export const pageSlugEnum = pgEnum('page_slug', ['aims', 'history', 'human-rights', 'why-join']);
export const deliveryStatusEnum = pgEnum('delivery_status', ['queued', 'sending', 'sent', 'failed']);
export const importStatusEnum = pgEnum('import_status', ['previewed', 'running', 'done', 'failed']);
export const refundStatusEnum = pgEnum('refund_status', ['pending', 'succeeded', 'failed']);
export const outboxStatusEnum = pgEnum('outbox_status', ['pending', 'sent', 'failed']);

export type Locale = (typeof localeEnum.enumValues)[number];
export type Role = (typeof roleEnum.enumValues)[number];
export type MembershipStatus = (typeof membershipStatusEnum.enumValues)[number];
export type PublicationType = (typeof publicationTypeEnum.enumValues)[number];
export type PageSlug = (typeof pageSlugEnum.enumValues)[number];

// ---------------------------------------------------------------- people and Auth.js

export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Auth.js adapter columns
    name: text(),
    email: text().unique(),
    emailVerified: tstz(),
    image: text(),
    // ours
    role: roleEnum().notNull().default('member'),
    preferredLocale: localeEnum().notNull().default('en'),
    newsletterOptIn: boolean().notNull().default(true),
    addressLine1: text(),
    addressLine2: text(),
    city: text(),
    postcode: text(),
    country: text(),
    stripeCustomerId: text().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    // Set when the person deletes their account: personal columns are cleared, the row
    // stays so anonymised payments keep their foreign key.
    deletedAt: tstz(),
  },
  (t) => [
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    // Staff search by any part of a name, email or postcode (pg_trgm), fast at 100k members.
    index('users_name_trgm_idx').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('users_email_trgm_idx').using('gin', sql`${t.email} gin_trgm_ops`),
    index('users_postcode_trgm_idx').using('gin', sql`lower(replace(${t.postcode}, ' ', '')) gin_trgm_ops`),
    index('users_created_keyset_idx').on(t.createdAt, t.id),
    index('users_name_keyset_idx').on(sql`lower(${t.name})`, t.id),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    provider: text().notNull(),
    providerAccountId: text().notNull(),
    refresh_token: text(),
    access_token: text(),
    expires_at: integer(),
    token_type: text(),
    scope: text(),
    id_token: text(),
    session_state: text(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  'sessions',
  {
    sessionToken: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: tstz().notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const verificationTokens = pgTable(
  'verification_tokens',
  {
    identifier: text().notNull(),
    token: text().notNull(),
    expires: tstz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---------------------------------------------------------------- membership

export const membershipTiers = pgTable(
  'membership_tiers',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    nameEn: text().notNull(),
    nameEs: text().notNull(),
    descriptionEn: text().notNull().default(''),
    descriptionEs: text().notNull().default(''),
    annualPricePence: integer().notNull(),
    // A fee counts for Gift Aid only when the member gets no more than the newsletter.
    benefitsNewsletterOnly: boolean().notNull().default(true),
    stripePriceId: text().unique(),
    active: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('membership_tiers_price_pence', sql`${t.annualPricePence} >= 0`)],
);

/**
 * A live membership: waiting for payment, paid up, or retrying a failed card. A member has
 * at most one (the unique index below, whose WHERE is the same list written out, as SQL in
 * a migration must be).
 */
export const LIVE_MEMBERSHIP_STATUSES = ['pending', 'active', 'past_due'] as const;

export const memberships = pgTable(
  'memberships',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tierId: uuid()
      .notNull()
      .references(() => membershipTiers.id),
    status: membershipStatusEnum().notNull().default('pending'),
    source: membershipSourceEnum().notNull(),
    stripeSubscriptionId: text().unique(),
    stripeCheckoutSessionId: text().unique(),
    currentPeriodStart: tstz(),
    currentPeriodEnd: tstz(),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    cancelledAt: tstz(),
    // Stripe's own subscription status as last synced (incomplete, incomplete_expired,
    // unpaid, past_due...): several map to one of ours, and staff need to see which.
    stripeStatus: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('memberships_user_idx').on(t.userId),
    index('memberships_status_end_idx').on(t.status, t.currentPeriodEnd),
    // The staff list sorted by expiry, one page at a time (keyset).
    index('memberships_end_keyset_idx').on(t.currentPeriodEnd, t.userId),
    // One live membership per member at a time.
    uniqueIndex('memberships_one_live_per_user')
      .on(t.userId)
      .where(sql`${t.status} in ('pending', 'active', 'past_due')`),
  ],
);

// ---------------------------------------------------------------- Gift Aid

export const giftAidDeclarations = pgTable(
  'gift_aid_declarations',
  {
    id: uuid().primaryKey().defaultRandom(),
    // Set only through a verified path: made while signed in, or confirmed by the signed-in
    // person on /account. A guest's declaration has none and covers only the donation that
    // points at it (donations.gift_aid_declaration_id). `email` is what the guest typed:
    // a contact, never a tie to anyone's account.
    userId: uuid().references(() => users.id),
    email: text(),
    title: text(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    houseNameOrNumber: text().notNull(),
    postcode: text().notNull(),
    declaredAt: tstz().notNull().defaultNow(),
    scope: giftAidScopeEnum().notNull(),
    cancelledAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index('gift_aid_declarations_user_idx').on(t.userId)],
);

export const giftAidClaims = pgTable('gift_aid_claims', {
  id: uuid().primaryKey().defaultRandom(),
  periodFrom: date().notNull(),
  periodTo: date().notNull(),
  createdByUserId: uuid().references(() => users.id),
  createdAt: createdAt(),
  claimedAt: tstz(),
});

// ---------------------------------------------------------------- donations and payments

export const donations = pgTable(
  'donations',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().references(() => users.id),
    email: text(),
    frequency: donationFrequencyEnum().notNull(),
    amountPence: integer().notNull(),
    status: donationStatusEnum().notNull().default('pending'),
    giftAidDeclarationId: uuid().references(() => giftAidDeclarations.id),
    stripeCheckoutSessionId: text().unique(),
    stripeSubscriptionId: text().unique(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('donations_amount_range', sql`${t.amountPence} between 100 and 1000000`),
    index('donations_user_idx').on(t.userId),
    // "Is this declaration used yet?" (lib/gift-aid/declare.ts) and erasing expired records.
    index('donations_gift_aid_declaration_idx').on(t.giftAidDeclarationId),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: paymentKindEnum().notNull(),
    userId: uuid().references(() => users.id),
    email: text(),
    membershipId: uuid().references(() => memberships.id),
    donationId: uuid().references(() => donations.id),
    amountPence: integer().notNull(),
    currency: text().notNull().default('gbp'),
    status: paymentStatusEnum().notNull().default('pending'),
    refundedPence: integer().notNull().default(0),
    method: paymentMethodEnum().notNull(),
    offlineReference: text(),
    recordedByUserId: uuid().references(() => users.id),
    stripeCheckoutSessionId: text().unique(),
    stripeInvoiceId: text().unique(),
    stripePaymentIntentId: text().unique(),
    stripeChargeId: text().unique(),
    giftAidEligible: boolean().notNull().default(false),
    giftAidDeclarationId: uuid().references(() => giftAidDeclarations.id),
    giftAidClaimId: uuid().references(() => giftAidClaims.id),
    paidAt: tstz(),
    // While Stripe has not taken the money: why the last attempt failed (Stripe's decline
    // or error code, shown in words), when it tries again, and the page where the payer
    // confirms a payment their bank wants confirmed (3-D Secure). Cleared once paid.
    failureCode: text(),
    nextAttemptAt: tstz(),
    confirmUrl: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('payments_amount_pence', sql`${t.amountPence} >= 0`),
    check('payments_refund_within_amount', sql`${t.refundedPence} between 0 and ${t.amountPence}`),
    check('payments_gbp_only', sql`${t.currency} = 'gbp'`),
    check(
      'payments_belongs_to_kind',
      sql`(${t.kind} = 'membership' and ${t.donationId} is null) or (${t.kind} = 'donation' and ${t.membershipId} is null)`,
    ),
    index('payments_user_idx').on(t.userId),
    index('payments_paid_at_idx').on(t.paidAt),
    index('payments_created_keyset_idx').on(t.createdAt, t.id),
    index('payments_gift_aid_claim_idx').on(t.giftAidClaimId),
    // The payments a declaration covers: claims, retried forms reusing a declaration, and
    // erasing records HMRC no longer needs (lib/gift-aid/records.ts).
    index('payments_gift_aid_declaration_idx').on(t.giftAidDeclarationId),
  ],
);

// A refund asked of Stripe (or recorded for an offline payment); the webhook settles it.
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    amountPence: integer().notNull(),
    status: refundStatusEnum().notNull().default('pending'),
    reason: text(),
    stripeRefundId: text().unique(),
    requestedByUserId: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('refunds_amount_positive', sql`${t.amountPence} > 0`), index('refunds_payment_idx').on(t.paymentId)],
);

// A chargeback: the payer's bank took the money back (or may). Stripe's dispute, kept in
// step with charge.dispute.* events. Status and reason are Stripe's words (text, so a new
// one Stripe adds is stored rather than refused).
export const disputes = pgTable(
  'disputes',
  {
    id: uuid().primaryKey().defaultRandom(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    stripeDisputeId: text().notNull().unique(),
    status: text().notNull(),
    reason: text().notNull(),
    amountPence: integer().notNull(),
    // Stripe's deadline for evidence, while the dispute is open.
    evidenceDueBy: tstz(),
    openedAt: tstz().notNull(),
    closedAt: tstz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check('disputes_amount', sql`${t.amountPence} >= 0`), index('disputes_payment_idx').on(t.paymentId)],
);

// ---------------------------------------------------------------- publications

export const topics = pgTable('topics', {
  id: uuid().primaryKey().defaultRandom(),
  slug: text().notNull().unique(),
  nameEn: text().notNull(),
  nameEs: text().notNull(),
});

/** The format of publication (and topic) slugs; the same expression is the check publications_slug_format below. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const publications = pgTable(
  'publications',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull().unique(),
    type: publicationTypeEnum().notNull(),
    publishedOn: date().notNull(),
    datePrecision: datePrecisionEnum().notNull().default('month'),
    partner: text(),
    status: publicationStatusEnum().notNull().default('draft'),
    featured: boolean().notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('publications_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    index('publications_listing_idx').on(t.status, t.publishedOn),
    // The staff list, newest first, one page at a time (keyset).
    index('publications_keyset_idx').on(t.publishedOn.desc(), t.id.desc()),
  ],
);

export const publicationTranslations = pgTable(
  'publication_translations',
  {
    publicationId: uuid()
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    locale: localeEnum().notNull(),
    title: text().notNull(),
    summary: text().notNull().default(''),
    // The publication's topic names in both languages, kept current by triggers
    // (migration 0003) so one document per language covers title, summary and topics.
    topicNames: text().notNull().default(''),
    // Each translation is stemmed in its own language; accents are folded away.
    search: tsvector().generatedAlwaysAs(
      sql`setweight(to_tsvector(case when locale = 'es' then 'spanish'::regconfig else 'english'::regconfig end, immutable_unaccent(title)), 'A') || setweight(to_tsvector(case when locale = 'es' then 'spanish'::regconfig else 'english'::regconfig end, immutable_unaccent(summary)), 'B') || setweight(to_tsvector(case when locale = 'es' then 'spanish'::regconfig else 'english'::regconfig end, immutable_unaccent(topic_names)), 'C')`,
    ),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.locale] }), index('publication_translations_search_idx').using('gin', t.search)],
);

export const publicationTopics = pgTable(
  'publication_topics',
  {
    publicationId: uuid()
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    topicId: uuid()
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.publicationId, t.topicId] }), index('publication_topics_topic_idx').on(t.topicId)],
);

export const publicationFiles = pgTable(
  'publication_files',
  {
    id: uuid().primaryKey().defaultRandom(),
    publicationId: uuid()
      .notNull()
      .references(() => publications.id, { onDelete: 'cascade' }),
    locale: localeEnum().notNull(),
    // Generated by us, never taken from a request.
    storageKey: text().notNull().unique(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('publication_files_one_per_locale').on(t.publicationId, t.locale),
    check('publication_files_size', sql`${t.byteSize} > 0`),
  ],
);

// ---------------------------------------------------------------- pages

export const pages = pgTable(
  'pages',
  {
    slug: pageSlugEnum().notNull(),
    locale: localeEnum().notNull(),
    title: text().notNull(),
    bodyMarkdown: text().notNull(),
    updatedByUserId: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.slug, t.locale] })],
);

// ---------------------------------------------------------------- newsletter

export const newsletterIssues = pgTable(
  'newsletter_issues',
  {
    id: uuid().primaryKey().defaultRandom(),
    number: integer().notNull().unique(),
    title: text().notNull(),
    issuedOn: date().notNull(),
    summary: text().notNull().default(''),
    bodyMarkdown: text().notNull().default(''),
    pdfStorageKey: text().unique(),
    pdfByteSize: integer(),
    published: boolean().notNull().default(false),
    publishedAt: tstz(),
    // When set, the issue becomes public this many months after publication.
    publicAfterMonths: integer(),
    // The public library entry made when the issue was released.
    releasedPublicationId: uuid().references(() => publications.id, { onDelete: 'set null' }),
    sendRequestedAt: tstz(),
    sendRequestedByUserId: uuid().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('newsletter_issues_number', sql`${t.number} > 0`),
    check('newsletter_issues_public_after', sql`${t.publicAfterMonths} is null or ${t.publicAfterMonths} >= 0`),
  ],
);

export const newsletterDeliveries = pgTable(
  'newsletter_deliveries',
  {
    id: uuid().primaryKey().defaultRandom(),
    issueId: uuid()
      .notNull()
      .references(() => newsletterIssues.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: deliveryStatusEnum().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    lastError: text(),
    sentAt: tstz(),
    createdAt: createdAt(),
  },
  // Exactly once per recipient.
  (t) => [
    uniqueIndex('newsletter_deliveries_once').on(t.issueId, t.userId),
    index('newsletter_deliveries_due_idx').on(t.issueId, t.status, t.nextAttemptAt),
  ],
);

// ---------------------------------------------------------------- operations

export const stripeEvents = pgTable('stripe_events', {
  id: text().primaryKey(),
  type: text().notNull(),
  receivedAt: createdAt(),
});

// No transaction waits on Stripe (lib/payments/stripe-reads.ts): objects are fetched
// before the transaction that writes what they say, so two processes could write in the
// other order than they read. Each attempt takes a ticket before it fetches anything, and
// claims every object it writes from with that ticket; a claim only succeeds if no later
// ticket has written from that object, so an older read never overwrites a newer one.
export const stripeReadTickets = pgSequence('stripe_read_tickets');

export const stripeObjectReads = pgTable('stripe_object_reads', {
  /** A Stripe object id (sub_…, in_…), or a list's key (disputes-of:pi_…). */
  objectId: text().primaryKey(),
  ticket: bigint({ mode: 'number' }).notNull(),
  readAt: createdAt(),
});

// Mails are queued in the same transaction as the change they report, and sent after it
// commits; a mail server outage only delays them. The key makes each mail unique.
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid().primaryKey().defaultRandom(),
    dedupeKey: text().notNull().unique(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    status: outboxStatusEnum().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    lastError: text(),
    sentAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_pending_idx').on(t.status, t.nextAttemptAt)],
);

// Counters of rate-limiter-flexible (RateLimiterDrizzle), shared by every app instance.
export const rateLimits = pgTable('rate_limits', {
  key: text().primaryKey(),
  points: integer().notNull().default(0),
  expire: tstz(),
});

// A CSV import of members: previewed first (rows checked, nothing written), then run by
// the job queue, which reports its progress here.
export const memberImports = pgTable('member_imports', {
  id: uuid().primaryKey().defaultRandom(),
  createdByUserId: uuid().references(() => users.id),
  fileName: text().notNull(),
  status: importStatusEnum().notNull().default('previewed'),
  // The checked rows, ready to write once staff confirm.
  rows: jsonb().notNull().default([]),
  rowErrors: jsonb().notNull().default([]),
  totalRows: integer().notNull().default(0),
  processedRows: integer().notNull().default(0),
  createdCount: integer().notNull().default(0),
  updatedCount: integer().notNull().default(0),
  skippedCount: integer().notNull().default(0),
  lastError: text(),
  createdAt: createdAt(),
  finishedAt: tstz(),
});

export const memberNotes = pgTable('member_notes', {
  id: uuid().primaryKey().defaultRandom(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  authorUserId: uuid().references(() => users.id),
  body: text().notNull(),
  createdAt: createdAt(),
});

export const settings = pgTable('settings', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: updatedAt(),
});

// Cache tags invalidated by any instance (lib/cache/page-cache-handler.mjs): each instance
// keeps its pages in memory and hears of an invalidation through NOTIFY; after a lost
// connection it reads what it missed from here. One row per tag, the latest time.
export const pageCacheInvalidations = pgTable('page_cache_invalidations', {
  tag: text().primaryKey(),
  invalidatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

// Append-only: a trigger (migration 0002) refuses UPDATE and DELETE.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    actorUserId: uuid().references(() => users.id),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    data: jsonb().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_actor_idx').on(t.actorUserId, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
  ],
);

// ---------------------------------------------------------------- row types

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type MembershipTier = typeof membershipTiers.$inferSelect;
export type NewMembershipTier = typeof membershipTiers.$inferInsert;
export type Membership = typeof memberships.$inferSelect;
export type NewMembership = typeof memberships.$inferInsert;
export type GiftAidDeclaration = typeof giftAidDeclarations.$inferSelect;
export type NewGiftAidDeclaration = typeof giftAidDeclarations.$inferInsert;
export type Donation = typeof donations.$inferSelect;
export type NewDonation = typeof donations.$inferInsert;
export type Payment = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type Topic = typeof topics.$inferSelect;
export type NewTopic = typeof topics.$inferInsert;
export type Publication = typeof publications.$inferSelect;
export type NewPublication = typeof publications.$inferInsert;
export type PublicationTranslation = typeof publicationTranslations.$inferSelect;
export type NewPublicationTranslation = typeof publicationTranslations.$inferInsert;
export type PublicationFile = typeof publicationFiles.$inferSelect;
export type NewPublicationFile = typeof publicationFiles.$inferInsert;
export type Page = typeof pages.$inferSelect;
export type NewPage = typeof pages.$inferInsert;
export type NewsletterIssue = typeof newsletterIssues.$inferSelect;
export type NewNewsletterIssue = typeof newsletterIssues.$inferInsert;
export type OutboxMail = typeof mailOutbox.$inferSelect;
export type NewOutboxMail = typeof mailOutbox.$inferInsert;
export type Refund = typeof refunds.$inferSelect;
export type Dispute = typeof disputes.$inferSelect;
export type NewRefund = typeof refunds.$inferInsert;
export type MemberImport = typeof memberImports.$inferSelect;
export type NewMemberImport = typeof memberImports.$inferInsert;
export type MemberNote = typeof memberNotes.$inferSelect;
export type NewMemberNote = typeof memberNotes.$inferInsert;
export type GiftAidClaim = typeof giftAidClaims.$inferSelect;
export type NewGiftAidClaim = typeof giftAidClaims.$inferInsert;
export type AuditLogEntry = typeof auditLog.$inferSelect;
export type NewAuditLogEntry = typeof auditLog.$inferInsert;
