/**
 * Loads the demo data into a running registry through its GraphQL mutations, each with an idempotency key
 * (so a second run appends nothing): the Yemen BL-755 case of 2016 as the seed tells it, then a generated
 * world of incidents in situations, with sources, corroborations, investigations and statements (about incidents,
 * situations, alleged users and any use), and a resolution's votes.
 */
import { SITUATIONS } from './demo-catalogue';
import { type Ask, client, KEY, M, pool, type Send } from './demo-client';
import { loadScopedStatements } from './demo-scopes-loader';
import { DEMO_SOURCES, planDemo, type PlannedIncident } from './demo-world';

export interface DemoOptions {
  url: string;
  token: string;
  incidents?: number;
  concurrency?: number;
  log?: (line: string) => void;
}
export interface DemoSummary {
  sources: number;
  incidents: number;
  corroborations: number;
  investigations: number;
  statements: number;
  situations: number;
  yemenIncidentId: string;
  yemenSituationId: string;
}

/** The seed's case, as test/yemen-bl755.e2e-spec.ts logs it: alleged 23 May, confirmed 25 May 2016. */
async function yemenCase(send: Send, source: Record<string, string>, situationId: string): Promise<string> {
  const id = await send(M.allege, {
    idempotencyKey: `${KEY}-yemen-bl755`,
    situationId,
    occurredFrom: '2015-05-01',
    occurredTo: '2016-01-06',
    location: {
      countryCode: 'YEM',
      placeName: 'Hajjah governorate',
      latitude: 15.69,
      longitude: 43.6,
      precisionMeters: 20000,
    },
    munition: { type: 'BL-755', delivery: 'AIR_DROPPED' },
    allegedUser: { kind: 'COALITION', stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' },
    casualties: { killed: 0, injured: 2 },
    summary: 'UK-made BL-755 cluster bombs (1970s) found near Hajjah; remnants photographed.',
    reportedOn: '2016-05-23',
    firstSource: {
      sourceId: source.amnesty,
      evidenceKinds: ['REMNANT_PHOTO', 'WITNESS_TESTIMONY'],
      publishedOn: '2016-05-23',
      citation: {
        url: 'https://www.amnesty.org/en/latest/news/2016/05/yemen-coalition-forces-use-of-uk-made-cluster-bombs/',
      },
      summary: 'Amnesty International reports UK-made BL-755 remnants.',
    },
  });
  await send(M.statement, {
    idempotencyKey: `${KEY}-yemen-bl755-gbr`,
    speakers: ['GBR'],
    kind: 'INVESTIGATION_ANNOUNCED',
    venue: 'NATIONAL',
    deliveredOn: '2016-05-24',
    incidentIds: [id],
    namesUser: true,
    quote: 'We will carry out a full investigation on the matter.',
    citation: { url: 'https://example.org/gov-uk/2016-05-24-statement' },
  });
  await send(M.open, {
    idempotencyKey: `${KEY}-yemen-bl755-inv`,
    investigator: { kind: 'STATE', stateCode: 'GBR' },
    incidentIds: [id],
    mandate: 'A full investigation into the use of UK-made BL-755 cluster bombs in Yemen.',
    openedOn: '2016-05-24',
  });
  await send(M.corroborate, {
    idempotencyKey: `${KEY}-yemen-bl755-hrw`,
    incidentId: id,
    sourceId: source.hrw,
    stance: 'SUPPORTS',
    evidenceKinds: ['EXPERT_IDENTIFICATION'],
    publishedOn: '2016-05-25',
    citation: { url: 'https://www.hrw.org/news/2016/05/25/yemen-coalition-drops-cluster-bombs' },
    summary: 'Human Rights Watch confirms the weapon type: BL-755.',
  });
  await send(M.statement, {
    idempotencyKey: `${KEY}-yemen-bl755-sau`,
    speakers: ['SAU'],
    kind: 'ACKNOWLEDGEMENT',
    venue: 'NATIONAL',
    deliveredOn: '2016-12-19',
    incidentIds: [id],
    namesUser: true,
    quote: 'The coalition used a limited quantity of UK-made BL-755 cluster munitions in Yemen.',
    citation: { url: 'https://example.org/spa/2016-12-19-coalition-statement' },
  });
  return id;
}

async function generatedIncident(
  send: Send,
  source: Record<string, string>,
  p: PlannedIncident,
  ids: Map<string, string>,
  situations: ReadonlyMap<string, string>,
): Promise<number> {
  const allegation = p.allegation as { firstSource: Record<string, unknown> };
  const id = await send(M.allege, {
    ...allegation,
    situationId: situations.get(p.situation),
    idempotencyKey: `${KEY}-${p.key}`,
    firstSource: { ...allegation.firstSource, sourceId: source[p.firstSource] },
  });
  ids.set(p.key, id);
  for (const c of p.corroborations) {
    await send(M.corroborate, {
      idempotencyKey: `${KEY}-${p.key}-${c.key}`,
      incidentId: id,
      sourceId: source[c.source],
      stance: c.stance,
      evidenceKinds: c.evidenceKinds,
      publishedOn: c.publishedOn,
      citation: {
        url: `https://example.org/demo/${p.key}/${c.key}`,
        archivedUrl: `https://example.org/archive/${p.key}/${c.key}`,
      },
      summary: c.stance === 'SUPPORTS' ? 'Corroborating report (demo).' : 'Disputes the report (demo).',
    });
  }
  const inv = p.investigation;
  if (inv) {
    const invId = await send(M.open, {
      idempotencyKey: `${KEY}-${inv.key}`,
      investigator: { kind: inv.opener.kind, sourceId: source[inv.opener.sourceKey] },
      incidentIds: [id],
      mandate: 'Inquiry into reported use (demo).',
      openedOn: inv.openedOn,
    });
    if (inv.outcome && inv.concludedOn) {
      await send(M.conclude, {
        idempotencyKey: `${KEY}-${inv.key}-end`,
        investigationId: invId,
        outcome: inv.outcome,
        findings: 'Findings (demo).',
        concludedOn: inv.concludedOn,
      });
    }
  }
  return p.corroborations.length + 1;
}

/** One situation per theatre that has one; answers the theatre's key to the situation's id. */
async function registerSituations(send: Send): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const t of SITUATIONS) {
    if (!t.situation) continue;
    ids.set(
      t.key,
      await send(M.situation, {
        idempotencyKey: `${KEY}-situation-${t.key}`,
        name: t.situation.name,
        countryCodes: [t.country],
        allegedUsers: t.situation.allegedUsers,
        period: { from: t.situation.from },
      }),
    );
  }
  return ids;
}

