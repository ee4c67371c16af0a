import type { IsoDate } from '../events';
import type { IncidentEvidence } from './assessment';

const END_OF_TIME: IsoDate = '9999-12-31';

/**
 * The evidence as publicly known on `asOf`: items dated later are dropped, and a retraction,
 * conclusion or withdrawal dated later is undone. Without `asOf`, everything counts. An outcome
 * without a conclusion date is ignored, so that every change of status has a date.
 */
export function cutEvidence(evidence: IncidentEvidence, asOf: IsoDate = END_OF_TIME): IncidentEvidence {
  const known = (date: IsoDate | undefined): date is IsoDate => date !== undefined && date <= asOf;
  return {
    ...evidence,
    withdrawnOn: known(evidence.withdrawnOn) ? evidence.withdrawnOn : undefined,
    corroborations: evidence.corroborations
      .filter((c) => known(c.publishedOn))
      .map((c) => ({ ...c, retractedOn: known(c.retractedOn) ? c.retractedOn : undefined })),
    investigations: evidence.investigations
      .filter((i) => known(i.openedOn))
      .map((i) =>
        known(i.concludedOn) && i.outcome
          ? { ...i }
          : { ...i, outcome: undefined, concludedOn: undefined },
      ),
    statements: evidence.statements.filter((s) => known(s.deliveredOn)),
  };
}

/** Every distinct evidence date, ascending: the only days on which a status can change. */
export function evidenceDates(evidence: IncidentEvidence): IsoDate[] {
  const dates = new Set<IsoDate>();
  const add = (date: IsoDate | undefined) => date !== undefined && dates.add(date);
  add(evidence.withdrawnOn);
  for (const c of evidence.corroborations) {
    add(c.publishedOn);
    add(c.retractedOn);
  }
  for (const i of evidence.investigations) {
    add(i.openedOn);
    add(i.concludedOn);
  }
  for (const s of evidence.statements) add(s.deliveredOn);
  return [...dates].sort();
}
