import type { StoredEvent } from '@app/event-store';
import { createRegistryModel, evolveRegistry, type RegistryModel } from '@app/projections';
import { allege, ccmStates, corroboration, EventLog, source } from '../../projections/src/testing/event-log.fixtures';
import { randomHistory } from '../../projections/src/testing/random-history';
import type { FoldedStatusChange, PageChanges } from './page-changes';
import { ALL_CORROBORATION_FIELDS, liveIncident } from './live-incident';
import { ReadStore } from './read-store';
import { stateTimelineAt } from './timeline-at';

const SEEDS = Array.from({ length: 8 }, (_, i) => 301 + i);
const states = ccmStates();

/**
 * What the model's ChangeSets say a page changed: per incident, the status before its first change in the page and
 * after its last, named by the last event that moved it, with its assessment at the page's end; nothing for one that
 * moved back, or that the page merged into another (a merged duplicate is not shown on its own: its id resolves to
 * its incident).
 */
function modelPageChanges(model: RegistryModel, page: readonly StoredEvent[]): PageChanges {
  const net = new Map<string, FoldedStatusChange>();
  const recordedStatementIds: string[] = [];
  for (const stored of page) {
    const changes = evolveRegistry(model, stored);
    recordedStatementIds.push(...changes.recordedStatementIds);
    for (const { incidentId, before, after, assessment } of changes.statusChanges) {
      const first = net.get(incidentId)?.before;
      net.set(incidentId, { incidentId, before: first === undefined ? before : first, after, assessment, eventId: '' });
      net.get(incidentId)!.eventId = changes.eventId;
    }
  }
  // The assessment as the page left it (a later event of the page may change it and not the status).
  const statusChanges = [...net.values()]
    .filter((c) => c.before !== c.after && !model.mergedInto.has(c.incidentId))
    .map((c) => ({ ...c, assessment: model.incidents.get(c.incidentId)!.assessment }));
  return { statusChanges, recordedStatementIds, markedIncidentIds: [], spokenStateCodes: [] };
}

type Shown = Omit<PageChanges, 'markedIncidentIds' | 'spokenStateCodes'>;

/**
 * The changes the model's ChangeSets can say too: which incidents a page marked and which States spoke in it are the
 * file's own (tested below).
 */
const byIncident = ({ markedIncidentIds: _marked, spokenStateCodes: _spoken, ...changes }: PageChanges): Shown => ({
  ...changes,
  statusChanges: [...changes.statusChanges].sort((a, b) => a.incidentId.localeCompare(b.incidentId)),
});

/** Folds `events` live in pages of `size`, into the file and the model; each page's changes side by side. */
function foldBoth(events: readonly StoredEvent[], size: number) {
  const file = ReadStore.openFile(':memory:');
  const model = createRegistryModel();
  const pages: { at: number; file: Shown; model: PageChanges; page: readonly StoredEvent[] }[] = [];
  for (let at = 0; at < events.length; at += size) {
    const page = events.slice(at, at + size);
    pages.push({
      at,
      page,
      file: byIncident(file.applyPage(page, { assess: true })),
      model: modelPageChanges(model, page),
    });
  }
  file.close();
  return pages;
}

