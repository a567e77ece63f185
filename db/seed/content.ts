// Demo seed content for the Peru Support Group website.
// Plain data module: no imports, no runtime dependencies.
// Titles, dates, types and topics follow the PSG's published resources list;
// summaries and page bodies are written afresh for the new site.
// Apostrophes are straight (') throughout.

export type Locale = 'en' | 'es';
export type PublicationType = 'report' | 'case_study' | 'briefing' | 'submission' | 'event_report';
export type SeedTopic = { slug: string; en: string; es: string };
export type SeedPublication = {
  slug: string; // kebab-case, ASCII, unique
  type: PublicationType; // 'Update Extra' items are 'briefing'
  publishedOn: string; // ISO date 'YYYY-MM-DD'; day 01 when only the month is known
  datePrecision: 'day' | 'month' | 'year';
  partner: string | null;
  featured: boolean; // true for the two newest
  topics: string[]; // slugs from TOPICS
  en: { title: string; summary: string };
  es?: { title: string; summary: string }; // omitted for exactly two publications (English fallback demo)
  fileLocales: Locale[];
};
export type SeedPage = {
  slug: 'aims' | 'history' | 'human-rights' | 'why-join';
  en: { title: string; body: string };
  es: { title: string; body: string };
};
export type SeedTier = {
  slug: 'individual' | 'concession' | 'organisation';
  annualPricePence: number;
  sortOrder: number;
  en: { name: string; description: string };
  es: { name: string; description: string };
};

// ---------------------------------------------------------------------------
// Topics
// ---------------------------------------------------------------------------

export const TOPICS: SeedTopic[] = [
  { slug: 'human-rights', en: 'Human rights', es: 'Derechos humanos' },
  { slug: 'extractive-industries', en: 'Mining and extractive industries', es: 'Minería e industrias extractivas' },
  { slug: 'indigenous-peoples', en: 'Indigenous peoples and consent', es: 'Pueblos indígenas y consulta previa' },
  { slug: 'gender', en: 'Gender', es: 'Género' },
  { slug: 'water', en: 'Water', es: 'Agua' },
  { slug: 'transitional-justice', en: 'Truth and transitional justice', es: 'Verdad y justicia transicional' },
  { slug: 'artisanal-mining', en: 'Artisanal and small-scale mining', es: 'Minería artesanal y de pequeña escala' },
  { slug: 'civil-society', en: 'Civil society', es: 'Sociedad civil' },
  { slug: 'social-protest', en: 'Social protest', es: 'Protesta social' },
];

// ---------------------------------------------------------------------------
// Publications (newest first)
// ---------------------------------------------------------------------------

