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
});