describe('what a page folded live changed (the subscriptions publish it)', () => {
  it.each(SEEDS)('history %i, a page per event: the status changes and statements the model reports', (seed) => {
    const { events } = randomHistory(seed, 160);
    let moved = 0;
    for (const { at, file, model } of foldBoth(events, 1)) {
      expect({ at, ...file }).toEqual({ at, ...byIncident(model) });
      moved += file.statusChanges.length;
    }
    expect(moved).toBeGreaterThan(10);
  });

  it.each(SEEDS)('history %i, pages of several events: the net change per incident in each page', (seed) => {
    const { events } = randomHistory(seed, 160);
    let named = 0;
    for (const size of [3, 8]) {
      for (const { at, page, file, model } of foldBoth(events, size)) {
        // The model names the last event that moved the incident; the file, the last that marked it (at or after).
        const ids = page.map((e) => e.id);
        const wanted = byIncident(model).statusChanges;
        expect({ at, ...file, statusChanges: file.statusChanges.map((c) => ({ ...c, eventId: '' })) }).toEqual({
          at,
          ...byIncident(model),
          statusChanges: wanted.map((c) => ({ ...c, eventId: '' })),
        });
        file.statusChanges.forEach((c, i) => {
          expect(ids.indexOf(c.eventId)).toBeGreaterThanOrEqual(ids.indexOf(wanted[i].eventId));
          if (c.eventId === wanted[i].eventId) named++;
        });
      }
    }
    expect(named).toBeGreaterThan(10);
  });

  it('a status that moves and moves back within one page moved nothing; page by page, it moved twice', () => {
    const log = new EventLog();
    log.add(source('ai', 'Amnesty International', 'B'));
    log.add(source('hrw', 'Human Rights Watch', 'A'));
    log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10')));
    log.add({
      type: 'CorroborationAdded',
      data: { ...corroboration('c2', 'hrw', '2016-02-15'), incidentId: 'inc-1' },
    });
    log.add({
      type: 'CorroborationRetracted',
      data: { incidentId: 'inc-1', corroborationId: 'c2', reason: 'withdrawn by HRW', retractedOn: '2016-02-20' },
    });
    const [setUp, flip, back] = [log.events.slice(0, 3), log.events[3], log.events[4]];
    const onePage = ReadStore.openFile(':memory:');
    onePage.applyPage(setUp, { assess: true });
    expect(onePage.applyPage([flip, back], { assess: true }).statusChanges).toEqual([]);
    const twoPages = ReadStore.openFile(':memory:');
    twoPages.applyPage(setUp, { assess: true });
    const moves = [twoPages.applyPage([flip], { assess: true }), twoPages.applyPage([back], { assess: true })];
    expect(moves.map((m) => m.statusChanges.map((c) => [c.before, c.after, c.eventId]))).toEqual([
      [['ALLEGED', 'CORROBORATED', flip.id]],
      [['CORROBORATED', 'ALLEGED', back.id]],
    ]);
    onePage.close();
    twoPages.close();
  });

  it('a bulk rebuild and a page folded without assessing report nothing; what they left is not heard', () => {
    const { events } = randomHistory(SEEDS[0], 120);
    const none = { statusChanges: [], recordedStatementIds: [], markedIncidentIds: [], spokenStateCodes: [] };
    const bulk = ReadStore.openFile(':memory:', { bulk: true });
    expect(bulk.applyPage(events, { assess: false })).toEqual(none);
    bulk.close();
    const live = ReadStore.openFile(':memory:');
    const model = createRegistryModel();
    expect(live.applyPage(events.slice(0, 60), { assess: false })).toEqual(none);
    modelPageChanges(model, events.slice(0, 60));
    // Assessed before the next page, unheard: the next page is compared with the statuses that gives.
    for (let at = 60; at < 70; at++) {
      const page = events.slice(at, at + 1);
      expect({ at, ...byIncident(live.applyPage(page, { assess: true })) }).toEqual({
        at,
        ...byIncident(modelPageChanges(model, page)),
      });
    }
    live.close();
  });

  it.each(SEEDS)('history %i: an incident whose answer a page changed is among the incidents it marked', (seed) => {
    const { events } = randomHistory(seed, 160);
    const ids = [...new Set(events.flatMap((e) => (e.type === 'UseAlleged' ? [String(e.data.incidentId)] : [])))];
    for (const size of [1, 3]) {
      const file = ReadStore.openFile(':memory:');
      const answers = () =>
        ids.map((id) => JSON.stringify(liveIncident(file.db, id, file.policy, ALL_CORROBORATION_FIELDS)));
      let before = answers();
      let [changed, unmarked] = [0, 0];
      for (let at = 0; at < events.length; at += size) {
        const { markedIncidentIds } = file.applyPage(events.slice(at, at + size), { assess: true });
        const after = answers();
        const marked = new Set(markedIncidentIds);
        ids.forEach((id, i) => {
          // The service keeps the answer for `id` under `id` and the incident it resolved to (see LiveReads).
          const keys = [id, (JSON.parse(before[i]) as { incidentId: string } | null)?.incidentId ?? id];
          if (after[i] !== before[i]) {
            changed++;
            expect({ at, id, marked: keys.some((key) => marked.has(key)) }).toEqual({ at, id, marked: true });
          } else if (!keys.some((key) => marked.has(key))) unmarked++;
        });
        before = after;
      }
      // The test can fail both ways: answers do change, and most incidents are left out of most pages.
      expect(changed).toBeGreaterThan(20);
      expect(unmarked).toBeGreaterThan(changed);
      file.close();
    }
  });

  it.each(SEEDS)(
    'history %i: a State whose timeline a page changed spoke in it, or it marked an incident named',
    (seed) => {
      const { events } = randomHistory(seed, 160);
      const codes = [
        ...new Set(events.flatMap((e) => (e.type === 'StatementRecorded' ? (e.data.speakers as string[]) : []))),
      ];
      for (const size of [1, 3]) {
        const file = ReadStore.openFile(':memory:');
        const timelines = () => codes.map((code) => stateTimelineAt(file.db, 'LIVE', states, code, file.policy));
        let before = timelines();
        let [changed, untouched] = [0, 0];
        for (let at = 0; at < events.length; at += size) {
          const { markedIncidentIds, spokenStateCodes } = file.applyPage(events.slice(at, at + size), { assess: true });
          const after = timelines();
          const marked = new Set(markedIncidentIds);
          codes.forEach((code, i) => {
            // The service keeps a timeline under its State and the incidents its statements name (see LiveReads).
            const named = [before[i], after[i]].flatMap((t) =>
              t.entries.flatMap((e) =>
                e.incidents.flatMap((n) => [n.incidentId, n.canonicalIncidentId ?? n.incidentId]),
              ),
            );
            const told = spokenStateCodes.includes(code) || named.some((id) => marked.has(id));
            if (JSON.stringify(after[i]) !== JSON.stringify(before[i])) {
              changed++;
              expect({ at, code, told }).toEqual({ at, code, told: true });
            } else if (!told) untouched++;
          });
          before = after;
        }
        // The test can fail both ways: timelines do change, and most pages leave most States alone.
        expect(changed).toBeGreaterThan(10);
        expect(untouched).toBeGreaterThan(changed);
        file.close();
      }
    },
  );
});
