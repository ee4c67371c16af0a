import type { Grade, IsoDate } from '../events';
import type { GradeFrom, IncidentEvidence } from './assessment';

const END_OF_TIME: IsoDate = '9999-12-31';

/** The grade in effect on `on`: the last regrade (in recording order) dated on or before it, else the first grade. */
export function gradeOn(first: Grade, regrades: readonly GradeFrom[] | undefined, on: IsoDate): Grade {
  let grade = first;
  if (regrades) for (const r of regrades) if (r.from <= on) grade = r.grade;
  return grade;
}

/**
 * The evidence as publicly known on `asOf`: items dated later are dropped, and a retraction,
 * conclusion or withdrawal dated later is undone; every source and investigator has the grade in effect
 * that day. Without `asOf`, everything counts. An outcome without a conclusion date is ignored, so that
 * every change of status has a date.
 */
export function cutEvidence(evidence: IncidentEvidence, asOf: IsoDate = END_OF_TIME): IncidentEvidence {
  const known = (date: IsoDate | undefined): date is IsoDate => date !== undefined && date <= asOf;
  // Items the cut leaves as they are are shared, not copied: statusHistory cuts at every evidence date.
  const corroborations = [];
  for (const c of evidence.corroborations) {
    if (!known(c.publishedOn)) continue;
    const retractedOn = known(c.retractedOn) ? c.retractedOn : undefined;
    const sourceGrade = c.regrades ? gradeOn(c.sourceGrade, c.regrades, asOf) : c.sourceGrade;
    corroborations.push(
      sourceGrade === c.sourceGrade && retractedOn === c.retractedOn && !c.regrades
        ? c
        : { ...c, sourceGrade, retractedOn, regrades: undefined },
    );
  }
  const investigations = [];
  for (const i of evidence.investigations) {
    if (!known(i.openedOn)) continue;
    const concluded = known(i.concludedOn) && i.outcome !== undefined;
    const graded = i.investigatorRegrades !== undefined && i.investigatorGrade !== undefined;
    if (!graded && (concluded || (i.outcome === undefined && i.concludedOn === undefined))) {
      investigations.push(i);
      continue;
    }
    investigations.push({
      ...i,
      ...(graded && {
        investigatorGrade: gradeOn(i.investigatorGrade!, i.investigatorRegrades, asOf),
        investigatorRegrades: undefined,
      }),
      ...(!concluded && { outcome: undefined, concludedOn: undefined }),
    });
  }
  return {
    ...evidence,
    withdrawnOn: known(evidence.withdrawnOn) ? evidence.withdrawnOn : undefined,
    corroborations,
    investigations,
    statements: evidence.statements.every((s) => known(s.deliveredOn))
      ? evidence.statements
      : evidence.statements.filter((s) => known(s.deliveredOn)),
  };
}

/** Every distinct evidence date, ascending: the only days on which a status can change (regrades included). */
export function evidenceDates(evidence: IncidentEvidence): IsoDate[] {
  const dates = new Set<IsoDate>();
  const add = (date: IsoDate | undefined) => date !== undefined && dates.add(date);
  add(evidence.withdrawnOn);
  for (const c of evidence.corroborations) {
    add(c.publishedOn);
    add(c.retractedOn);
    for (const r of c.regrades ?? []) add(r.from);
  }
  for (const i of evidence.investigations) {
    add(i.openedOn);
    add(i.concludedOn);
    for (const r of i.investigatorRegrades ?? []) add(r.from);
  }
  for (const s of evidence.statements) add(s.deliveredOn);
  return [...dates].sort();
}

/** The latest evidence date (regrades included), null when none: the evidence cut on any later day is all of it. */
export function latestEvidenceDate(evidence: IncidentEvidence): IsoDate | null {
  const dates = evidenceDates(evidence);
  return dates.length === 0 ? null : dates[dates.length - 1];
}
