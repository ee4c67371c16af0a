import { stringify } from 'csv-stringify/sync';
import type { CcmState, IsoDate } from '@app/domain';
import { type MatrixCell, type RegistryModel, responseMatrix } from '@app/projections';
import { incidentsOf } from './export-formats';

export const MATRIX_SUBJECTS = ['all', 'situations', 'incidents'] as const;
export type MatrixSubjects = (typeof MATRIX_SUBJECTS)[number];

export const MATRIX_COLUMNS = [
  'asOf',
  'stateCode',
  'name',
  'ccmStatus',
  'subjectKind',
  'subjectId',
  'kind',
  'scope',
  'on',
  'statementId',
  'resolutionId',
  'firstCondemnationOn',
  'lagDays',
  'anticipatory',
  'genericCondemnationOn',
] as const satisfies readonly ('asOf' | keyof MatrixCell)[];

/**
 * The response matrix as the `responseMatrix` query gives it (the projections' own function), over every
 * situation and/or every canonical incident of the model: one row per (State Party, subject).
 */
export function matrixCsv(
  model: RegistryModel,
  states: readonly CcmState[],
  subjects: MatrixSubjects,
  asOfDate?: IsoDate,
): string {
  const situationIds = subjects === 'incidents' ? [] : [...model.situations.keys()].sort();
  const incidentIds = subjects === 'situations' ? [] : incidentsOf(model).map((i) => i.incidentId);
  const { asOf, rows } = responseMatrix(model, states, { situationIds, incidentIds }, asOfDate);
  return stringify(
    rows.map((row) => ({ asOf, ...row })),
    { header: true, columns: [...MATRIX_COLUMNS], cast: { boolean: (value) => String(value) } },
  );
}
