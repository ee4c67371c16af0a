import { ccmStatusOn } from '@app/domain';
import type { CcmState, CcmStatus, Grade, IsoDate, SourceKind } from '@app/domain';
import type { CorroborationView, InvestigationView, RegistryModel, SourceView } from './model';
import { resolveIncidentId } from './model';

export interface SourceFilter {
  kind?: SourceKind;
  grade?: Grade;
}

/** Sources by name. */
export function listSources(model: RegistryModel, filter: SourceFilter = {}): SourceView[] {
  return [...model.sources.values()]
    .filter(
      (s) =>
        (filter.kind === undefined || s.kind === filter.kind) &&
        (filter.grade === undefined || s.grade === filter.grade),
    )
    .sort((a, b) => a.name.localeCompare(b.name) || (a.sourceId < b.sourceId ? -1 : 1));
}

export interface SourceDetail extends SourceView {
  /** The source's corroborations, oldest publication first (incidentId is the canonical incident). */
  corroborations: CorroborationView[];
}

export function getSource(model: RegistryModel, id: string): SourceDetail | null {
  const source = model.sources.get(id);
  if (!source) return null;
  const corroborations = [...(model.corroborationsBySource.get(id) ?? [])]
    .flatMap((cid) => model.corroborations.get(cid) ?? [])
    .sort((a, b) => (a.publishedOn < b.publishedOn ? -1 : a.publishedOn > b.publishedOn ? 1 : 0));
  return { ...source, corroborations };
}

export interface InvestigationDetail extends InvestigationView {
  /** The covered incidents resolved to their canonical ids (merged duplicates), without repeats. */
  canonicalIncidentIds: string[];
}

export function getInvestigation(model: RegistryModel, id: string): InvestigationDetail | null {
  const inv = model.investigations.get(id);
  if (!inv) return null;
  return { ...inv, canonicalIncidentIds: [...new Set(inv.incidentIds.map((i) => resolveIncidentId(model, i)))] };
}

export interface StateFilter {
  status?: CcmStatus;
  /** The date the status is taken on (default: the list as it stands today). */
  on?: IsoDate;
}

export interface StateView {
  stateCode: string;
  name: string;
  ccmStatus: CcmStatus;
  signedOn: IsoDate | null;
  ratifiedOrAccededOn: IsoDate | null;
  entryIntoForceOn: IsoDate | null;
  withdrawnOn: IsoDate | null;
}

/** The States on the CCM list with their status on a date (States never on the list are NOT_PARTY). */
export function listStates(states: readonly CcmState[], filter: StateFilter = {}): StateView[] {
  const on = filter.on ?? '9999-12-31';
  return states
    .map((s): StateView => ({
      stateCode: s.iso3,
      name: s.name,
      ccmStatus: ccmStatusOn(s, on),
      signedOn: s.signedOn ?? null,
      ratifiedOrAccededOn: s.ratifiedOrAccededOn ?? null,
      entryIntoForceOn: s.entryIntoForceOn ?? null,
      withdrawnOn: s.withdrawnOn ?? null,
    }))
    .filter((s) => filter.status === undefined || s.ccmStatus === filter.status)
    .sort((a, b) => (a.stateCode < b.stateCode ? -1 : 1));
}
