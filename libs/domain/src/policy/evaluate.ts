import type { CorroborationEvidence, IncidentEvidence } from './assessment';
import {
  acknowledgements,
  corroborates,
  credibleDisputes,
  denials,
  disputingSources,
  openInvestigations,
  physicalEvidence,
  standingConclusions,
} from './evidence-rules';
import { independentSources, liveSupporting } from './independence';
import { investigationReports, roleInWords, roleOf } from './interested';
import type { PolicyConfig } from './policy-config';
import { positiveVerdict } from './positive-verdict';
import type { AssessmentRule } from './rules';
import { type Findings, type Verdict } from './verdict';
import {
  andList,
  capital,
  datedInWords,
  investigationInWords,
  openInvestigationNeeded,
  reportInWords,
  strongerEvidenceNeeded,
} from './wording';

export interface Evaluation extends Verdict {
  /** Counted when asked, as the words are (see Verdict.words): no rule reads it. */
  independentSupportingSources: () => number;
  independentCorroboratingSources: number;
}

/** The rules applied to evidence already cut to one date (see cutEvidence). */
export function evaluate(cut: IncidentEvidence, policy: PolicyConfig): Evaluation {
  // Conclusions that do not stand alone count as one report of their investigator's grade.
  const e = { ...cut, corroborations: [...cut.corroborations, ...investigationReports(cut, policy)] };
  const f = findings(e, policy);
  const verdict = decide(e, policy, f);
  return {
    ...verdict,
    words: () => {
      const { reasons, missing } = verdict.words();
      return { reasons: [...reasons, ...standingNotes(e, policy)], missing };
    },
    independentSupportingSources: () => independentSources(e.corroborations, () => true).count,
    independentCorroboratingSources: f.corroborating.count,
  };
}

function findings(e: IncidentEvidence, policy: PolicyConfig): Findings {
  const corroborating = independentSources(e.corroborations, corroborates(policy));
  const corroborated = corroborating.count >= policy.minIndependentSources;
  const disputes = credibleDisputes(e, policy);
  const physical = physicalEvidence(e, policy);
  return {
    corroborating,
    confirmations: {
      ACKNOWLEDGEMENT: acknowledgements(e, policy),
      INVESTIGATION: standingConclusions(e, policy, 'USE_CONFIRMED'),
      PHYSICAL_EVIDENCE: corroborated ? physical : [],
    },
    physical,
    disputes,
    contested: disputes.length > 0 && disputingSources(disputes) >= policy.minContestingSources,
    open: openInvestigations(e),
  };
}

function decide(e: IncidentEvidence, policy: PolicyConfig, f: Findings): Verdict {
  const open = () => f.open.map((id) => openInvestigationNeeded(e, id));
  if (e.withdrawnOn !== undefined) {
    const withdrawnOn = e.withdrawnOn;
    return {
      status: 'WITHDRAWN',
      rule: 'WITHDRAWN_INCIDENT',
      evidenceIds: [],
      words: () => ({ reasons: [`The incident was withdrawn on ${withdrawnOn}.`], missing: [] }),
    };
  }
  // Acknowledgement and a concluded investigation stand on their own; the reports are not needed.
  const supports = e.corroborations.filter((c) => c.stance === 'SUPPORTS');
  const selfStanding = f.confirmations.ACKNOWLEDGEMENT.length + f.confirmations.INVESTIGATION.length;
  if (supports.length > 0 && liveSupporting(supports).length === 0 && selfStanding === 0) {
    return {
      status: 'WITHDRAWN',
      rule: 'WITHDRAWN_ALL_SOURCES_RETRACTED',
      evidenceIds: supports.map((c) => c.corroborationId),
      words: () => ({
        reasons: [`Every supporting source retracted: ${andList(supports.map(retractionInWords))}.`],
        missing: ['a supporting source that has not retracted', ...open()],
      }),
    };
  }
  const positive = positiveVerdict(e, policy, f);
  const negatives = standingConclusions(e, policy, 'USE_NOT_CONFIRMED');
  const negative = negatives[negatives.length - 1];
  if (negative === undefined) return positive;
  const by = () => capital(investigationInWords(e, negative.id));
  // A finding of no use stands until evidence that confirms the use is dated after it.
  const later = Object.values(f.confirmations)
    .flat()
    .filter((d) => d.on > negative.on);
  if (later.length > 0) {
    return {
      ...positive,
      words: () => {
        const { reasons, missing } = positive.words();
        const stronger = andList(later.map((d) => datedInWords(e, d)));
        const note = `${by()} found no use on ${negative.on}, but stronger evidence came later: ${stronger}.`;
        return { reasons: [...reasons, note], missing };
      },
    };
  }
  // "Not confirmed" often means "no access": it does not clear physical evidence from a credible source.
  if (policy.physicalEvidenceBlocksClearing && f.physical.length > 0) {
    const rule: AssessmentRule = 'CONTESTED_BY_INVESTIGATION';
    return {
      status: 'CONTESTED',
      rule,
      evidenceIds: [negative.id, ...f.physical.map((d) => d.id)],
      words: () => ({
        reasons: [
          `${by()} concluded on ${negative.on} that use was not confirmed, ` +
            'but physical evidence stands against it: ' +
            `${andList(f.physical.map((d) => reportInWords(d.report!)))}.`,
        ],
        missing: [strongerEvidenceNeeded(negative.on, policy), ...open()],
      }),
    };
  }
  return {
    status: 'NOT_CONFIRMED',
    rule: 'NOT_CONFIRMED_BY_INVESTIGATION',
    evidenceIds: [negative.id],
    words: () => ({
      reasons: [`${by()} concluded on ${negative.on} that use was not confirmed, and no stronger evidence came later.`],
      missing: [strongerEvidenceNeeded(negative.on, policy), ...open()],
    }),
  };
}

const retractionInWords = (c: CorroborationEvidence) => `${c.sourceName ?? 'an unnamed source'} on ${c.retractedOn}`;

/** Facts shown with every status that never change it: interested parties' denials, disputes and findings. */
function standingNotes(e: IncidentEvidence, policy: PolicyConfig): string[] {
  const notes = denials(e, policy).map((d) => {
    const role = roleOf(e, policy, d.report?.sourceStateCode) ?? 'ALLEGED_USER';
    const who = d.report ? reportInWords(d.report) : `${datedInWords(e, d)} denied the use`;
    return (
      `${capital(who)}: ${roleInWords(role)}, an interested party; ` +
      'this is shown but does not lower or clear the status.'
    );
  });
  if (e.allegedUserKind === 'COALITION') {
    const known = e.allegedUserStateCodes.length === 0 ? 'none yet' : andList(e.allegedUserStateCodes);
    notes.push(`The alleged user is ${e.allegedUserName ?? 'a coalition'}; its members known so far: ${known}.`);
  }
  return notes;
}
