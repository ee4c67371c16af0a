import type { CorroborationEvidence, IncidentEvidence, InvestigationEvidence, StatementEvidence } from '@app/domain';
import type { IncidentView, InvestigationView, RegistryModel, SourceView } from './model';
import { gradeTimeline, organisationOf } from './source-identity';

/** Whether a source is the alleged user itself: a STATE source matched by its code, never by its name. */
export function sourceIsAllegedUser(source: SourceView | undefined, userCodes: readonly string[]): boolean {
  return source !== undefined && source.stateCode !== null && userCodes.includes(source.stateCode);
}

export function spokenByAllegedUser(speakers: readonly string[], userCodes: readonly string[]): boolean {
  for (const s of speakers) if (userCodes.includes(s)) return true;
  return false;
}

/** Who a source is, for the policy: name, organisation, State code and grade over time. */
type SourceFacts = Pick<
  CorroborationEvidence,
  'sourceGrade' | 'regrades' | 'sourceName' | 'organisationId' | 'sourceStateCode'
>;

function sourceFacts(model: RegistryModel, sourceId: string): SourceFacts {
  const source = model.sources.get(sourceId);
  // An unknown source cannot be judged: F on the Admiralty scale.
  if (!source) return { sourceGrade: 'F' };
  const { first, regrades } = gradeTimeline(source);
  return {
    sourceGrade: first,
    ...(regrades.length > 0 && { regrades }),
    sourceName: source.name,
    organisationId: organisationOf(model, sourceId),
    ...(source.stateCode !== null && { sourceStateCode: source.stateCode }),
  };
}

function investigationEvidence(model: RegistryModel, i: InvestigationView): InvestigationEvidence {
  const { kind, stateCode, name, sourceId } = i.investigator;
  const source = sourceId === undefined ? undefined : model.sources.get(sourceId);
  const facts = sourceId === undefined ? undefined : sourceFacts(model, sourceId);
  return {
    investigationId: i.investigationId,
    investigatorKind: kind,
    investigatorStateCode: stateCode ?? source?.stateCode ?? undefined,
    investigatorName: source?.name ?? name ?? stateCode,
    ...(facts && {
      investigatorOrganisationId: facts.organisationId,
      investigatorGrade: facts.sourceGrade,
      ...(facts.regrades && { investigatorRegrades: facts.regrades }),
    }),
    openedOn: i.openedOn,
    outcome: i.outcome ?? undefined,
    concludedOn: i.concludedOn ?? undefined,
  };
}

/** Everything the policy looks at for one (canonical) incident, built from the model. */
export function buildEvidence(model: RegistryModel, incident: IncidentView): IncidentEvidence {
  const { allegedUser, munition } = incident.details;
  const userCodes = allegedUser.stateCodes;
  const corroborations: CorroborationEvidence[] = [];
  for (const id of incident.corroborationIds) {
    const c = model.corroborations.get(id);
    if (!c) continue;
    corroborations.push({
      corroborationId: c.corroborationId,
      sourceId: c.sourceId,
      ...sourceFacts(model, c.sourceId),
      stance: c.stance,
      evidenceKinds: c.evidenceKinds,
      publishedOn: c.publishedOn,
      derivedFrom: c.derivedFrom,
      retractedOn: c.retraction?.retractedOn,
      ...(c.credibility !== undefined && { credibility: c.credibility }),
      ...(c.geolocationPrecisionMeters !== undefined && { geolocationPrecisionMeters: c.geolocationPrecisionMeters }),
    });
  }
  const investigations: InvestigationEvidence[] = [];
  for (const id of incident.investigationIds) {
    const i = model.investigations.get(id);
    if (i) investigations.push(investigationEvidence(model, i));
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
    allegedUserKind: allegedUser.kind,
    ...(allegedUser.name !== undefined && { allegedUserName: allegedUser.name }),
    ...(munition.producerStateCodes && { producerStateCodes: munition.producerStateCodes }),
    ...(munition.supplierStateCodes && { supplierStateCodes: munition.supplierStateCodes }),
    withdrawnOn: incident.withdrawal?.withdrawnOn,
    corroborations,
    investigations,
    statements,
  };
}