export const PUBLICATIONS: SeedPublication[] = [
  {
    slug: 'upr-submission-human-rights-concerns-2017',
    type: 'submission',
    publishedOn: '2017-11-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: true,
    topics: ['human-rights', 'social-protest', 'extractive-industries', 'indigenous-peoples', 'gender'],
    en: {
      title: 'Human Rights Concerns in Peru: Peru Support Group Submission to the UN Universal Periodic Review',
      summary: `In November 2017 Peru's human rights record was examined at the UN Universal Periodic Review, a process in which states assess one another and civil society groups may contribute their own evidence. The PSG's submission set out what it saw as the most urgent issues: the criminalisation of protesters and human rights defenders in disputes over mining and other extractive projects, weak protection of Indigenous peoples' free, prior and informed consent, and poor access to effective remedy. It also covered the barriers women still face in obtaining justice for forced sterilisations, and ended with recommendations to the Peruvian state.`,
    },
    es: {
      title:
        'Preocupaciones sobre los derechos humanos en el Perú: contribución del Peru Support Group al Examen Periódico Universal de la ONU',
      summary: `En noviembre de 2017, la situación de los derechos humanos en el Perú fue examinada en el Examen Periódico Universal de la ONU, un mecanismo en el que los Estados se evalúan entre sí y la sociedad civil puede aportar información. El PSG destacó la criminalización de manifestantes y defensores de derechos humanos en conflictos ligados a la minería y otras actividades extractivas, las carencias en la consulta previa y el consentimiento de los pueblos indígenas, y las dificultades para obtener una reparación efectiva. También abordó los obstáculos que enfrentan las mujeres víctimas de esterilizaciones forzadas y formuló recomendaciones al Estado peruano.`,
    },
    fileLocales: ['en'],
  },
  {
    slug: 'eiti-global-meeting-lima-2016',
    type: 'event_report',
    publishedOn: '2016-02-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: true,
    topics: ['extractive-industries', 'civil-society', 'indigenous-peoples'],
    en: {
      title: 'EITI Global Meeting in Lima, February 2016',
      summary: `The Extractive Industries Transparency Initiative brought its global conference to Lima over two days, 24–25 February 2016, and the PSG took part. This report explains what the EITI is and why it matters for a mining country such as Peru. It also covers two side events: one organised by Oxfam on free, prior and informed consent for extractive projects, and one chaired for the PSG by Professor Anthony Bebbington on the narrowing room for civil society to operate. The participation of civil society proved contentious, and some groups left the conference in protest.`,
    },
    es: {
      title: 'Reunión mundial del EITI en Lima, febrero de 2016',
      summary: `La Iniciativa para la Transparencia de las Industrias Extractivas (EITI) celebró su conferencia mundial en Lima los días 24 y 25 de febrero de 2016, con la participación del PSG. Este informe explica qué es el EITI y su importancia para un país con una minería tan relevante como el Perú. Recoge además dos eventos paralelos: uno de Oxfam sobre el consentimiento libre, previo e informado en los proyectos extractivos y otro, presidido por el profesor Anthony Bebbington en nombre del PSG, sobre el cierre de espacios para la sociedad civil. La participación de la sociedad civil generó tensiones y algunas organizaciones abandonaron la conferencia en señal de protesta.`,
    },
    fileLocales: ['en'],
  },
  {
    slug: 'rio-blanco-torture-case-study',
    type: 'case_study',
    publishedOn: '2013-06-01',
    datePrecision: 'month',
    partner: "King's College London",
    featured: false,
    topics: ['human-rights', 'extractive-industries', 'social-protest'],
    en: {
      title: 'Torture at the Rio Blanco Mine: Academic Case Study',
      summary: `Published by King's College London together with other universities, this PSG case study follows the conflict around the Río Blanco mining project in Piura from 2003 onwards, including serious human rights violations against local people. It relies mainly on primary sources such as court records, diplomatic cables, photographs, video footage and the testimony of victims, and traces the long search for justice that followed. The study helps to explain why opposition to the project remains strong in Piura and why the risk of renewed conflict has not gone away.`,
    },
    es: {
      title: 'Tortura en la mina Río Blanco: estudio de caso académico',
      summary: `Publicado por el King's College London junto con otras universidades, este estudio de caso del PSG reconstruye el conflicto en torno al proyecto minero Río Blanco, en Piura, desde 2003, incluidas graves violaciones de derechos humanos contra la población local. Se apoya sobre todo en fuentes primarias, como expedientes judiciales, cables diplomáticos, fotografías, videos y testimonios de las víctimas, y sigue la larga búsqueda de justicia posterior. El estudio ayuda a entender por qué la oposición al proyecto sigue viva en Piura y por qué persiste el riesgo de nuevos conflictos ligados a la minería en la región.`,
    },
    fileLocales: ['en'],
  },
  {
    slug: 'artisanal-small-scale-gold-mining-peru',
    type: 'briefing',
    publishedOn: '2012-03-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: false,
    topics: ['artisanal-mining', 'extractive-industries'],
    en: {
      title: 'Update Extra: Artisanal and Small-Scale Gold Mining in Peru',
      summary: `Artisanal and small-scale gold mining is frequently blamed for a wide range of problems in Peru. This briefing, published in both English and Spanish, asks how far that blame is deserved. It argues that much earlier analysis has run together two separate questions: the scale of a mining operation, from artisanal to large, and its legal status, whether illegal, informal or formal. Treating these as distinct gives a clearer and more accurate picture of what artisanal and small-scale mining really involves.`,
    },
    es: {
      title: 'Update Extra: Minería aurífera artesanal y de pequeña escala en el Perú',
      summary: `A la minería aurífera artesanal y de pequeña escala se le atribuyen con frecuencia numerosos problemas en el Perú. Este informe, disponible en inglés y en español, analiza hasta qué punto esa atribución está justificada. Sostiene que buena parte de los análisis previos han confundido dos cuestiones distintas: el tamaño de la operación minera, desde la artesanal hasta la gran minería, y su situación legal, ya sea ilegal, informal o formal. Distinguir ambas dimensiones permite comprender mejor en qué consiste realmente esta actividad.`,
    },
    fileLocales: ['en', 'es'],
  },
  {
    slug: 'gender-relations-women-peru',
    type: 'briefing',
    publishedOn: '2009-04-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: false,
    topics: ['gender'],
    en: {
      title: 'Update Extra: Gender Relations and Women in Peru',
      summary: `Produced to mark International Women's Day 2009, this edition of Update Extra offers an overview of gender relations and the situation of women in Peru at the time. It draws together the main themes in a short and accessible format, giving readers a starting point for understanding the challenges faced by Peruvian women and the questions that were shaping the debate on gender equality in the country.`,
    },
    // No Spanish version: demonstrates the English fallback.
    fileLocales: ['en'],
  },
  {
    slug: 'truth-reconciliation-commission-five-years',
    type: 'briefing',
    publishedOn: '2009-02-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: false,
    topics: ['transitional-justice', 'human-rights'],
    en: {
      title: 'Update Extra: Truth and Reconciliation Commission, Five Year Anniversary',
      summary: `Five years after Peru's Truth and Reconciliation Commission delivered its final report on the internal armed conflict of 1980 to 2000, the PSG reviewed what had become of its findings and recommendations. The evaluation observes that strong economic growth at the national level had not ended the exclusion of large parts of the population. Although the actors had changed, the underlying political landscape remained much the same, and the briefing urges the international community to keep this in view.`,
    },
    es: {
      title: 'Update Extra: Comisión de la Verdad y Reconciliación, quinto aniversario',
      summary: `Cinco años después de que la Comisión de la Verdad y Reconciliación entregara su informe final sobre el conflicto armado interno que vivió el Perú entre 1980 y 2000, el PSG evaluó qué había sido de sus conclusiones y recomendaciones. El análisis señala que el dinamismo de la economía a escala nacional no había puesto fin a la exclusión de amplios sectores de la población. Aunque los actores eran otros, el panorama político seguía siendo básicamente el mismo, y el documento invita a la comunidad internacional a no perderlo de vista.`,
    },
    fileLocales: ['en'],
  },
  {
    slug: 'great-water-debate-peru',
    type: 'briefing',
    publishedOn: '2008-06-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: false,
    topics: ['water'],
    en: {
      title: 'Update Extra: The Great Water Debate: Cause and Effect in Peru',
      summary: `Peru is widely regarded as one of the South American countries most exposed to serious water shortages. This edition of Update Extra looks at the difficulties of providing water in that context, setting out the causes behind the problem and the effects it has on people in different parts of the country. Its aim is to bring these challenges to the attention of a wider audience and to inform discussion of how water is managed in Peru.`,
    },
    // No Spanish version: demonstrates the English fallback.
    fileLocales: ['en'],
  },
  {
    slug: 'mining-development-peru-rio-blanco-piura',
    type: 'report',
    publishedOn: '2007-07-01',
    datePrecision: 'month',
    partner: 'Peru Support Group',
    featured: false,
    topics: ['extractive-industries'],
    en: {
      title: 'Mining and Development in Peru with Special Reference to the Río Blanco Project, Piura',
      summary: `An independent delegation, organised and coordinated by the PSG, examined the links between mining and development in Peru through a single case in the northern highlands of Piura: the Río Blanco project. Its developer, Minera Majaz, was owned outright by the British mining firm Monterrico Metals. Building on the delegation's findings, the report considers the wider questions the case raises about how mining investment affects local communities and their prospects for development.`,
    },
    es: {
      title: 'Minería y desarrollo en el Perú, con especial referencia al proyecto Río Blanco, Piura',
      summary: `Una delegación independiente, organizada y coordinada por el PSG, estudió la relación entre minería y desarrollo en el Perú a partir de un caso concreto en la sierra norte de Piura: el proyecto Río Blanco. La iniciativa estaba a cargo de Minera Majaz, filial al cien por cien de la empresa británica Monterrico Metals. Sobre la base de las conclusiones de la delegación, el informe plantea preguntas más amplias sobre el efecto de la inversión minera en las comunidades locales y en sus perspectivas de desarrollo.`,
    },
    fileLocales: ['en'],
  },
];

