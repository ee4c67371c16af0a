import { DEMO_SOURCES, REPORTERS, SITUATIONS } from './demo-catalogue';
import { LAUSANNE, RESOLUTION, SCOPED_STATEMENTS } from './demo-scopes';
import { planDemo } from './demo-world';

describe('the demo world', () => {
  it('is the same on every run, so that its idempotency keys meet the same inputs again', () => {
    expect(JSON.stringify(planDemo(60))).toBe(JSON.stringify(planDemo(60)));
    expect(JSON.stringify(planDemo(60, 1))).not.toBe(JSON.stringify(planDemo(60)));
  });

  it('dates no evidence after the end of its world, nor a statement before the evidence it answers', () => {
    const { incidents, statements } = planDemo(300);
    const byKey = new Map(incidents.map((p) => [p.key, p]));
    for (const p of incidents) {
      const a = p.allegation as { occurredFrom: string; reportedOn: string };
      expect(a.occurredFrom <= a.reportedOn).toBe(true);
      for (const c of p.corroborations)
        expect(c.publishedOn >= a.reportedOn && c.publishedOn <= '2025-06-30').toBe(true);
    }
    for (const st of statements) {
      const delivered = st.input.deliveredOn as string;
      expect(delivered <= '2025-06-30').toBe(true);
      for (const key of st.incidentKeys) expect(delivered >= (byKey.get(key)?.lastEvidence ?? '')).toBe(true);
    }
    expect(statements.length).toBe(150);
  });

  it('meets policy 2.0.0: STATE sources name their State, investigators are registered sources', () => {
    for (const s of DEMO_SOURCES) expect(s.kind === 'STATE').toBe(s.stateCode !== undefined);
    const keys = new Set(DEMO_SOURCES.map((s) => s.key));
    for (const p of planDemo(120).incidents)
      if (p.investigation) expect(keys.has(p.investigation.opener.sourceKey)).toBe(true);
    // A State's ministry speaks for its own inquiry only; it reports no incident of the generated world.
    expect(REPORTERS.some((k) => DEMO_SOURCES.find((s) => s.key === k)?.kind === 'STATE')).toBe(false);
  });

  it('speaks about situations the demo registers, and any use on the Lausanne day', () => {
    const registered = new Set(SITUATIONS.filter((t) => t.situation).map((t) => t.key));
    expect(SITUATIONS.find((t) => t.key === 'yem')?.situation?.name).toBe('Yemen, Saudi-led coalition, since 2015');
    for (const st of SCOPED_STATEMENTS) {
      expect(st.situation === undefined).toBe(st.user !== undefined);
      if (st.situation) expect(registered.has(st.situation)).toBe(true);
    }
    expect(registered.has(RESOLUTION.situation)).toBe(true);
    expect([LAUSANNE.deliveredOn, LAUSANNE.kind, LAUSANNE.onBehalfOf]).toEqual([
      '2021-09-20',
      'CONDEMNATION',
      'the States Parties',
    ]);
  });
});
