import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, InputValidationError } from './error-codes';

function flatten(errors: ValidationError[], prefix: string, out: FieldProblem[]): FieldProblem[] {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, problems: Object.values(error.constraints) });
    if (error.children?.length) flatten(error.children, field, out);
  }
  return out;
}

/**
 * Names each failing field by its path from the argument list: `filter.asOf`, `filter.countryCode`. A mutation's
 * one `input` argument is the exception: its paths start inside it (`location.countryCode`), as they always have.
 * An omitted optional argument has nothing to validate (validating it as `{}` would demand its required fields).
 */
class ArgumentValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (value === undefined || value === null) return value;
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      const argument = metadata.data;
      if (!(error instanceof InputValidationError) || !argument || argument === 'input') throw error;
      throw new InputValidationError(error.fields.map((f) => ({ ...f, field: `${argument}.${f.field}` })));
    }
  }
}

/**
 * class-validator on every input: unknown properties refused, values transformed to their classes, and
 * every failure reported as BAD_USER_INPUT with the dotted path of each failing field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ArgumentValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InputValidationError(flatten(errors, '', [])),
  });
}
