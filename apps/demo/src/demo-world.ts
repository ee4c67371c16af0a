/**
 * The generated part of the demo data: a fixed, seeded world (same seed, same inputs), so that loading it
 * again sends the same idempotency keys with the same inputs and appends nothing.
 */
import { KINDS, REPORTERS, SITUATIONS, SPEAKERS, VENUES } from './demo-catalogue';

export { DEMO_SOURCES, type DemoSource } from './demo-catalogue';

/** mulberry32: a tiny seeded generator; the demo must be the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => toDay(Date.parse(`${date}T00:00:00Z`) + days * DAY);
/** No evidence date may lie in the future; the demo's world ends here whatever day it is loaded. */
const WORLD_ENDS = '2025-06-30';
const capped = (date: string) => (date > WORLD_ENDS ? WORLD_ENDS : date);

export interface PlannedCorroboration {
  key: string;
  source: string;
  stance: 'SUPPORTS' | 'DISPUTES';
  evidenceKinds: string[];
  publishedOn: string;
}
export interface PlannedIncident {
  key: string;
  situation: string;
  allegation: Record<string, unknown>;
  firstSource: string;
  corroborations: PlannedCorroboration[];
  investigation?: {
    key: string;
    /** A UN investigator is a registered source (policy 2.0.0): its key in DEMO_SOURCES. */
    opener: { kind: 'UN'; sourceKey: string };
    openedOn: string;
    outcome?: string;
    concludedOn?: string;
  };
  lastEvidence: string;
}
export interface PlannedStatement {
  key: string;
  incidentKeys: string[];
  input: Record<string, unknown>;
}

export function planDemo(
  incidents: number,
  seed = 2016,
): { incidents: PlannedIncident[]; statements: PlannedStatement[] } {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = <T>(xs: readonly T[], n: number): T[] => [...xs].sort(() => rnd() - 0.5).slice(0, n);
  const between = (from: string, to: string) => toDay(Date.parse(from) + rnd() * (Date.parse(to) - Date.parse(from)));
  const planned: PlannedIncident[] = [];
  for (let i = 0; i < incidents; i++) {
    const sit = SITUATIONS[i % SITUATIONS.length];
    const occurred = between(sit.from, sit.to);
    const reported = capped(addDays(occurred, 1 + Math.floor(rnd() * 40)));
    const [type, delivery] = pick(sit.munitions);
    const place = pick(sit.places);
    const firstSource = pick(['amnesty', 'local-ngo', 'wire', 'monitor', 'blog', 'osint']);
    const corroborations: PlannedCorroboration[] = [];
    let last = reported;
    const extra = Math.floor(rnd() * 4);
    for (const [k, source] of some(
      REPORTERS.filter((x) => x !== firstSource),
      extra,
    ).entries()) {
      last = capped(addDays(last, 1 + Math.floor(rnd() * 60)));
      const disputes = rnd() < 0.08;
      corroborations.push({
        key: `c${k}`,
        source,
        stance: disputes ? 'DISPUTES' : 'SUPPORTS',
        evidenceKinds: some(KINDS, 1 + Math.floor(rnd() * 2)),
        publishedOn: last,
      });
    }
    const plan: PlannedIncident = {
      key: `inc-${i}`,
      situation: sit.key,
      firstSource,
      corroborations,
      lastEvidence: last,
      allegation: {
        occurredFrom: occurred,
        location: {
          countryCode: sit.country,
          placeName: `${place} (demo ${i})`,
          precisionMeters: 5000,
          latitude: Number((sit.box[0] + rnd() * (sit.box[1] - sit.box[0])).toFixed(3)),
          longitude: Number((sit.box[2] + rnd() * (sit.box[3] - sit.box[2])).toFixed(3)),
        },
        munition: { type, delivery },
        allegedUser: sit.user,
        casualties: rnd() < 0.6 ? { killed: Math.floor(rnd() * 6), injured: Math.floor(rnd() * 12) } : undefined,
        summary: `Demo incident ${i}: ${type} remnants reported near ${place}.`,
        reportedOn: reported,
        firstSource: {
          evidenceKinds: some(KINDS, 1 + Math.floor(rnd() * 2)),
          publishedOn: reported,
          citation: { url: `https://example.org/demo/${sit.key}/${i}` },
          summary: 'First report (demo).',
        },
      },
    };
    if (i % 12 === 5) {
      const openedOn = capped(addDays(last, 10));
      const concludes = rnd() < 0.7;
      plan.investigation = {
        key: `inv-${i}`,
        openedOn,
        opener: { kind: 'UN', sourceKey: 'un-coi' },
        outcome: concludes ? pick(['USE_CONFIRMED', 'USE_CONFIRMED', 'USE_NOT_CONFIRMED', 'INCONCLUSIVE']) : undefined,
        concludedOn: concludes ? capped(addDays(openedOn, 60 + Math.floor(rnd() * 200))) : undefined,
      };
      plan.lastEvidence = plan.investigation.concludedOn ?? openedOn;
    }
    planned.push(plan);
  }
  const statements: PlannedStatement[] = [];
  const count = Math.round(incidents / 2);
  for (let n = 0; n < count; n++) {
    const about = some(
      planned.filter((p) => p.situation === SITUATIONS[n % SITUATIONS.length].key),
      1 + Math.floor(rnd() * 3),
    );
    const after =
      about
        .map((p) => p.lastEvidence)
        .sort()
        .at(-1) ?? WORLD_ENDS;
    const joint = rnd() < 0.15;
    const speakers = joint ? some(SPEAKERS, 3 + Math.floor(rnd() * 5)) : [pick(SPEAKERS)];
    const kind = rnd() < 0.55 ? 'CONDEMNATION' : pick(['CONCERN', 'CONCERN', 'CALL_FOR_INVESTIGATION']);
    statements.push({
      key: `st-${n}`,
      incidentKeys: about.map((p) => p.key),
      input: {
        speakers,
        onBehalfOf: joint ? 'a group of States (demo)' : undefined,
        kind,
        venue: pick(VENUES),
        deliveredOn: capped(addDays(after, Math.floor(rnd() ** 2 * 500))),
        namesUser: rnd() < 0.5,
        quote:
          `${kind === 'CONDEMNATION' ? 'We condemn' : 'We are deeply concerned about'} ` +
          `the use of cluster munitions reported here (demo statement ${n}).`,
        citation: { url: `https://example.org/demo/statements/${n}` },
      },
    });
  }
  return { incidents: planned, statements };
}
