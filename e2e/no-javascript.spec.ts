import { expect, test, type Page } from '@playwright/test';
import { personaCookie } from './support/db';

// Every public page with JavaScript switched off, in both languages: what the server sends
// must already be the page (its heading, its landmarks and what it is for), not a shell
// that scripts fill in. The 404 included: Next's notFound() alone sends an empty document.

test.use({ javaScriptEnabled: false });

type Check = (page: Page) => Promise<void>;
type PublicPage = { path: string; h1: string | RegExp; content: Check; status?: number };

const main = (page: Page) => page.getByRole('main');

/** The 404, wherever it comes from: the site's header, the text, a search box. */
const notFound =
  (locale: 'en' | 'es'): Check =>
  async (page) => {
    const es = locale === 'es';
    await expect(page.getByRole('banner').getByRole('link', { name: es ? 'Hágase socio' : 'Join' })).toBeVisible();
    await expect(main(page).getByText(es ? 'No encontramos esa página.' : 'We could not find that page.')).toBeVisible();
    const search = main(page).getByRole('search');
    await expect(search.getByRole('searchbox', { name: es ? 'Buscar publicaciones' : 'Search publications' })).toBeVisible();
    await expect(search.getByRole('button', { name: es ? 'Buscar' : 'Search' })).toBeVisible();
  };

