import type { Projection } from './projection';
import { corroborationsProjection } from './corroborations.evolve';
import { incidentsProjection } from './incidents.evolve';
import { investigationsProjection } from './investigations.evolve';
import { resolutionsProjection } from './resolutions.evolve';
import { situationsProjection } from './situations.evolve';
import { sourcesProjection } from './sources.evolve';
import { statementsProjection } from './statements.evolve';

export { json, type Evolve, type PageBuffers, type Projection, type RowMeta } from './projection';

export { dirtyProjection } from './dirty.evolve';
export { supersedeStatements, type SupersedeStatements } from './statement-fanout';
export { RowBuffer } from './row-buffer';
export { UserStatements } from './user-statements';

/** Every table family of facts, in the order they fold an event. */
export const PROJECTIONS: readonly Projection[] = [
  sourcesProjection,
  incidentsProjection,
  corroborationsProjection,
  investigationsProjection,
  statementsProjection,
  situationsProjection,
  resolutionsProjection,
];
