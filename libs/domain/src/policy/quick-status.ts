import type { IsoDate } from '../events';
import type { IncidentEvidence, Status } from './assessment';
import { cutEvidence } from './evidence-cut';
import { independentSources } from './independence';
import type { ConfirmationBasis, PolicyConfig } from './policy-config';

/** The rules' status at one date, or NO_SUPPORT when they would say NO_SUPPORTING_SOURCE (no history entry). */
export type QuickStatus = Status | 'NO_SUPPORT';

interface Item {
  on: IsoDate;
  /** Retraction (corroborations) or conclusion (investigations) date; undefined when none. */
  until: IsoDate | undefined;
  flags: number;
  source: number;
}

// Corroboration flags, worked out once per incident from the policy.
const SUPPORTS = 1, CORROBORATING = 2, PHYSICAL = 4, ADMISSION = 8, CREDIBLE_DISPUTE = 16, DERIVED = 32;
// Investigation flags.
const CONFIRMS = 1, INDEPENDENT_NEGATIVE = 2;

/**
 * The status the rules give at each evidence date, computed with counters over evidence classified
 * once (no copies of the evidence, no wording). statusHistory asks it for every date and runs the full
 * evaluation only where the status changes; its spec checks it against the full evaluation.
 */
export class QuickStatusOf {
  private readonly corroborations: Item[] = [];
  private readonly investigations: Item[] = [];
  private readonly acknowledgedOn: IsoDate[] = [];
  private readonly seen: Int32Array;
  private stamp = 0;
  private readonly overrides: Record<ConfirmationBasis, boolean>;

  constructor(private readonly evidence: IncidentEvidence, private readonly policy: PolicyConfig) {
    const users = evidence.allegedUserStateCodes;
    const sources = new Map<string, number>();
    for (const c of evidence.corroborations) {
      let source = sources.get(c.sourceId);
      if (source === undefined) sources.set(c.sourceId, (source = sources.size));
      const supports = c.stance === 'SUPPORTS';
      const flags = (supports ? SUPPORTS : 0) |
        (policy.corroborationGrades.includes(c.sourceGrade) ? CORROBORATING : 0) |
        (policy.physicalEvidenceGrades.includes(c.sourceGrade) && c.evidenceKinds.some((k) => policy.physicalEvidenceKinds.includes(k)) ? PHYSICAL : 0) |
        (c.sourceIsAllegedUser && c.evidenceKinds.some((k) => policy.admissionKinds.includes(k)) ? ADMISSION : 0) |
        (!supports && !c.sourceIsAllegedUser && policy.contestingGrades.includes(c.sourceGrade) ? CREDIBLE_DISPUTE : 0) |
        (c.derivedFrom !== undefined ? DERIVED : 0);
      this.corroborations.push({ on: c.publishedOn, until: c.retractedOn, flags, source });
    }
    for (const i of evidence.investigations) {
      const independent = !(i.investigatorKind === 'STATE' && i.investigatorStateCode !== undefined &&
        users.includes(i.investigatorStateCode));
      const flags = i.outcome === 'USE_CONFIRMED' ? CONFIRMS
        : i.outcome === 'USE_NOT_CONFIRMED' && independent ? INDEPENDENT_NEGATIVE : 0;
      // An outcome without a conclusion date is ignored (see cutEvidence).
      this.investigations.push({ on: i.openedOn, until: i.outcome === undefined ? undefined : i.concludedOn, flags, source: -1 });
    }
    for (const s of evidence.statements) {
      if (s.kind === 'ACKNOWLEDGEMENT' && s.speakers.some((code) => users.includes(code))) this.acknowledgedOn.push(s.deliveredOn);
    }
    // Two stamps per source: one for supporting sources, one for disputing ones.
    this.seen = new Int32Array(sources.size * 2);
    const overriddenBy = policy.disputeOverriddenBy;
    this.overrides = {
      ACKNOWLEDGEMENT: overriddenBy.includes('ACKNOWLEDGEMENT'), INVESTIGATION: overriddenBy.includes('INVESTIGATION'),
      PHYSICAL_EVIDENCE: overriddenBy.includes('PHYSICAL_EVIDENCE'),
    };
  }

  /** Mirrors evaluate()'s decision (see evaluate.ts and positive-verdict.ts) on the evidence cut to `on`. */
  at(on: IsoDate): QuickStatus {
    const e = this.evidence;
    if (e.withdrawnOn !== undefined && e.withdrawnOn <= on) return 'WITHDRAWN';
    const stamp = ++this.stamp;
    let supports = 0, live = 0, corroborating = 0, physical = 0, disputes = 0, disputing = 0, derived = false;
    let acks = 0, confirms = 0, lastConfirmation = '', lastPhysical = '', lastNegative = '';
    for (const c of this.corroborations) {
      if (c.on > on) continue;
      const retracted = c.until !== undefined && c.until <= on;
      if (c.flags & SUPPORTS) {
        supports++;
        if (retracted) continue;
        live++;
        if (c.flags & ADMISSION) {
          acks++;
          if (c.on > lastConfirmation) lastConfirmation = c.on;
        }
        if (c.flags & PHYSICAL) {
          physical++;
          if (c.on > lastPhysical) lastPhysical = c.on;
        }
        if (c.flags & CORROBORATING) {
          if (c.flags & DERIVED) derived = true;
          if (this.seen[2 * c.source] !== stamp) {
            this.seen[2 * c.source] = stamp;
            corroborating++;
          }
        }
      } else if (!retracted && c.flags & CREDIBLE_DISPUTE) {
        disputes++;
        if (this.seen[2 * c.source + 1] !== stamp) {
          this.seen[2 * c.source + 1] = stamp;
          disputing++;
        }
      }
    }
    for (const d of this.acknowledgedOn) {
      if (d > on) continue;
      acks++;
      if (d > lastConfirmation) lastConfirmation = d;
    }
    for (const i of this.investigations) {
      if (i.on > on || i.until === undefined || i.until > on) continue;
      if (i.flags & CONFIRMS) {
        confirms++;
        if (i.until > lastConfirmation) lastConfirmation = i.until;
      } else if (i.flags & INDEPENDENT_NEGATIVE && i.until > lastNegative) lastNegative = i.until;
    }
    // Reports repeating others need the matching of sources to origins; rare, so done the slow way.
    if (derived) corroborating = independentSources(cutEvidence(e, on).corroborations, this.policy.corroborationGrades).count;
    if (supports > 0 && live === 0 && acks + confirms === 0) return 'WITHDRAWN';
    const corroborated = corroborating >= this.policy.minIndependentSources;
    if (!corroborated) physical = 0;
    else if (lastPhysical > lastConfirmation) lastConfirmation = lastPhysical;
    if (lastNegative !== '' && !(lastConfirmation > lastNegative)) return 'NOT_CONFIRMED';
    const contested = disputes > 0 && disputing >= this.policy.minContestingSources;
    const o = this.overrides;
    const holding = acks + confirms + physical > 0;
    const standing = (acks > 0 && (!contested || o.ACKNOWLEDGEMENT)) || (confirms > 0 && (!contested || o.INVESTIGATION)) ||
      (physical > 0 && (!contested || o.PHYSICAL_EVIDENCE));
    if (standing) return 'CONFIRMED';
    if (contested && (holding || corroborated)) return 'CONTESTED';
    if (corroborated) return 'CORROBORATED';
    return live > 0 ? 'ALLEGED' : 'NO_SUPPORT';
  }
}