const pages: Record<'en' | 'es', PublicPage[]> = {
  en: [
    {
      path: '/',
      h1: 'Peru Support Group',
      content: async (page) => {
        await expect(main(page).getByRole('heading', { level: 2, name: 'Latest publications' })).toBeVisible();
        await expect(main(page).getByRole('article')).toHaveCount(4);
      },
    },
    {
      path: '/publications',
      h1: 'Publications',
      content: async (page) => {
        await expect(page.locator('#results-heading')).toHaveText(/^\d+ publications$/);
        expect(await main(page).getByRole('article').count()).toBeGreaterThanOrEqual(8);
        await expect(main(page).getByRole('link', { name: 'Torture at the Rio Blanco Mine' }).first()).toBeVisible();
      },
    },
    {
      path: '/publications?type=briefing',
      h1: 'Publications',
      content: async (page) => {
        await expect(main(page).getByRole('link', { name: 'Remove filter Type: Briefing' })).toBeVisible();
        await expect(main(page).getByRole('link', { name: 'Update Extra: Artisanal and Small-Scale Gold Mining in Peru' })).toBeVisible();
      },
    },
    {
      path: '/publications?q=mineria',
      h1: 'Publications',
      content: async (page) => {
        await expect(page.locator('#results-heading')).toHaveText(/publications? for “mineria”/);
        await expect(main(page).getByRole('link', { name: 'Update Extra: Artisanal and Small-Scale Gold Mining in Peru' })).toBeVisible();
      },
    },
    {
      path: '/publications/artisanal-small-scale-gold-mining-peru',
      h1: 'Update Extra: Artisanal and Small-Scale Gold Mining in Peru',
      content: async (page) => {
        await expect(main(page).getByText('March 2012')).toBeVisible();
        await expect(main(page).getByRole('link', { name: 'Read the English version' })).toBeVisible();
        await expect(main(page).getByRole('link', { name: 'Download Spanish version' })).toBeVisible();
      },
    },
    {
      path: '/about/aims',
      h1: 'Our aims',
      content: async (page) => expect(main(page).getByRole('heading', { level: 2, name: 'Our purpose' })).toBeVisible(),
    },
    {
      path: '/about/history',
      h1: 'Historical overview',
      content: async (page) => expect(main(page).getByRole('heading', { level: 2, name: 'A turbulent century' })).toBeVisible(),
    },
    {
      path: '/about/human-rights',
      h1: 'Human rights',
      content: async (page) => expect(main(page).getByRole('heading', { level: 2, name: 'Violations during the conflict' })).toBeVisible(),
    },
    {
      path: '/join',
      h1: 'Why join the PSG?',
      content: async (page) => {
        await expect(main(page).getByRole('heading', { level: 2, name: 'Membership tiers' })).toBeVisible();
        await expect(main(page).getByText('£30 a year')).toBeVisible();
      },
    },
    {
      path: '/donate',
      h1: 'Donate',
      content: async (page) => {
        await expect(main(page).getByRole('radio', { name: '£25' })).toBeVisible();
        await expect(main(page).getByRole('textbox', { name: 'Email address' })).toBeVisible();
        await expect(main(page).getByRole('button', { name: 'Continue to payment' })).toBeVisible();
      },
    },
    {
      path: '/signin',
      h1: 'Sign in',
      content: async (page) => {
        await expect(main(page).getByRole('textbox', { name: 'Email address' })).toBeVisible();
        await expect(main(page).getByRole('button', { name: 'Email me a sign-in link' })).toBeVisible();
      },
    },
    { path: '/no-such-page', h1: 'Page not found', status: 404, content: notFound('en') },
    { path: '/publications/no-such-report', h1: 'Page not found', status: 404, content: notFound('en') },
    { path: '/about/no-such-page', h1: 'Page not found', status: 404, content: notFound('en') },
  ],
  es: [
    {
      path: '/es',
      h1: 'Peru Support Group',
      content: async (page) => {
        await expect(main(page).getByRole('heading', { level: 2, name: 'Publicaciones recientes' })).toBeVisible();
        await expect(main(page).getByRole('article')).toHaveCount(4);
      },
    },
    {
      path: '/es/publications',
      h1: 'Publicaciones',
      content: async (page) => {
        await expect(page.locator('#results-heading')).toHaveText(/^\d+ publicaciones$/);
        expect(await main(page).getByRole('article').count()).toBeGreaterThanOrEqual(8);
      },
    },
    {
      path: '/es/publications?type=briefing',
      h1: 'Publicaciones',
      content: async (page) => {
        await expect(main(page).getByRole('link', { name: 'Quitar el filtro Tipo: Boletín informativo' })).toBeVisible();
        await expect(
          main(page).getByRole('link', { name: 'Update Extra: Minería aurífera artesanal y de pequeña escala en el Perú' }),
        ).toBeVisible();
      },
    },
    {
      path: '/es/publications?q=mineria',
      h1: 'Publicaciones',
      content: async (page) => {
        await expect(page.locator('#results-heading')).toHaveText(/publicaci(ón|ones) para «mineria»/);
        await expect(
          main(page).getByRole('link', { name: 'Update Extra: Minería aurífera artesanal y de pequeña escala en el Perú' }),
        ).toBeVisible();
      },
    },
    {
      path: '/es/publications/artisanal-small-scale-gold-mining-peru',
      h1: 'Update Extra: Minería aurífera artesanal y de pequeña escala en el Perú',
      content: async (page) => {
        await expect(main(page).getByText('marzo de 2012')).toBeVisible();
        await expect(main(page).getByRole('link', { name: 'Leer la versión en español' })).toBeVisible();
        await expect(main(page).getByRole('link', { name: 'Descargar versión en inglés' })).toBeVisible();
      },
    },
    {
      path: '/es/about/aims',
      h1: 'Nuestros objetivos',
      content: async (page) => expect(main(page).getByRole('heading', { level: 2, name: 'Nuestra razón de ser' })).toBeVisible(),
    },
    {
      path: '/es/about/history',
      h1: 'Panorama histórico',
      content: async (page) => expect(main(page).getByRole('heading', { level: 2, name: 'Un siglo convulso' })).toBeVisible(),
    },
    {
      path: '/es/about/human-rights',
      h1: 'Derechos humanos',
      content: async (page) =>
        expect(main(page).getByRole('heading', { level: 2, name: 'Violaciones durante el conflicto' })).toBeVisible(),
    },
    {
      path: '/es/join',
      h1: '¿Por qué unirse al PSG?',
      content: async (page) => {
        await expect(main(page).getByRole('heading', { level: 2, name: 'Cuotas de socio' })).toBeVisible();
        await expect(main(page).getByText('30 £ al año')).toBeVisible();
      },
    },
    {
      path: '/es/donate',
      h1: 'Donar',
      content: async (page) => {
        await expect(main(page).getByRole('textbox', { name: 'Correo electrónico' })).toBeVisible();
        await expect(main(page).getByRole('button', { name: 'Continuar al pago' })).toBeVisible();
      },
    },
    {
      path: '/es/signin',
      h1: 'Iniciar sesión',
      content: async (page) => {
        await expect(main(page).getByRole('textbox', { name: 'Correo electrónico' })).toBeVisible();
        await expect(main(page).getByRole('button', { name: 'Enviarme un enlace de acceso' })).toBeVisible();
      },
    },
    { path: '/es/no-such-page', h1: 'Página no encontrada', status: 404, content: notFound('es') },
    { path: '/es/publications/no-such-report', h1: 'Página no encontrada', status: 404, content: notFound('es') },
    { path: '/es/about/no-such-page', h1: 'Página no encontrada', status: 404, content: notFound('es') },
  ],
};

