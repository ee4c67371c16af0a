/** The distribution of condemnation lags (days from confirmation to a State's condemnation) as a bar chart. */
import { s } from './dom';

export const LAG_BINS = [
  { label: 'before', max: -1 },
  { label: '0–7 d', max: 7 },
  { label: '8–30 d', max: 30 },
  { label: '31–90 d', max: 90 },
  { label: '91–180 d', max: 180 },
  { label: '181–365 d', max: 365 },
  { label: '> 1 year', max: Infinity },
] as const;

/** How many lags fall in each bin (a negative lag: the State condemned before the incident was confirmed). */
export function lagBins(days: readonly number[]): number[] {
  const counts = LAG_BINS.map(() => 0);
  for (const d of days) counts[LAG_BINS.findIndex((b) => d <= b.max)]++;
  return counts;
}

export function lagChart(days: readonly number[], titleId: string): SVGElement {
  const counts = lagBins(days);
  const max = Math.max(1, ...counts);
  const W = 560,
    H = 200,
    left = 8,
    bottom = 36,
    top = 20,
    barW = (W - left * 2) / counts.length;
  const bars = counts.map((n, i) => {
    const barH = ((H - top - bottom) * n) / max;
    const x = left + i * barW;
    return s(
      'g',
      {},
      s('rect', { x: x + 6, y: H - bottom - barH, width: barW - 12, height: barH, class: 'bar' }),
      s('text', { x: x + barW / 2, y: H - bottom - barH - 4, 'text-anchor': 'middle', class: 'bar-value' }, String(n)),
      s(
        'text',
        { x: x + barW / 2, y: H - bottom + 16, 'text-anchor': 'middle', class: 'bar-label' },
        LAG_BINS[i].label,
      ),
    );
  });
  const summary = LAG_BINS.map((b, i) => `${b.label}: ${counts[i]}`).join('; ');
  return s(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'lag-chart', 'aria-labelledby': titleId },
    s('desc', {}, `Condemnations by days after confirmation. ${summary}.`),
    s('line', { x1: left, x2: W - left, y1: H - bottom, y2: H - bottom, class: 'axis' }),
    ...bars,
  );
}
