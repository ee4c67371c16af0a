import { Int } from '@nestjs/graphql';

/** The Relay paging arguments, top-level on every connection (the cost model reads `first`: graphql/limits.ts). */
export const FIRST = { type: () => Int, nullable: true, description: 'Page size, 0 to 500 (default 20)' };
export const AFTER = { type: () => String, nullable: true, description: 'The endCursor of the previous page' };