async function expectPage(page: Page, locale: 'en' | 'es', p: PublicPage) {
  const response = await page.goto(p.path);
  expect(response?.status(), p.path).toBe(p.status ?? 200);
  await expect(page.locator('html')).toHaveAttribute('lang', locale);
  await expect(page.locator('html#__next_error__')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(p.h1);
  await expect(page.getByRole('navigation', { name: locale === 'es' ? 'Principal' : 'Main' }).first()).toBeAttached();
  await p.content(page);
}

for (const locale of ['en', 'es'] as const) {
  for (const p of pages[locale]) {
    test(`[no JS] ${p.path} is there without scripts`, async ({ page }) => {
      await expectPage(page, locale, p);
    });
  }

  test(`[no JS, ${locale}] /join/<tier>: signed out it asks to sign in; signed in it shows the form`, async ({ browser }) => {
    const es = locale === 'es';
    const prefix = es ? '/es' : '';
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${prefix}/join/individual`);
    await expect(page).toHaveURL(new RegExp(`${prefix}/signin\\?callbackUrl=`));
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText(es ? 'Iniciar sesión' : 'Sign in');

    // Someone whose membership ended: the join form, not a redirect to the account.
    await context.addCookies([(await personaCookie('lapsed')).cookie]);
    await expectPage(page, locale, {
      path: `${prefix}/join/individual`,
      h1: es ? 'Hacerse socio: Individual' : 'Join as Individual',
      content: async () => {
        // Filled in from the account.
        await expect(main(page).getByRole('textbox', { name: es ? 'Nombre completo' : 'Full name' })).toHaveValue('lapsed tester');
        await expect(main(page).getByRole('button', { name: es ? 'Continuar al pago' : 'Continue to payment' })).toBeVisible();
      },
    });
    await context.close();
  });
}

test.describe('filters and topics are links', () => {
  test('[no JS] each filter in force is shown and removed by its own link, in both languages', async ({ page }) => {
    await page.goto('/es/publications?q=agua&year=2008');
    const search = main(page).getByRole('link', { name: 'Quitar el filtro Búsqueda: «agua»' });
    const year = main(page).getByRole('link', { name: 'Quitar el filtro Año: 2008' });
    await expect(search).toBeVisible();
    await expect(year).toBeVisible();
    await expect(main(page).getByText('Filtrado por:')).toBeVisible();
    await year.click();
    await expect(page).toHaveURL(/\/es\/publications\?q=agua$/);
    await expect(page.getByLabel('Año')).toHaveValue('');
    await expect(main(page).getByRole('link', { name: 'Quitar el filtro Año: 2008' })).toHaveCount(0);
    await main(page).getByRole('link', { name: 'Quitar el filtro Búsqueda: «agua»' }).click();
    await expect(page).toHaveURL(/\/es\/publications$/);
    await expect(main(page).getByText('Filtrado por:')).toHaveCount(0);

    await page.goto('/publications?type=briefing&lang=es&q=mining');
    await expect(main(page).getByRole('link', { name: /^Remove filter / })).toHaveCount(3);
    await main(page).getByRole('link', { name: 'Remove filter File language: Spanish' }).click();
    await expect(page).toHaveURL(/\/publications\?q=mining&type=briefing$/);
    await main(page).getByRole('link', { name: 'Clear all' }).click();
    await expect(page).toHaveURL(/\/publications$/);
    await expect(page.locator('#results-heading')).toHaveText(/^\d+ publications$/);
  });

  test('[no JS] a topic on a result card opens the library filtered by that topic', async ({ page }) => {
    for (const [path, topic, chip] of [
      ['/publications', 'Human rights', 'Remove filter Topic: Human rights'],
      ['/es/publications', 'Derechos humanos', 'Quitar el filtro Tema: Derechos humanos'],
    ] as const) {
      await page.goto(path);
      const card = main(page)
        .getByRole('article')
        .filter({ has: page.getByRole('link', { name: topic, exact: true }) })
        .first();
      await card.getByRole('link', { name: topic, exact: true }).click();
      await expect(page).toHaveURL(/\?topic=human-rights$/);
      await expect(main(page).getByRole('link', { name: chip })).toBeVisible();
      // Every card listed now carries that topic.
      const cards = main(page).getByRole('article');
      expect(await cards.count()).toBeGreaterThan(0);
      for (const each of await cards.all()) await expect(each.getByRole('link', { name: topic, exact: true })).toBeVisible();
    }
  });

  test('[no JS] on a phone the sections are behind a Menu that opens without scripts', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 900 });
    await page.goto('/es/publications');
    const banner = page.getByRole('banner');
    await expect(banner.getByRole('link', { name: 'Historia' })).toHaveCount(0);
    await banner.getByText('Menú', { exact: true }).click();
    await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Historia' }).click();
    await expect(page).toHaveURL(/\/es\/about\/history$/);
    await expect(main(page).getByRole('heading', { level: 1 })).toHaveText('Panorama histórico');
  });
});
