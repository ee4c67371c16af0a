import type { Projection } from './projection';
import { corroborationsProjection } from './corroborations.evolve';
import { dirtyProjection } from './dirty.evolve';
import { incidentsProjection } from './incidents.evolve';
import { investigationsProjection } from './investigations.evolve';
import { resolutionsProjection } from './resolutions.evolve';
import { situationsProjection } from './situations.evolve';
import { sourcesProjection } from './sources.evolve';
import { statementsProjection } from './statements.evolve';

export { json, type Evolve, type Projection, type RowMeta } from './projection';

/** Every table family, in the order they fold an event (dirty last: it reads the rows the others wrote). */
export const PROJECTIONS: readonly Projection[] = [
  sourcesProjection,
  incidentsProjection,
  corroborationsProjection,
  investigationsProjection,
  statementsProjection,
  situationsProjection,
  resolutionsProjection,
  dirtyProjection,
];
