/**
 * The world map: country shapes from world-atlas (shipped in the bundle, no tiles), drawn once with d3-geo;
 * incidents as points, one SVG path per status (10,000 points stay a handful of DOM nodes).
 */
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import type { MapPoint } from './api/documents';
import { numericCode } from './countries';
import { s } from './dom';
import { STATUSES, STATUS_LABEL, type Status } from './words';

const WIDTH = 960;
const HEIGHT = 500;
const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries).features;
const projection = geoNaturalEarth1().fitExtent([[4, 4], [WIDTH - 4, HEIGHT - 4]], { type: 'Sphere' });
const path = geoPath(projection);
let shapes: { id: string; name: string; d: string }[] | undefined;
const countryShapes = () => (shapes ??= countries.map((c) => ({ id: String(c.id), name: c.properties.name, d: path(c) ?? '' })));

export interface WorldMap { svg: SVGElement; draw(points: readonly MapPoint[]): void }

export function worldMap(titleId: string): WorldMap {
  const countryLayer = s('g', { class: 'countries' });
  for (const c of countryShapes()) countryLayer.appendChild(s('path', { d: c.d, 'data-id': c.id }, s('title', {}, c.name)));
  const pointLayer = s('g', { class: 'points' });
  const desc = s('desc', { id: `${titleId}-desc` });
  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'world-map', 'aria-labelledby': titleId,
    'aria-describedby': `${titleId}-desc`,
  }, desc, s('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' }), countryLayer, pointLayer);

  return {
    svg,
    draw(points) {
      const withIncidents = new Set(points.map((p) => numericCode(p.location.countryCode)));
      for (const el of countryLayer.children) el.classList.toggle('has-incidents', withIncidents.has(el.getAttribute('data-id') ?? ''));
      const byStatus = new Map<Status, string[]>();
      let placed = 0;
      for (const p of points) {
        const { latitude, longitude } = p.location;
        if (latitude === null || longitude === null) continue;
        const xy = projection([longitude, latitude]);
        if (!xy) continue;
        placed++;
        const list = byStatus.get(p.assessment.status) ?? [];
        // A dot as two half-circle arcs: one short path segment per incident.
        list.push(`M${(xy[0] - 3).toFixed(1)},${xy[1].toFixed(1)}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0`);
        byStatus.set(p.assessment.status, list);
      }
      // Weakest first, so confirmed incidents are drawn on top.
      pointLayer.replaceChildren(...[...STATUSES].reverse().filter((st) => byStatus.has(st)).map((st) =>
        s('path', { d: byStatus.get(st)!.join(''), class: `status-${st}` })));
      const counts = STATUSES.filter((st) => byStatus.has(st)).map((st) => `${byStatus.get(st)!.length} ${STATUS_LABEL[st].toLowerCase()}`);
      desc.textContent = `${placed} incidents with coordinates in ${withIncidents.size} countries: ${counts.join(', ') || 'none'}.`;
    },
  };
}
