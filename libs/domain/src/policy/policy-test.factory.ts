// Tiny builders for policy specs: one line of evidence per call, so a test table reads like a story.
import type { EvidenceKind, Grade, InvestigationOutcome, IsoDate, StatementKind } from '../events';
import type { CorroborationEvidence, IncidentEvidence, InvestigationEvidence, StatementEvidence } from './assessment';

type Item = CorroborationEvidence | InvestigationEvidence | StatementEvidence | { withdrawnOn: IsoDate };

/** The alleged user in these specs: SAU (one State of a coalition with ARE). */
export const USER = ['SAU', 'ARE'];

export function incident(...items: Item[]): IncidentEvidence {
  return incidentBy(USER, ...items);
}

export function incidentBy(allegedUserStateCodes: string[], ...items: Item[]): IncidentEvidence {
  const e: IncidentEvidence = {
    incidentId: 'inc-1',
    allegedUserStateCodes,
    corroborations: [],
    investigations: [],
    statements: [],
  };
  for (const item of items) {
    if ('corroborationId' in item) e.corroborations.push(item);
    else if ('investigationId' in item) e.investigations.push(item);
    else if ('statementId' in item) e.statements.push(item);
    else e.withdrawnOn = item.withdrawnOn;
  }
  return e;
}

type More = Partial<CorroborationEvidence>;

/** The names the specs' source ids stand for (reasons name sources; ids stay in evidenceIds). */
const NAMES: Record<string, string> = {
  amnesty: 'Amnesty International',
  hrw: 'Human Rights Watch',
  'un-panel': 'UN Panel of Experts',
  bbc: 'BBC',
  'sau-mod': 'Saudi Arabia Ministry of Defence',
  blog: 'a blog',
  local: 'a local group',
  guardian: 'The Guardian',
};

/** A report by `sourceId` supporting the use, witness testimony unless said otherwise. */
export const sup = (
  id: string,
  sourceId: string,
  sourceGrade: Grade,
  publishedOn: IsoDate,
  more: More = {},
): CorroborationEvidence => ({
  corroborationId: id,
  sourceId,
  sourceName: NAMES[sourceId] ?? sourceId,
  sourceGrade,
  stance: 'SUPPORTS',
  evidenceKinds: ['WITNESS_TESTIMONY'],
  publishedOn,
  ...more,
});

export const dis = (
  id: string,
  sourceId: string,
  sourceGrade: Grade,
  publishedOn: IsoDate,
  more: More = {},
): CorroborationEvidence => ({ ...sup(id, sourceId, sourceGrade, publishedOn, more), stance: 'DISPUTES' });

export const kinds = (...evidenceKinds: EvidenceKind[]): More => ({ evidenceKinds });
export const photos: More = kinds('REMNANT_PHOTO', 'WITNESS_TESTIMONY');
export const derivedFrom = (origin: string): More => ({ derivedFrom: origin });
export const retracted = (retractedOn: IsoDate): More => ({ retractedOn });
/** A State source matched to the alleged user by its code (SAU), whatever its name. */
export const byUser: More = { sourceStateCode: 'SAU' };

/** A UN investigation (by a State when `by` gives its code); `closed` adds its conclusion. */
export const inv = (
  id: string,
  openedOn: IsoDate,
  closed?: [InvestigationOutcome, IsoDate],
  by?: string,
): InvestigationEvidence => ({
  investigationId: id,
  investigatorKind: by ? 'STATE' : 'UN',
  investigatorStateCode: by,
  investigatorName: by ?? 'the UN Panel',
  openedOn,
  ...(closed ? { outcome: closed[0], concludedOn: closed[1] } : {}),
});

export const said = (id: string, kind: StatementKind, speakers: string[], deliveredOn: IsoDate): StatementEvidence => ({
  statementId: id,
  kind,
  speakers,
  deliveredOn,
});

export const withdrawn = (withdrawnOn: IsoDate) => ({ withdrawnOn });
