import { and, eq, sql } from 'drizzle-orm';
import type { FileStorage } from '@/lib/storage';
import { newStorageKey } from '@/lib/storage';
import type { Database } from '../client';
import {
  type NewPublicationTranslation,
  memberships,
  membershipTiers,
  newsletterIssues,
  users,
  pages,
  publicationFiles,
  publications,
  publicationTopics,
  publicationTranslations,
  topics,
} from '../schema';
import { PAGES, PUBLICATIONS, TIERS, TOPICS } from './content';
import { demoPdf } from './pdf';
import { oneRow } from '../queries/rows';

export type SeedReport = { topics: number; publications: number; files: number; pages: number; tiers: number; newsletters: number };

// Demo newsletter issues (our own words) and a demo member who can read them.
const NEWSLETTERS = [
  {
    number: 151,
    title: 'Water, mining and the 2026 elections',
    issuedOn: '2026-09-01',
    monthsAgo: 2,
    publicAfterMonths: null,
    summary: 'How water scarcity shaped the campaign in the southern Andes, and what the new Congress means for consultation rights.',
  },
  {
    number: 150,
    title: 'Ten years after the EITI meeting in Lima',
    issuedOn: '2026-03-01',
    monthsAgo: 8,
    publicAfterMonths: null,
    summary: 'Civil society looks back at transparency in the extractive industries since Peru hosted the EITI global conference.',
  },
  {
    number: 140,
    title: 'Truth, memory and reparations',
    issuedOn: '2024-06-01',
    monthsAgo: 29,
    publicAfterMonths: 24,
    summary:
      'Progress and setbacks for victims of the internal armed conflict, twenty years after the Truth and Reconciliation Commission.',
  },
] as const;
export const DEMO_MEMBER_EMAIL = 'member@example.org';

/**
 * Loads the demo content. Idempotent: rows are matched by slug and never duplicated,
 * and rows that already exist are left as staff may have edited them.
 */
export async function seedDatabase(db: Database, storage: FileStorage): Promise<SeedReport> {
  const report: SeedReport = { topics: 0, publications: 0, files: 0, pages: 0, tiers: 0, newsletters: 0 };

  const insertedTopics = await db
    .insert(topics)
    .values(TOPICS.map((t) => ({ slug: t.slug, nameEn: t.en, nameEs: t.es })))
    .onConflictDoNothing({ target: topics.slug })
    .returning({ id: topics.id });
  report.topics = insertedTopics.length;
  const topicIds = new Map((await db.select({ id: topics.id, slug: topics.slug }).from(topics)).map((t) => [t.slug, t.id]));

  const insertedTiers = await db
    .insert(membershipTiers)
    .values(
      TIERS.map((t) => ({
        slug: t.slug,
        nameEn: t.en.name,
        nameEs: t.es.name,
        descriptionEn: t.en.description,
        descriptionEs: t.es.description,
        annualPricePence: t.annualPricePence,
        sortOrder: t.sortOrder,
      })),
    )
    .onConflictDoNothing({ target: membershipTiers.slug })
    .returning({ id: membershipTiers.id });
  report.tiers = insertedTiers.length;

  for (const page of PAGES) {
    const rows = await db
      .insert(pages)
      .values([
        { slug: page.slug, locale: 'en', title: page.en.title, bodyMarkdown: page.en.body },
        { slug: page.slug, locale: 'es', title: page.es.title, bodyMarkdown: page.es.body },
      ])
      .onConflictDoNothing()
      .returning({ slug: pages.slug });
    report.pages += rows.length;
  }

  for (const pub of PUBLICATIONS) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(publications)
        .values({
          slug: pub.slug,
          type: pub.type,
          publishedOn: pub.publishedOn,
          datePrecision: pub.datePrecision,
          partner: pub.partner,
          featured: pub.featured,
          status: 'published',
        })
        .onConflictDoNothing({ target: publications.slug })
        .returning({ id: publications.id });
      if (inserted.length) report.publications++;
      const { id } = oneRow(
        await tx.select({ id: publications.id }).from(publications).where(eq(publications.slug, pub.slug)),
        'the publication just inserted or already there',
      );

      const translations: NewPublicationTranslation[] = [{ publicationId: id, locale: 'en', ...pub.en }];
      if (pub.es) translations.push({ publicationId: id, locale: 'es', ...pub.es });
      await tx.insert(publicationTranslations).values(translations).onConflictDoNothing();

      const links = pub.topics.map((slug) => {
        const topicId = topicIds.get(slug);
        if (!topicId) throw new Error(`Seed publication ${pub.slug} names unknown topic ${slug}`);
        return { publicationId: id, topicId };
      });
      if (links.length) await tx.insert(publicationTopics).values(links).onConflictDoNothing();

      for (const locale of pub.fileLocales) {
        const existing = await tx
          .select({ id: publicationFiles.id })
          .from(publicationFiles)
          .where(and(eq(publicationFiles.publicationId, id), eq(publicationFiles.locale, locale)));
        if (existing.length) continue;
        const title = (locale === 'es' ? pub.es?.title : undefined) ?? pub.en.title;
        const bytes = await demoPdf(title, locale === 'es' ? 'Español' : 'English');
        const storageKey = newStorageKey('publications', 'pdf');
        await storage.put(storageKey, bytes);
        await tx.insert(publicationFiles).values({
          publicationId: id,
          locale,
          storageKey,
          fileName: `psg-${pub.slug}-${locale}.pdf`,
          contentType: 'application/pdf',
          byteSize: bytes.byteLength,
        });
        report.files++;
      }
    });
  }
  for (const issue of NEWSLETTERS) {
    const exists = await db.select({ id: newsletterIssues.id }).from(newsletterIssues).where(eq(newsletterIssues.number, issue.number));
    if (exists.length) continue;
    const bytes = await demoPdf(`PSG Newsletter ${issue.number}: ${issue.title}`, 'Members');
    const key = newStorageKey('newsletters', 'pdf');
    await storage.put(key, bytes);
    await db.insert(newsletterIssues).values({
      number: issue.number,
      title: issue.title,
      issuedOn: issue.issuedOn,
      summary: issue.summary,
      bodyMarkdown: `## In this issue\n\n${issue.summary}\n\nThe full issue is in the PDF.`,
      pdfStorageKey: key,
      pdfByteSize: bytes.byteLength,
      published: true,
      publishedAt: sql`now() - make_interval(months => ${issue.monthsAgo})`,
      publicAfterMonths: issue.publicAfterMonths,
    });
    report.newsletters++;
  }

  const [member] = await db
    .insert(users)
    .values({ email: DEMO_MEMBER_EMAIL, name: 'Demo Member' })
    .onConflictDoNothing()
    .returning({ id: users.id });
  if (member) {
    const tier = oneRow(
      await db.select({ id: membershipTiers.id }).from(membershipTiers).where(eq(membershipTiers.slug, 'individual')),
      'the individual tier, seeded above',
    );
    await db.insert(memberships).values({
      userId: member.id,
      tierId: tier.id,
      status: 'active',
      source: 'complimentary',
      currentPeriodStart: new Date(),
      currentPeriodEnd: sql`now() + interval '1 year'`,
    });
  }
  return report;
}

/** True when the database holds no content yet (a fresh embedded database). */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const row = oneRow(
    await db.execute<{ n: number }>(sql`select (select count(*) from publications) + (select count(*) from pages) as n`),
    'the content count',
  );
  return Number(row.n) === 0;
}
