import type { RegistryEvent } from '@app/domain';
import { createRegistryModel, type RegistryModel } from './model';
import { evolveRegistry } from './registry.projection';
import { allege, corroborate, corroboration, EventLog, source } from './testing/event-log.fixtures';
import { buildModel, buildModelAsOf } from './time-travel';
import { inferStateCode, normaliseName, organisationOf, similarSources, stateSourceOf } from './source-identity';

function given(...events: RegistryEvent[]): { model: RegistryModel; when: (e: RegistryEvent) => void } {
  const model = createRegistryModel();
  const log = new EventLog();
  for (const e of events) evolveRegistry(model, log.add(e));
  return { model, when: (e) => evolveRegistry(model, log.add(e)) };
}
const registered = (sourceId: string, name: string, more: object = {}): RegistryEvent => ({
  type: 'SourceRegistered',
  data: { sourceId, name, kind: 'NGO', grade: 'B', ...more },
});

describe('sources that are who they are', () => {
  it('counts a merged duplicate as its canonical organisation: its reports count once, identity kept', () => {
    const { model, when } = given(
      source('hrw', 'Human Rights Watch', 'A'),
      source('hrw2', 'HRW', 'A'),
      allege('inc-1', '2016-01-10', corroboration('c1', 'hrw', '2016-01-10')),
      corroborate('inc-1', corroboration('c2', 'hrw2', '2016-01-12')),
    );
    expect(model.incidents.get('inc-1')!.assessment.status).toBe('CORROBORATED');
    when({
      type: 'SourcesMerged',
      data: { sourceId: 'hrw2', canonicalSourceId: 'hrw', reason: 'same', mergedOn: '2016-02-01' },
    });
    expect(model.incidents.get('inc-1')!.assessment).toMatchObject({
      status: 'ALLEGED',
      independentSupportingSources: 1,
    });
    expect(model.sources.get('hrw')).toMatchObject({ aliases: ['HRW'], mergedDuplicates: ['hrw2'] });
    expect(model.corroborations.get('c2')!.sourceId).toBe('hrw2');
    expect(organisationOf(model, 'hrw2')).toBe('hrw');
  });

  it('judges independence by the root parent organisation', () => {
    const { model } = given(
      registered('ai', 'Amnesty International'),
      registered('ai-uk', 'Amnesty UK', { parentOrganisation: 'ai' }),
      registered('ai-uk-n', 'Amnesty UK North', { parentOrganisation: 'ai-uk' }),
      allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10')),
      corroborate('inc-1', corroboration('c2', 'ai-uk-n', '2016-01-12')),
    );
    expect(organisationOf(model, 'ai-uk-n')).toBe('ai');
    expect(model.incidents.get('inc-1')!.assessment.independentSupportingSources).toBe(1);
  });

  it("infers an older STATE source's code from its name as a code or a State name, else flags it", () => {
    // The shipped ISO 3166-1 table (data/reference/iso-3166-1.csv), as every model builder reads it.
    expect(inferStateCode('STATE', 'SAU')).toBe('SAU');
    expect(inferStateCode('STATE', 'united kingdom')).toBe('GBR');
    expect(inferStateCode('STATE', ' United Kingdom ')).toBe('GBR');
    expect(inferStateCode('STATE', 'Iran, Islamic Republic of')).toBe('IRN');
    expect(inferStateCode('STATE', 'Saudi Arabia Ministry of Defence')).toBeNull();
    expect(inferStateCode('STATE', 'XYZ')).toBeNull();
    expect(inferStateCode('NGO', 'SAU')).toBeNull();
    const { model } = given(
      source('mod', 'Saudi Arabia Ministry of Defence', 'B', 'STATE'),
      source('SAU', 'SAU', 'C', 'STATE'),
    );
    expect(model.sources.get('mod')).toMatchObject({ stateCode: null, stateCodeUnresolved: true });
    expect(model.sources.get('SAU')).toMatchObject({ stateCode: 'SAU', stateCodeUnresolved: false });
  });

  it('finds sources with a close name: normalised, acronyms, aliases, small edits; not unrelated ones', () => {
    const { model } = given(
      registered('hrw', 'Human Rights Watch'),
      registered('ai', 'Amnesty International', { aliases: ['AI'] }),
      registered('aoav', 'Action on Armed Violence'),
      registered('icrc', 'International Committee of the Red Cross', { aliases: ['CICR'] }),
    );
    const names = (name: string, aliases: string[] = []) =>
      similarSources(model.sources.values(), name, aliases).map((s) => s.sourceId);
    expect(names('HRW')).toEqual(['hrw']);
    expect(names('human rights watch')).toEqual(['hrw']);
    expect(names('Human Right Watch')).toEqual(['hrw']);
    expect(names('Amnesty Internationl')).toEqual(['ai']);
    expect(names('AI')).toEqual(['ai']);
    expect(names('Comité international', ['CICR'])).toEqual(['icrc']);
    expect(names('Landmine Monitor')).toEqual([]);
    expect(normaliseName('The Human Rights & Watch!')).toBe('human rights watch');
  });

  it("finds a State's own STATE source by its code: merged duplicates skipped, the root before its parts", () => {
    const state = (id: string, name: string, more: object = {}) => registered(id, name, { kind: 'STATE', ...more });
    const { model, when } = given(
      state('mod', 'UK Ministry of Defence', { stateCode: 'GBR', parentOrganisation: 'uk' }),
      state('uk', 'United Kingdom'),
      state('uk2', 'UK Government', { stateCode: 'GBR' }),
      state('fr', 'France', { stateCode: 'FRA' }),
    );
    expect(stateSourceOf(model, 'GBR')?.sourceId).toBe('uk');
    const merged = { sourceId: 'uk', canonicalSourceId: 'uk2', reason: 'same', mergedOn: '2016-02-01' };
    when({ type: 'SourcesMerged', data: merged });
    expect(stateSourceOf(model, 'GBR')?.sourceId).toBe('uk2');
    expect(stateSourceOf(model, 'NOR')).toBeUndefined();
  });

  it('reads an older STATE source named "Saudi Arabia" as the alleged user, live and in every replay', () => {
    const log = new EventLog();
    const events = [
      source('ai', 'Amnesty International', 'B'),
      source('hrw', 'Human Rights Watch', 'A'),
      source('ksa', 'Saudi Arabia', 'B', 'STATE'),
      allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10', { evidenceKinds: ['REMNANT_PHOTO'] })),
      corroborate('inc-1', corroboration('c2', 'hrw', '2016-01-12', { evidenceKinds: ['EXPERT_IDENTIFICATION'] })),
      // The user's own denial: it must not lower a confirmed incident, whichever way the model is built.
      corroborate('inc-1', corroboration('c3', 'ksa', '2016-01-20', { stance: 'DISPUTES' })),
    ].map((e) => log.add(e));
    const live = createRegistryModel();
    for (const stored of events) evolveRegistry(live, stored);
    const replayed = buildModelAsOf(events, { clock: 'RECORDED', at: new Date('2100-01-01') });
    const models = [live, buildModel(events), replayed];
    for (const model of models) {
      expect(model.sources.get('ksa')).toMatchObject({ stateCode: 'SAU', stateCodeUnresolved: false });
      expect(model.incidents.get('inc-1')!.assessment.status).toBe('CONFIRMED');
    }
  });
});
