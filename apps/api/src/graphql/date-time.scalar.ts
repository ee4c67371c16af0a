import { GraphQLScalarType, Kind } from 'graphql';

/** What an `asOf` must be, in the messages that refuse one. */
export const DATE_TIME_HINT = 'an ISO date-time in the years 0000 to 9999, such as 2016-06-01T00:00:00Z';

/** A day, or an instant with its offset: the registry has no time zone of its own to read a bare time in. */
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The instant a DateTime input names, or an invalid one (refused by the field's validation, as BAD_USER_INPUT on its
 * path) for anything else: a number or a boolean, a string `new Date` would guess at ("5" is May 2001, "1/2/2016"
 * depends on the locale), a day the calendar does not have (2016-02-30 is not 1 March), an instant past year 9999
 * (its day would sort before every date).
 */
export function instantOf(value: unknown): Date {
  const invalid = new Date(Number.NaN);
  const parts = typeof value === 'string' ? ISO_8601.exec(value) : null;
  if (parts === null) return invalid;
  const [year, month, day] = parts.slice(1, 4).map(Number);
  const calendar = new Date(0);
  calendar.setUTCFullYear(year, month - 1, day);
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return invalid;
  const instant = new Date(value as string);
  const utcYear = instant.getUTCFullYear();
  return utcYear >= 0 && utcYear <= 9999 ? instant : invalid;
}

/**
 * The DateTime scalar: Nest's own (GraphQLISODateTime) read any value through `new Date`, so that a number or a
 * boolean was an instant of 1970 as a variable and no time travel at all written in the query.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description: 'A date-time string at UTC, such as 2019-12-03T09:54:33Z, compliant with the date-time format.',
  parseValue: instantOf,
  parseLiteral: (ast) => instantOf(ast.kind === Kind.STRING ? ast.value : undefined),
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
});