async function registerSources(send: Send): Promise<Record<string, string>> {
  const source: Record<string, string> = {};
  for (const s of DEMO_SOURCES) {
    source[s.key] = await send(M.source, {
      idempotencyKey: `${KEY}-src-${s.key}`,
      name: s.name,
      kind: s.kind,
      stateCode: s.stateCode,
      grade: s.grade,
      homepage: s.homepage,
    });
  }
  return source;
}

export async function loadDemoData(options: DemoOptions): Promise<DemoSummary> {
  const { send, ask }: { send: Send; ask: Ask } = client(options.url, options.token);
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 6;
  const source = await registerSources(send);
  const situations = await registerSituations(send);
  const yemenSituationId = situations.get('yem') ?? '';
  const yemenIncidentId = await yemenCase(send, source, yemenSituationId);
  log(`Yemen BL-755 case: incident ${yemenIncidentId}`);
  const plan = planDemo(options.incidents ?? 300);
  const ids = new Map<string, string>();
  let corroborations = 0;
  let done = 0;
  await pool(plan.incidents, concurrency, async (p) => {
    const added = await generatedIncident(send, source, p, ids, situations);
    corroborations += added;
    if (++done % 50 === 0) log(`${done} of ${plan.incidents.length} incidents`);
  });
  await pool(plan.statements, concurrency, async (st) => {
    await send(M.statement, {
      ...st.input,
      idempotencyKey: `${KEY}-${st.key}`,
      incidentIds: st.incidentKeys.map((k) => ids.get(k)),
    });
  });
  const scoped = await loadScopedStatements(send, ask, situations);
  log(`${plan.statements.length + scoped} statements and a resolution`);
  return {
    sources: DEMO_SOURCES.length,
    incidents: plan.incidents.length + 1,
    corroborations: corroborations + 2,
    investigations: plan.incidents.filter((p) => p.investigation).length + 1,
    statements: plan.statements.length + scoped + 2,
    situations: situations.size,
    yemenIncidentId,
    yemenSituationId,
  };
}
