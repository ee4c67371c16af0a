import { buildModel, speakOutReport } from '@app/projections';
import { ccmStates, yemenStory } from '../../../../libs/projections/src/testing/event-log.fixtures';
import { warmReportAsOf } from './warm-report';

describe('warmReportAsOf', () => {
  it('reports once, halfway from the first incident to the latest evidence; the live model is left as it was', () => {
    const model = buildModel(yemenStory().events);
    const before = JSON.stringify(speakOutReport(model, ccmStates()));
    const day = warmReportAsOf(model);
    const first = Math.min(...[...model.incidents.values()].map((i) => Date.parse(i.reportedOn)));
    const latest = Date.parse(model.latestEvidenceDate!);
    expect(day).toBe(new Date(first + Math.floor((latest - first) / 2)).toISOString().slice(0, 10));
    expect(JSON.stringify(speakOutReport(model, ccmStates()))).toBe(before);
  });

  it('does nothing on a registry without evidence', () => {
    expect(warmReportAsOf(buildModel([]))).toBeNull();
  });
});
