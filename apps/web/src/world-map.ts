/**
 * The world map: country shapes from world-atlas (shipped in the bundle, no tiles), drawn with d3-geo and
 * framed on the countries with incidents; incidents as points, one SVG path per status (10,000 points stay
 * a handful of DOM nodes).
 */
import { type GeoPermissibleObjects, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import type { MapPoint } from './api/documents';
import { numericCode } from './countries';
import { s } from './dom';
import { STATUSES, STATUS_LABEL, type Status } from './words';

const WIDTH = 960;
const HEIGHT = 500;
const PAD = 40;
const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const countries = feature(topology, topology.objects.countries).features;
const SPHERE: GeoPermissibleObjects = { type: 'Sphere' };

export interface WorldMap {
  svg: SVGElement;
  draw(points: readonly MapPoint[]): void;
}

export function worldMap(titleId: string): WorldMap {
  const projection = geoNaturalEarth1();
  const path = geoPath(projection);
  const sphere = s('path', { class: 'sphere' });
  const countryPaths = countries.map((c) => s('path', { 'data-id': String(c.id) }, s('title', {}, c.properties.name)));
  const pointLayer = s('g', { class: 'points' });
  const desc = s('desc', { id: `${titleId}-desc` });
  const svg = s(
    'svg',
    {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      class: 'world-map',
      'aria-labelledby': titleId,
      'aria-describedby': `${titleId}-desc`,
    },
    desc,
    sphere,
    s('g', { class: 'countries' }, ...countryPaths),
    pointLayer,
  );

  let framed: string | undefined;
  /** Frames the countries with incidents (the whole world when there are none); redraws the shapes. */
  const frame = (shaded: Set<string | undefined>) => {
    const key = [...shaded].sort().join();
    if (key === framed) return;
    framed = key;
    const focus = countries.filter((c) => shaded.has(String(c.id)));
    projection.fitExtent(
      [
        [PAD, PAD],
        [WIDTH - PAD, HEIGHT - PAD],
      ],
      focus.length ? { type: 'FeatureCollection', features: focus } : SPHERE,
    );
    sphere.setAttribute('d', path(SPHERE) ?? '');
    countries.forEach((c, n) => countryPaths[n].setAttribute('d', path(c) ?? ''));
  };
  frame(new Set());

  return {
    svg,
    draw(points) {
      const shaded = new Set(points.map((p) => numericCode(p.location.countryCode)));
      frame(shaded);
      for (const el of countryPaths) el.classList.toggle('has-incidents', shaded.has(el.getAttribute('data-id') ?? ''));
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
      pointLayer.replaceChildren(
        ...[...STATUSES]
          .reverse()
          .filter((st) => byStatus.has(st))
          .map((st) => s('path', { d: byStatus.get(st)!.join(''), class: `status-${st}` })),
      );
      const counts = STATUSES.filter((st) => byStatus.has(st)).map(
        (st) => `${byStatus.get(st)!.length} ${STATUS_LABEL[st].toLowerCase()}`,
      );
      desc.textContent = `${placed} incidents with coordinates in ${shaded.size} countries: ${counts.join(', ') || 'none'}.`;
    },
  };
}
