import { ValidationPipe, type ValidationError } from '@nestjs/common';
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
 * class-validator on every input: unknown properties refused, values transformed to their classes, and
 * every failure reported as BAD_USER_INPUT with the dotted path of each failing field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new InputValidationError(flatten(errors, '', [])),
  });
}
