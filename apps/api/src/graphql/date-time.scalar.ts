import { GraphQLScalarType, Kind } from 'graphql';

/**
 * The DateTime scalar, as Nest's own (GraphQLISODateTime), but what is not a string is an invalid instant, refused
 * by the field's validation as a malformed one is (BAD_USER_INPUT on `filter.asOf`). Nest's let a number or a
 * boolean through: as a variable an instant of 1970, written in the query no time travel at all.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: (value) => new Date(typeof value === 'string' ? value : Number.NaN),
  parseLiteral: (ast) => new Date(ast.kind === Kind.STRING ? ast.value : Number.NaN),
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
});