// ---------------------------------------------------------------------------
// Pages (Markdown bodies; the page title is rendered separately)
// ---------------------------------------------------------------------------

export const PAGES: SeedPage[] = [
  {
    slug: 'aims',
    en: {
      title: 'Our aims',
      body: `## Our purpose

The Peru Support Group works for social inclusion, sustainable development and respect for human rights in Peru. We are a UK charity that brings together people and organisations who care about the country and its people.

## What we do

We draw attention to situations where international or national standards are not being met. We do this through:

- research into the issues that affect communities in Peru
- advocacy with decision-makers in the UK, in Peru and internationally
- publications, briefings and submissions to bodies such as the United Nations

## How we approach the issues

Our work looks closely at how Peru's political system operates, how its institutions perform in practice and whether policies intended to reduce poverty and inequality actually achieve their goals.

We see these questions as inseparable from sustainable development. Progress that lasts must also be fair, and it must respect the rights of the people most affected by it.

## Who we work with

We work alongside partners in Peru, including human rights organisations, community groups and researchers, as well as universities and civil society organisations in the UK. Their knowledge shapes our priorities, and we aim to make sure their concerns reach a wider audience.`,
    },
    es: {
      title: 'Nuestros objetivos',
      body: `## Nuestra razón de ser

El Peru Support Group trabaja por la inclusión social, el desarrollo sostenible y el respeto de los derechos humanos en el Perú. Somos una organización benéfica del Reino Unido que reúne a personas y organizaciones comprometidas con el país y su gente.

## Qué hacemos

Llamamos la atención sobre las situaciones en las que no se cumplen las normas internacionales o nacionales. Para ello recurrimos a:

- la investigación de los problemas que afectan a las comunidades del Perú
- la incidencia ante responsables políticos del Reino Unido, del Perú y del ámbito internacional
- publicaciones, informes y contribuciones a organismos como las Naciones Unidas

## Nuestro enfoque

Analizamos con atención cómo funciona el sistema político peruano, cómo se desempeñan sus instituciones en la práctica y si las políticas destinadas a reducir la pobreza y la desigualdad cumplen realmente sus objetivos.

Entendemos que estas cuestiones son inseparables del desarrollo sostenible. Un progreso duradero tiene que ser también justo y respetar los derechos de las personas más afectadas.

## Con quién trabajamos

Colaboramos con socios en el Perú, entre ellos organizaciones de derechos humanos, grupos comunitarios e investigadores, así como con universidades y organizaciones de la sociedad civil del Reino Unido. Su conocimiento orienta nuestras prioridades, y procuramos que sus preocupaciones lleguen a un público más amplio.`,
    },
  },
  {
    slug: 'history',
    en: {
      title: 'Historical overview',
      body: `## A turbulent century

For much of the twentieth century Peru was ruled by a succession of autocratic governments, both civilian and military. Periods of elected government were repeatedly cut short, and power stayed concentrated in a small elite while much of the rural and Indigenous population remained on the margins of political life.

## Internal armed conflict, 1980–2000

In 1980, the year Peru returned to civilian rule, the armed group Shining Path (Sendero Luminoso) launched an insurgency. Over the next two decades, violence by insurgent groups and by state forces cost the lives of around 70,000 people.

The burden fell most heavily on poor, rural, Quechua-speaking communities, above all in the Andean region of Ayacucho. The conflict came to an end in 2000 amid the collapse of the government of Alberto Fujimori, which had itself become increasingly authoritarian.

## The Truth and Reconciliation Commission

In 2001 the transitional government set up a Truth and Reconciliation Commission to investigate the violence. Its final report, published in 2003:

- documented abuses committed by all sides in the conflict
- estimated the number of people killed and disappeared
- made recommendations on justice, reparations and institutional reform

## A lasting legacy

Many of the political and social problems Peru faces today have their roots in this history. Deep inequality, distrust of public institutions and unresolved demands for justice continue to shape national life, and the Commission's recommendations have only partly been put into practice.`,
    },
    es: {
      title: 'Panorama histórico',
      body: `## Un siglo convulso

Durante buena parte del siglo XX, el Perú estuvo gobernado por una sucesión de regímenes autoritarios, tanto civiles como militares. Los periodos de gobierno electo se vieron interrumpidos una y otra vez, y el poder permaneció concentrado en una pequeña élite, mientras gran parte de la población rural e indígena quedaba al margen de la vida política.

## El conflicto armado interno (1980–2000)

En 1980, el mismo año en que el país volvió a un gobierno civil, el grupo armado Sendero Luminoso inició una insurrección. En las dos décadas siguientes, la violencia de los grupos subversivos y de las fuerzas del Estado causó la muerte de unas 70 000 personas.

Las comunidades rurales, pobres y quechuahablantes fueron las más golpeadas, sobre todo en la región andina de Ayacucho. El conflicto terminó en 2000, en medio del derrumbe del gobierno de Alberto Fujimori, que se había vuelto cada vez más autoritario.

## La Comisión de la Verdad y Reconciliación

En 2001, el gobierno de transición creó la Comisión de la Verdad y Reconciliación para investigar la violencia. Su informe final, publicado en 2003:

- documentó los abusos cometidos por todas las partes del conflicto
- estimó el número de personas asesinadas y desaparecidas
- formuló recomendaciones sobre justicia, reparaciones y reformas institucionales

## Un legado que perdura

Muchos de los problemas políticos y sociales que enfrenta hoy el Perú tienen su origen en esta historia. La profunda desigualdad, la desconfianza en las instituciones públicas y las demandas de justicia aún pendientes siguen marcando la vida nacional, y las recomendaciones de la Comisión solo se han aplicado en parte.`,
    },
  },
  {
    slug: 'human-rights',
    en: {
      title: 'Human rights',
      body: `## Violations during the conflict

Between 1980 and 2000 serious human rights violations were widespread in Peru. Killings, enforced disappearances, torture and sexual violence were committed both by armed groups and by the state's security forces. Most victims came from poor rural communities.

## Slow progress on justice

Since the conflict ended, efforts to bring those responsible to trial have achieved only limited results. A few high-profile convictions stand alongside many cases that have stalled for years. Many families are still searching for the remains of relatives who disappeared, and reparations have reached victims unevenly.

## Social protest and investment projects

Today a central concern is how the state responds to social protest, especially where communities oppose large mining, oil or infrastructure projects regarded as strategically important. Issues include:

- excessive use of force by the police during protests
- criminal charges and judicial harassment against protesters and human rights defenders
- states of emergency that restrict basic freedoms in affected areas

## Forced sterilisations

In the late 1990s thousands of women, most of them poor, rural and Indigenous, were sterilised under a public health programme without their free and informed consent. Survivors are still seeking justice and reparation, and continue to face serious obstacles.

## Free, prior and informed consent

Indigenous peoples have the right to be consulted, and to give or withhold their free, prior and informed consent, on decisions that affect their lands and ways of life. Peru has adopted a law on prior consultation, but it is applied narrowly and many communities feel that their views are not taken into account.`,
    },
    es: {
      title: 'Derechos humanos',
      body: `## Violaciones durante el conflicto

Entre 1980 y 2000 se cometieron en el Perú graves violaciones de derechos humanos de forma generalizada. Tanto los grupos armados como las fuerzas de seguridad del Estado fueron responsables de asesinatos, desapariciones forzadas, torturas y violencia sexual. La mayoría de las víctimas procedía de comunidades rurales pobres.

## Avances lentos en materia de justicia

Desde el fin del conflicto, los esfuerzos por juzgar a los responsables han dado resultados limitados. Junto a algunas condenas de gran repercusión, muchos casos llevan años paralizados. Numerosas familias siguen buscando los restos de sus seres queridos desaparecidos, y las reparaciones han llegado a las víctimas de forma desigual.

## Protesta social y proyectos de inversión

Hoy una de las principales preocupaciones es la respuesta del Estado a la protesta social, sobre todo cuando las comunidades se oponen a grandes proyectos de minería, hidrocarburos o infraestructura considerados estratégicos. Entre los motivos de inquietud figuran:

- el uso excesivo de la fuerza por parte de la policía durante las protestas
- las denuncias penales y el hostigamiento judicial contra manifestantes y defensores de derechos humanos
- los estados de emergencia que restringen libertades básicas en las zonas afectadas

## Esterilizaciones forzadas

A finales de la década de 1990, miles de mujeres, en su mayoría pobres, rurales e indígenas, fueron esterilizadas en el marco de un programa de salud pública sin su consentimiento libre e informado. Las sobrevivientes siguen reclamando justicia y reparación, y todavía enfrentan graves obstáculos.

## Consentimiento libre, previo e informado

Los pueblos indígenas tienen derecho a la consulta previa y a otorgar o negar su consentimiento libre, previo e informado sobre las decisiones que afectan a sus tierras y formas de vida. El Perú aprobó una ley de consulta previa, pero se aplica de manera restrictiva y muchas comunidades sienten que sus opiniones no se tienen en cuenta.`,
    },
  },
  {
    slug: 'why-join',
    en: {
      title: 'Why join the PSG?',
      body: `## Stay informed

Peru rarely makes the headlines in the UK, yet what happens there matters, both to the people of Peru and to the many British companies, investors and institutions with links to the country. As a member of the Peru Support Group you can keep up to date with the latest news and developments from Peru.

## Understand the issues

Membership is a way to learn more about the questions at the heart of our work:

- poverty and inequality
- development, including the impact of mining and other extractive industries
- human rights, from justice for past violations to the rights of Indigenous peoples today

## Support our work

Membership subscriptions help to fund the research, advocacy and publications through which the PSG draws attention to human rights and development concerns in Peru.

Members also give our work weight when we speak to decision-makers. The wider our membership, the stronger our voice.

## What members receive

- our newsletter, with news and analysis from Peru
- access to the archive of past newsletters

## Become a member

Individuals, students and people without paid work, and organisations can all join. Choose the type of membership that suits you best.`,
    },
    es: {
      title: '¿Por qué unirse al PSG?',
      body: `## Manténgase informado

El Perú rara vez ocupa titulares en el Reino Unido. Sin embargo, lo que ocurre allí importa, tanto a su población como a las numerosas empresas, inversores e instituciones británicas vinculadas al país. Como miembro del Peru Support Group, podrá seguir de cerca las últimas noticias y novedades del Perú.

## Conozca los temas clave

Ser miembro es una forma de profundizar en las cuestiones que están en el centro de nuestro trabajo:

- la pobreza y la desigualdad
- el desarrollo, incluido el impacto de la minería y otras industrias extractivas
- los derechos humanos, desde la justicia por las violaciones del pasado hasta los derechos actuales de los pueblos indígenas

## Apoye nuestro trabajo

Las cuotas de los miembros ayudan a financiar la investigación, la incidencia y las publicaciones con las que el PSG llama la atención sobre los problemas de derechos humanos y desarrollo en el Perú.

Además, los miembros dan peso a nuestro trabajo cuando nos dirigimos a los responsables políticos. Cuantos más seamos, más fuerte será nuestra voz.

## Qué reciben los miembros

- nuestro boletín, con noticias y análisis sobre el Perú
- acceso al archivo de boletines anteriores

## Hágase miembro

Pueden unirse particulares, estudiantes, personas sin empleo remunerado y organizaciones. Elija la modalidad de membresía que mejor se adapte a usted.`,
    },
  },
];

