import type { IncidentEvidence, InvestigationEvidence, StatementEvidence } from '@app/domain';
import type { IncidentView, RegistryModel, SourceView } from './model';

/**
 * Whether a source is the alleged user itself. Sources carry no State code, so a STATE source counts as
 * the user when its id or name is one of the user's ISO codes (the convention for State sources).
 */
export function sourceIsAllegedUser(source: SourceView | undefined, userCodes: readonly string[]): boolean {
  if (!source || source.kind !== 'STATE' || userCodes.length === 0) return false;
  return userCodes.includes(source.sourceId.toUpperCase()) || userCodes.includes(source.name.toUpperCase());
}

export function spokenByAllegedUser(speakers: readonly string[], userCodes: readonly string[]): boolean {
  for (const s of speakers) if (userCodes.includes(s)) return true;
  return false;
}

/** Everything the policy looks at for one (canonical) incident, built from the model. */
export function buildEvidence(model: RegistryModel, incident: IncidentView): IncidentEvidence {
  const userCodes = incident.details.allegedUser.stateCodes;
  const corroborations: IncidentEvidence['corroborations'] = [];
  for (const id of incident.corroborationIds) {
    const c = model.corroborations.get(id);
    if (!c) continue;
    const source = model.sources.get(c.sourceId);
    corroborations.push({
      corroborationId: c.corroborationId,
      sourceId: c.sourceId,
      // An unknown source cannot be judged: F on the Admiralty scale.
      sourceGrade: source?.grade ?? 'F',
      sourceIsAllegedUser: sourceIsAllegedUser(source, userCodes),
      stance: c.stance,
      evidenceKinds: c.evidenceKinds,
      publishedOn: c.publishedOn,
      derivedFrom: c.derivedFrom,
      retractedOn: c.retraction?.retractedOn,
    });
  }
  const investigations: InvestigationEvidence[] = [];
  for (const id of incident.investigationIds) {
    const i = model.investigations.get(id);
    if (!i) continue;
    investigations.push({
      investigationId: i.investigationId,
      investigatorKind: i.investigator.kind,
      investigatorStateCode: i.investigator.stateCode,
      openedOn: i.openedOn,
      outcome: i.outcome ?? undefined,
      concludedOn: i.concludedOn ?? undefined,
    });
  }
  // Only the alleged user's own statements (acknowledgement, denial) can move the status.
  const statements: StatementEvidence[] = [];
  for (const id of incident.userStatementIds) {
    const s = model.statements.get(id);
    if (!s || !spokenByAllegedUser(s.speakers, userCodes)) continue;
    statements.push({ statementId: s.statementId, kind: s.kind, speakers: s.speakers, deliveredOn: s.deliveredOn });
  }
  return {
    incidentId: incident.incidentId,
    allegedUserStateCodes: userCodes,
    withdrawnOn: incident.withdrawal?.withdrawnOn,
    corroborations,
    investigations,
    statements,
  };
}
