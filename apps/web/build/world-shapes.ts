/**
 * A Vite plugin run by `npm run build:web`: the world atlas's country shapes projected once, at build time, to SVG
 * path data (Natural Earth, the whole world in the map's frame), so that the browser does no d3-geo work and
 * parses no topology on a first visit. The page imports them as `virtual:world-shapes`.
 */
import { type GeoPermissibleObjects, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Plugin } from 'vite';
import atlas from 'world-atlas/countries-110m.json';
import { HEIGHT, PAD, WIDTH, type Box, type Reference } from '../src/map-frame';

export interface WorldShapes {
  reference: Reference;
  sphere: { d: string; box: Box };
  countries: { id: string; name: string; d: string; box: Box }[];
}

const ID = 'virtual:world-shapes';
const SPHERE: GeoPermissibleObjects = { type: 'Sphere' };

export function worldShapes(): WorldShapes {
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries).features;
  const projection = geoNaturalEarth1().fitExtent(
    [
      [PAD, PAD],
      [WIDTH - PAD, HEIGHT - PAD],
    ],
    SPHERE,
  );
  const bounds = geoPath(projection);
  const box = (o: GeoPermissibleObjects): Box => bounds.bounds(o).flat() as unknown as Box;
  const d = (o: GeoPermissibleObjects) => {
    const context = new RelativePath();
    geoPath(projection, context)(o);
    return context.d;
  };
  return {
    reference: { scale: projection.scale(), translate: projection.translate() },
    sphere: { d: d(SPHERE), box: box(SPHERE) },
    countries: countries.map((c) => ({ id: String(c.id), name: c.properties.name, d: d(c), box: box(c) })),
  };
}

/**
 * SVG path data in relative steps between points rounded to a twentieth of a pixel (half the size of d3's
 * absolute coordinates). The map frames a few countries by scaling these shapes up: a twentieth of a pixel
 * stays under half a pixel on screen up to a tenfold zoom, finer than the 1:110m shapes themselves.
 */
class RelativePath {
  d = '';
  private x = 0;
  private y = 0;
  /** After an `l`, further pairs need no letter: SVG repeats the last command. */
  private inLine = false;
  private static readonly STEPS = 20;
  private static at = (v: number) => Math.round(v * RelativePath.STEPS);
  private static num = (n: number) => String(n / RelativePath.STEPS).replace(/^(-?)0\./, '$1.');

  moveTo(x: number, y: number): void {
    this.x = RelativePath.at(x);
    this.y = RelativePath.at(y);
    this.d += `M${RelativePath.num(this.x)},${RelativePath.num(this.y)}`;
    this.inLine = false;
  }
  lineTo(x: number, y: number): void {
    const nx = RelativePath.at(x);
    const ny = RelativePath.at(y);
    if (nx === this.x && ny === this.y) return;
    const dx = RelativePath.num(nx - this.x);
    const dy = RelativePath.num(ny - this.y);
    const sep = (n: string) => (n.startsWith('-') ? '' : ',');
    this.d += `${this.inLine ? sep(dx) : 'l'}${dx}${sep(dy)}${dy}`;
    this.inLine = true;
    this.x = nx;
    this.y = ny;
  }
  closePath(): void {
    this.d += 'z';
    this.inLine = false;
  }
  arc(): void {
    throw new Error('world shapes draw no points');
  }
  beginPath(): void {}
}

export function worldShapesPlugin(): Plugin {
  return {
    name: 'world-shapes',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    // JSON.parse of a string (browsers read it faster than the same data as an object literal), on first use: the
    // page's requests go out before the shapes are read.
    load: (id) =>
      id === `\0${ID}`
        ? `const text = ${JSON.stringify(JSON.stringify(worldShapes()))};\n` +
          'let shapes;\nexport default () => (shapes ??= JSON.parse(text));\n'
        : null,
  };
}
