import { buildModel, speakOutReport } from '@app/projections';
import { ccmStates, yemenStory } from '../../../../libs/projections/src/testing/event-log.fixtures';
import { warmReportAsOf } from './warm-report';

describe('warmReportAsOf', () => {
  it('reports once as of a year before the latest evidence, and leaves the live model as it was', () => {
    const model = buildModel(yemenStory().events);
    const before = JSON.stringify(speakOutReport(model, ccmStates()));
    const day = warmReportAsOf(model);
    expect(model.latestEvidenceDate).not.toBeNull();
    const latest = Date.parse(`${model.latestEvidenceDate}T00:00:00Z`);
    expect(day).toBe(new Date(latest - 365 * 86_400_000).toISOString().slice(0, 10));
    expect(JSON.stringify(speakOutReport(model, ccmStates()))).toBe(before);
  });

  it('does nothing on a registry without evidence', () => {
    expect(warmReportAsOf(buildModel([]))).toBeNull();
  });
});
