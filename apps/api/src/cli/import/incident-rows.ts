import type { IncidentDetails } from '@app/domain';
import { AllegeUseCommand } from '../../incidents/commands/allege-use.handler';
import { CorrectIncidentCommand, WithdrawIncidentCommand } from '../../incidents/commands/incident-lifecycle.handlers';
import { AllegeUseInput } from '../../incidents/dto/allege-use.input';
import type { CorrectIncidentInput } from '../../incidents/dto/correct-incident.input';
import type { WithdrawIncidentInput } from '../../incidents/dto/incident-lifecycle.inputs';
import { RegradeSourceCommand, RegisterSourceCommand } from '../../sources/commands/source.handlers';
import { RegisterSourceInput, type RegradeSourceInput } from '../../sources/dto/source.inputs';
import { INCIDENT_DETAIL_COLUMNS } from '../incident-columns';
import { cell } from './import-file';
import { canon, changedFields, type FieldProblem, type ImportKind, refId } from './import-kinds';

export const SOURCE_ROWS: ImportKind = {
  short: 'source',
  purpose: 'source',
  dto: RegisterSourceInput,
  fieldColumns: {},
  columns: ['externalId', 'name', 'kind', 'grade', 'homepage'],
  toInput: (c) => ({
    name: cell.text(c.name),
    kind: cell.text(c.kind),
    grade: cell.text(c.grade),
    homepage: cell.text(c.homepage),
  }),
  check: () => [],
  revision: (id, ctx) => ctx.registry.source(id)?.revision,
  create: (input, meta) => new RegisterSourceCommand(input as RegisterSourceInput, meta),
  async change(id, raw, key, ctx) {
    const input = raw as RegisterSourceInput;
    const current = ctx.registry.source(id)!;
    for (const field of ['name', 'kind', 'homepage'] as const) {
      if (canon(current[field]) !== canon(input[field])) {
        return { field, message: `a source's ${field} cannot be corrected (only its grade can be changed)` };
      }
    }
    if (current.grade === input.grade) return null;
    const regrade: RegradeSourceInput = {
      sourceId: id,
      newGrade: input.grade,
      reason: ctx.reason,
      regradedOn: ctx.asOf,
      idempotencyKey: key,
    };
    return { verb: 'correct', command: new RegradeSourceCommand(regrade, ctx.meta) };
  },
  withdraw: () => 'unsupported',
};

const DETAIL_FIELDS = [
  'occurredFrom',
  'occurredTo',
  'location',
  'munition',
  'allegedUser',
  'casualties',
  'summary',
] as const;

function detailsOf(input: AllegeUseInput): IncidentDetails {
  const { occurredFrom, occurredTo, location, munition, allegedUser, casualties, summary } = input;
  return { occurredFrom, occurredTo: occurredTo ?? occurredFrom, location, munition, allegedUser, casualties, summary };
}

export const INCIDENT_ROWS: ImportKind = {
  short: 'incident',
  purpose: 'incident',
  dto: AllegeUseInput,
  columns: [
    'externalId',
    ...INCIDENT_DETAIL_COLUMNS,
    'source',
    'evidenceKinds',
    'publishedOn',
    'citationUrl',
    'archivedUrl',
    'archivedSha256',
    'sourceSummary',
  ],
  fieldColumns: {
    'location.countryCode': 'countryCode',
    'location.placeName': 'placeName',
    'location.latitude': 'latitude',
    'location.longitude': 'longitude',
    'location.precisionMeters': 'precisionMeters',
    'munition.type': 'munitionType',
    'munition.delivery': 'delivery',
    'allegedUser.kind': 'allegedUserKind',
    'allegedUser.stateCodes': 'allegedUserStates',
    'allegedUser.name': 'allegedUserName',
    'casualties.killed': 'killed',
    'casualties.injured': 'injured',
    'firstSource.sourceId': 'source',
    'firstSource.evidenceKinds': 'evidenceKinds',
    'firstSource.publishedOn': 'publishedOn',
    'firstSource.citation.url': 'citationUrl',
    'firstSource.citation.archivedUrl': 'archivedUrl',
    'firstSource.citation.archivedSha256': 'archivedSha256',
    'firstSource.summary': 'sourceSummary',
  },
  toInput: (c, ctx) => {
    const killed = cell.number(c.killed);
    const injured = cell.number(c.injured);
    return {
      occurredFrom: cell.text(c.occurredFrom),
      occurredTo: cell.text(c.occurredTo),
      location: {
        countryCode: cell.text(c.countryCode),
        placeName: cell.text(c.placeName),
        latitude: cell.number(c.latitude),
        longitude: cell.number(c.longitude),
        precisionMeters: cell.number(c.precisionMeters),
      },
      munition: { type: cell.text(c.munitionType), delivery: cell.text(c.delivery) },
      allegedUser: {
        kind: cell.text(c.allegedUserKind),
        stateCodes: cell.list(c.allegedUserStates),
        name: cell.text(c.allegedUserName),
      },
      casualties: killed === undefined && injured === undefined ? undefined : { killed, injured },
      summary: cell.text(c.summary),
      reportedOn: cell.text(c.reportedOn),
      firstSource: {
        sourceId: refId(ctx, 'source', 'source', c.source),
        evidenceKinds: cell.list(c.evidenceKinds),
        publishedOn: cell.text(c.publishedOn),
        summary: cell.text(c.sourceSummary) ?? '',
        citation: {
          url: cell.text(c.citationUrl),
          archivedUrl: cell.text(c.archivedUrl),
          archivedSha256: cell.text(c.archivedSha256),
        },
      },
    };
  },
  check(raw, ctx) {
    const input = raw as AllegeUseInput;
    const problems: FieldProblem[] = [];
    if (!ctx.registry.sourceExists(input.firstSource.sourceId))
      problems.push({ field: 'source', message: 'no such source in the registry' });
    if (!ctx.reference.isKnownCountry(input.location.countryCode))
      problems.push({ field: 'countryCode', message: 'unknown ISO 3166-1 alpha-3 code' });
    const unknown = input.allegedUser.stateCodes.find((code) => !ctx.reference.isKnownCountry(code));
    if (unknown) problems.push({ field: 'allegedUserStates', message: `unknown ISO 3166-1 alpha-3 code ${unknown}` });
    return problems;
  },
  revision: (id, ctx) => ctx.registry.incident(id)?.revision,
  create: (input, meta) => new AllegeUseCommand(input as AllegeUseInput, meta),
  async change(id, raw, key, ctx) {
    const current = ctx.registry.incident(id)!;
    if (current.merged) return null;
    if (current.withdrawn)
      return {
        field: 'externalId',
        message: 'this incident was withdrawn; it cannot come back (import it under a new externalId)',
      };
    const changes = changedFields(current.details, detailsOf(raw as AllegeUseInput), DETAIL_FIELDS);
    if (Object.keys(changes).length === 0) return null;
    const correct = {
      incidentId: id,
      changes,
      reason: ctx.reason,
      correctedOn: ctx.asOf,
      idempotencyKey: key,
    } as CorrectIncidentInput;
    return { verb: 'correct', command: new CorrectIncidentCommand(correct, ctx.meta) };
  },
  withdraw(id, key, ctx) {
    const current = ctx.registry.incident(id);
    if (!current || current.withdrawn || current.merged) return null;
    const input: WithdrawIncidentInput = {
      incidentId: id,
      reason: ctx.reason,
      withdrawnOn: ctx.asOf,
      idempotencyKey: key,
    };
    return new WithdrawIncidentCommand(input, ctx.meta);
  },
};
