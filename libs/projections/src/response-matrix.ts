import type { CcmState, IsoDate } from '@app/domain';
import { type ReportInput, reportSourceOf } from './report-source';
import { type ResponseLine, speakOutReport } from './speak-out.report';

export type SubjectKind = 'SITUATION' | 'INCIDENT';

/** One cell of the States Parties x subjects matrix, flat: one CSV row each. */
export interface MatrixCell extends Omit<ResponseLine, 'statementIds' | 'kinds' | 'votes'> {
  subjectKind: SubjectKind;
  subjectId: string;
}

/**
 * Every State Party on the report date against each situation (or incident), one row per pair in State
 * order then subject order, each cell being that State's line in the speak-out report for that subject.
 */
export function responseMatrix(
  input: ReportInput,
  states: readonly CcmState[],
  subjects: { situationIds?: readonly string[]; incidentIds?: readonly string[] },
  asOfDate?: IsoDate,
): { asOf: IsoDate; rows: MatrixCell[] } {
  const columns: { subjectKind: SubjectKind; subjectId: string }[] = [
    ...(subjects.situationIds ?? []).map((subjectId) => ({ subjectKind: 'SITUATION' as const, subjectId })),
    ...(subjects.incidentIds ?? []).map((subjectId) => ({ subjectKind: 'INCIDENT' as const, subjectId })),
  ];
  const source = reportSourceOf(input);
  const reports = columns.map((c) =>
    speakOutReport(
      source,
      states,
      c.subjectKind === 'SITUATION' ? { situationId: c.subjectId } : { incidentIds: [c.subjectId] },
      asOfDate,
    ),
  );
  const asOf = reports[0]?.asOf ?? speakOutReport(source, states, { incidentIds: [] }, asOfDate).asOf;
  const rows: MatrixCell[] = [];
  const parties = reports[0]?.statesParties ?? [];
  parties.forEach((_, p) => {
    columns.forEach((column, c) => {
      const { statementIds: _s, kinds: _k, votes: _v, ...line } = reports[c].statesParties[p];
      rows.push({ ...line, ...column });
    });
  });
  return { asOf, rows };
}
