import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';

/**
 * Hands every exception thrown in a resolver back to GraphQL untouched, without Nest's default error log:
 * refusals (bad input, not found, conflicts) are normal answers, and error-mapping.ts logs the unexpected.
 */
@Catch()
export class QuietExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): unknown {
    return exception;
  }
}
