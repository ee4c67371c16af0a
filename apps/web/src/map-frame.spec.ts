import { type GeoPermissibleObjects, geoNaturalEarth1 } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import atlas from 'world-atlas/countries-110m.json';
import { worldShapes } from '../build/world-shapes';
import { HEIGHT, PAD, WIDTH, frameOn, place } from './map-frame';

const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
const features = feature(topology, topology.objects.countries).features;
const shapes = worldShapes();

/** The projection d3 would fit to these shapes, as the map did in the browser before the shapes were built. */
function fitted(object: GeoPermissibleObjects) {
  return geoNaturalEarth1().fitExtent(
    [
      [PAD, PAD],
      [WIDTH - PAD, HEIGHT - PAD],
    ],
    object,
  );
}

describe('the pre-projected map', () => {
  const places: [number, number][] = [
    [44.2, 15.35],
    [36.23, 49.99],
    [37.16, 36.2],
    [-77.25, -12.5],
    [179.9, -16.5],
    [-179.9, 65],
  ];

  it('places points where d3 fitted on the countries with incidents would', () => {
    const ids = ['887', '804', '760'];
    const projection = fitted({ type: 'FeatureCollection', features: features.filter((f) => ids.includes(`${f.id}`)) });
    const frame = frameOn(shapes.countries.filter((c) => ids.includes(c.id)).map((c) => c.box));
    expect(frame.k).toBeGreaterThan(2);
    for (const [lon, lat] of places) {
      const [x, y] = place(shapes.reference, frame, lon, lat);
      const [ex, ey] = projection([lon, lat])!;
      expect(Math.abs(x - ex)).toBeLessThan(0.01);
      expect(Math.abs(y - ey)).toBeLessThan(0.01);
    }
  });

  it('shows the whole world unscaled when no country has incidents', () => {
    const frame = frameOn([shapes.sphere.box]);
    expect(frame.k).toBeCloseTo(1, 6);
    const projection = fitted({ type: 'Sphere' });
    for (const [lon, lat] of [...places, [540 + 10, 20] as [number, number]]) {
      const [x, y] = place(shapes.reference, frame, lon, lat);
      const [ex, ey] = projection([lon, lat])!;
      expect(Math.abs(x - ex)).toBeLessThan(0.01);
      expect(Math.abs(y - ey)).toBeLessThan(0.01);
    }
  });

  it('draws every country of the atlas, each once, as closed outlines', () => {
    expect(shapes.countries.map((c) => c.id).sort()).toEqual(features.map((f) => `${f.id}`).sort());
    for (const c of shapes.countries) expect(c.d).toMatch(/^M[^M]*z(M[^M]*z)*$/);
  });
});
