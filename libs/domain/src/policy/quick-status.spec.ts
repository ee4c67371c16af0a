import type { EvidenceKind, Grade, InvestigationOutcome, StatementKind } from '../events';
import type { IncidentEvidence, StatusChange } from './assessment';
import { evidenceDates } from './evidence-cut';
import { DEFAULT_POLICY, type PolicyConfig } from './policy-config';
import { QuickStatusOf } from './quick-status';
import { readinessOf } from './rules';
import { prng } from '../testing/prng';
import { evaluateOn, statusHistory } from './status-history';

// Seeded, so that a failure always replays the same way.
function rng(seed: number) {
  const next = prng(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { int, pick, chance: (p: number) => next() < p };
}

const GRADES: Grade[] = ['A', 'B', 'C', 'D', 'E', 'F'];
const KINDS: EvidenceKind[] = ['REMNANT_PHOTO', 'WITNESS_TESTIMONY', 'OFFICIAL_ADMISSION', 'EXPERT_IDENTIFICATION', 'VIDEO'];
const OUTCOMES: (InvestigationOutcome | undefined)[] = ['USE_CONFIRMED', 'USE_NOT_CONFIRMED', 'INCONCLUSIVE', undefined];
const STATEMENTS: StatementKind[] = ['ACKNOWLEDGEMENT', 'DENIAL', 'CONCERN'];

/** Random incidents over a few days, so that dates collide and every rule gets its turn. */
function randomEvidence(seed: number): IncidentEvidence {
  const r = rng(seed);
  const day = () => `2016-01-${String(1 + r.int(12)).padStart(2, '0')}`;
  const sources = ['s1', 's2', 's3', 's4', 'SAU'];
  const e: IncidentEvidence = { incidentId: 'inc', allegedUserStateCodes: ['SAU'], corroborations: [], investigations: [], statements: [] };
  for (let i = 0, n = r.int(9); i < n; i++) {
    const sourceId = r.pick(sources);
    e.corroborations.push({
      corroborationId: `c${i}`, sourceId, sourceGrade: r.pick(GRADES), sourceIsAllegedUser: sourceId === 'SAU',
      stance: r.chance(0.75) ? 'SUPPORTS' : 'DISPUTES', evidenceKinds: [r.pick(KINDS), r.pick(KINDS)], publishedOn: day(),
      ...(r.chance(0.2) ? { retractedOn: day() } : {}),
      ...(i > 0 && r.chance(0.15) ? { derivedFrom: `c${r.int(i + 2)}` } : {}),
    });
  }
  for (let i = 0, n = r.int(3); i < n; i++) {
    const outcome = r.pick(OUTCOMES);
    e.investigations.push({
      investigationId: `i${i}`, investigatorKind: r.chance(0.3) ? 'STATE' : 'UN', investigatorStateCode: r.pick(['SAU', 'GBR', undefined]),
      openedOn: day(), outcome, ...(outcome && r.chance(0.9) ? { concludedOn: day() } : {}),
    });
  }
  for (let i = 0, n = r.int(3); i < n; i++) {
    e.statements.push({ statementId: `st${i}`, kind: r.pick(STATEMENTS), speakers: [r.pick(['SAU', 'NOR'])], deliveredOn: day() });
  }
  if (r.chance(0.1)) e.withdrawnOn = day();
  return e;
}

/** The definition: the full evaluation at every evidence date. */
function referenceHistory(evidence: IncidentEvidence, policy: PolicyConfig): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const on of evidenceDates(evidence)) {
    const at = evaluateOn(evidence, policy, on);
    if (at.rule === 'NO_SUPPORTING_SOURCE' || changes[changes.length - 1]?.status === at.status) continue;
    changes.push({ status: at.status, readiness: readinessOf(at.status), on, rule: at.rule, evidenceIds: at.evidenceIds });
  }
  return changes;
}

const STRICT: PolicyConfig = { ...DEFAULT_POLICY, minIndependentSources: 1, disputeOverriddenBy: ['PHYSICAL_EVIDENCE'], minContestingSources: 2 };

describe('QuickStatusOf', () => {
  it.each([['the default policy', DEFAULT_POLICY], ['another policy', STRICT]])(
    'gives the full evaluation status at every evidence date (%s, 3000 random incidents)', (_name, policy) => {
      for (let seed = 1; seed <= 3000; seed++) {
        const evidence = randomEvidence(seed);
        const quick = new QuickStatusOf(evidence, policy);
        for (const on of evidenceDates(evidence)) {
          const full = evaluateOn(evidence, policy, on);
          const expected = full.rule === 'NO_SUPPORTING_SOURCE' ? 'NO_SUPPORT' : full.status;
          if (quick.at(on) !== expected) throw new Error(`seed ${seed} on ${on}: ${quick.at(on)} != ${expected}`);
        }
        expect(statusHistory(evidence, policy)).toEqual(referenceHistory(evidence, policy));
      }
    });
});