// ---------------------------------------------------------------------------
// Membership tiers
// ---------------------------------------------------------------------------

export const TIERS: SeedTier[] = [
  {
    slug: 'individual',
    annualPricePence: 3000,
    sortOrder: 1,
    en: {
      name: 'Individual',
      description: "Standard annual membership for individuals who want to follow and support the PSG's work on Peru.",
    },
    es: {
      name: 'Individual',
      description: 'Membresía anual estándar para particulares que desean seguir y apoyar el trabajo del PSG sobre el Perú.',
    },
  },
  {
    slug: 'concession',
    annualPricePence: 1500,
    sortOrder: 2,
    en: {
      name: 'Concession',
      description: 'Reduced-rate annual membership for students and people who are not in paid work.',
    },
    es: {
      name: 'Tarifa reducida',
      description: 'Membresía anual con tarifa reducida para estudiantes y personas sin empleo remunerado.',
    },
  },
  {
    slug: 'organisation',
    annualPricePence: 7500,
    sortOrder: 3,
    en: {
      name: 'Organisation',
      description: 'Annual membership for charities, NGOs, universities and other organisations that share our concern for Peru.',
    },
    es: {
      name: 'Organización',
      description:
        'Membresía anual para organizaciones benéficas, ONG, universidades y otras entidades que comparten nuestro interés por el Perú.',
    },
  },
];
