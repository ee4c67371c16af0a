/** Validation of a statement's or resolution's scope, shared by statements and resolution votes. */
import type { DecideContext } from '../decider';
import { badInput } from '../errors';
import type { StatementScope, UserScope } from '../events';
import { blank, distinct, knownCountries } from '../validation';

/** An alleged user is named by State codes, or by a group's name, or both. */
export function checkUserScope(user: UserScope, field: string, ctx: DecideContext): void {
  if (user.stateCodes.length === 0 && blank(user.name)) {
    throw badInput('an alleged user needs State codes or a name', `${field}.stateCodes`);
  }
  knownCountries(user.stateCodes, `${field}.stateCodes`, ctx);
}

export function checkScope(scope: StatementScope | undefined, field: string, ctx: DecideContext): void {
  if (scope === undefined) return;
  if (scope.situationIds) distinct(scope.situationIds, `${field}.situationIds`);
  if (scope.allegedUser) checkUserScope(scope.allegedUser, `${field}.allegedUser`, ctx);
}

/** Whether a scope with these incidents speaks about anything at all. */
export function scopeIsEmpty(incidentIds: readonly string[], scope: StatementScope | undefined): boolean {
  return (
    incidentIds.length === 0 &&
    (scope?.situationIds?.length ?? 0) === 0 &&
    scope?.allegedUser === undefined &&
    scope?.generic !== true
  );
}
