/**
 * The world map: country shapes from world-atlas (shipped in the bundle, no tiles), drawn with d3-geo and
 * framed on the countries with incidents; incidents as points, one SVG path per status (10,000 points stay
 * a handful of DOM nodes).
 */
import { type GeoPermissibleObjects, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import type { IncidentMapData } from './api/documents';
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
  /** Draws the incidents; returns how many were placed. */
  draw(data: IncidentMapData): number;
}

export function worldMap(titleId: string): WorldMap {
  const projection = geoNaturalEarth1();
  // A tenth of a pixel is as fine as a screen shows; the default (three decimals) makes the shapes' paths a third
  // longer and slower to build and for the browser to read.
  const path = geoPath(projection).digits(1);
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
  /**
   * Frames the countries with incidents (the whole world when there are none) and draws the shapes: once the
   * incidents are known, never before (a 177-country redraw costs the browser more than the points do).
   */
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

  return {
    svg,
    draw(data) {
      const shaded = new Set(data.countryCodes.map(numericCode));
      frame(shaded);
      for (const el of countryPaths) el.classList.toggle('has-incidents', shaded.has(el.getAttribute('data-id') ?? ''));
      const drawn = new Map<Status, { d: string; n: number }>();
      for (const { status, coordinates } of data.groups) {
        let d = '';
        let n = 0;
        for (let i = 0; i + 1 < coordinates.length; i += 2) {
          const xy = projection([coordinates[i], coordinates[i + 1]]);
          if (!xy) continue;
          n++;
          // A dot as two half-circle arcs: one short path segment per incident.
          d += `M${(xy[0] - 3).toFixed(1)},${xy[1].toFixed(1)}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0`;
        }
        drawn.set(status, { d, n });
      }
      // Weakest first, so confirmed incidents are drawn on top.
      pointLayer.replaceChildren(
        ...[...STATUSES]
          .reverse()
          .filter((st) => drawn.get(st)?.n)
          .map((st) => s('path', { d: drawn.get(st)!.d, class: `status-${st}` })),
      );
      const placed = [...drawn.values()].reduce((sum, g) => sum + g.n, 0);
      const counts = STATUSES.filter((st) => drawn.get(st)?.n).map(
        (st) => `${drawn.get(st)!.n} ${STATUS_LABEL[st].toLowerCase()}`,
      );
      const where = `in ${shaded.size} countries: ${counts.join(', ') || 'none'}`;
      desc.textContent = `${placed} incidents with coordinates ${where}.`;
      return placed;
    },
  };
}
