import { stringify } from 'csv-stringify/sync';
import type { MatrixCell } from '@app/projections';
import type { responseMatrixAt } from '@app/read-store';

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

/** The response matrix as the `responseMatrix` query gives it, one row per (State Party, subject). */
export function matrixCsv({ asOf, rows }: ReturnType<typeof responseMatrixAt>): string {
  return stringify(
    rows.map((row) => ({ asOf, ...row })),
    { header: true, columns: [...MATRIX_COLUMNS], cast: { boolean: (value) => String(value) } },
  );
}
