import { type ValidationArguments, registerDecorator, type ValidationOptions } from 'class-validator';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written `YYYY-MM-DD` (2016-02-30 is refused). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[1] >= 1900;
}

export function IsIsoDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isIsoDate',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a date written YYYY-MM-DD`,
      },
    });
}

/** ISO 3166-1 alpha-3 shape; whether the code names a real country is checked by the domain. */
export const COUNTRY_CODE = /^[A-Z]{3}$/;
export const SHA256 = /^[a-f0-9]{64}$/i;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of a registry entity: a UUID. */
export function IsEntityId(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isEntityId',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          options?.each && Array.isArray(value)
            ? value.every((v) => typeof v === 'string' && UUID.test(v))
            : typeof value === 'string' && UUID.test(value),
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be an id (a UUID)`,
      },
    });
}
