/**
 * The world map: country shapes from world-atlas, projected at build time (build/world-shapes.ts: no tiles, no
 * d3-geo work in the browser) and framed on the countries with incidents by scaling them; incidents as points
 * on a canvas laid over the shapes (10,000 points are one image written once, not 400 kB of SVG path data for
 * the browser to parse, measure and paint). The list beside the map is the accessible way to the incidents.
 */
import worldShapes from 'virtual:world-shapes';
import type { IncidentMapData } from './api/documents';
import { numericCode } from './countries';
import { h, s } from './dom';
import { type Frame, HEIGHT, type Reference, WIDTH, frameOn, place } from './map-frame';
import { STATUSES, STATUS_LABEL, type Status } from './words';

const RADIUS = 3;

export interface WorldMap {
  /** The map: the shapes (an SVG image) and the points (a canvas image) over them. */
  element: HTMLElement;
  /** Draws the incidents; returns how many were placed. */
  draw(data: IncidentMapData): number;
}

export function worldMap(titleId: string): WorldMap {
  const shapes = worldShapes();
  const countryPaths = shapes.countries.map((c) => s('path', { d: c.d, 'data-id': c.id }, s('title', {}, c.name)));
  // The shapes are drawn for the whole world; framing scales and shifts them (strokes keep their width in CSS).
  const world = s(
    'g',
    { class: 'world' },
    s('path', { class: 'sphere', d: shapes.sphere.d }),
    s('g', { class: 'countries' }, ...countryPaths),
  );
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
  );
  const canvas = h('canvas', { class: 'points', role: 'img', 'aria-label': 'Incidents: none drawn yet' });
  const element = h('div', { class: 'map-frame' }, svg, canvas);

  /** Frames the countries with incidents (the whole world when there are none). */
  const frame = (shaded: Set<string | undefined>): Frame => {
    const focus = shapes.countries.filter((c) => shaded.has(c.id));
    const f = frameOn(focus.length ? focus.map((c) => c.box) : [shapes.sphere.box]);
    world.setAttribute('transform', `matrix(${f.k} 0 0 ${f.k} ${f.dx} ${f.dy})`);
    // Shown once framed and shaded, not before: the browser lays out and paints the 177 shapes once, not twice.
    if (!world.isConnected) svg.append(world);
    return f;
  };

  return {
    element,
    draw(data) {
      const shaded = new Set(data.countryCodes.map(numericCode));
      const f = frame(shaded);
      for (const el of countryPaths) el.classList.toggle('has-incidents', shaded.has(el.getAttribute('data-id') ?? ''));
      const placed = drawPoints(canvas, shapes.reference, f, data.groups);
      const counts = STATUSES.filter((st) => placed.get(st)).map(
        (st) => `${placed.get(st)} ${STATUS_LABEL[st].toLowerCase()}`,
      );
      const total = [...placed.values()].reduce((sum, n) => sum + n, 0);
      desc.textContent = `Countries with incidents are shaded: ${shaded.size}.`;
      canvas.setAttribute('aria-label', `${total} incidents with coordinates: ${counts.join(', ') || 'none'}.`);
      return total;
    },
  };
}

/**
 * Draws the points, weakest status first so that confirmed incidents lie on top; how many of each status. Each
 * status's dot is drawn once and its pixels blended in at every point, and the canvas is written once: the
 * browser's own drawing of 10,000 circles (or 10,000 image copies) costs it several times longer.
 */
function drawPoints(
  canvas: HTMLCanvasElement,
  reference: Reference,
  f: Frame,
  groups: IncidentMapData['groups'],
): Map<Status, number> {
  // Sharp on high-density screens; the canvas is laid over the SVG and scaled with it.
  const density = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  const width = (canvas.width = Math.round(WIDTH * density));
  const height = (canvas.height = Math.round(HEIGHT * density));
  const ctx = canvas.getContext('2d');
  const placed = new Map<Status, number>();
  if (!ctx) return placed;
  const image = ctx.createImageData(width, height);
  const into = pixels(image);
  // The status colours live in the style sheet only (the legend uses them too).
  const style = getComputedStyle(canvas);
  const ink = style.getPropertyValue('--ink').trim() || '#000';
  const byStatus = new Map(groups.map((g) => [g.status, g.coordinates]));
  for (const status of [...STATUSES].reverse()) {
    const coordinates = byStatus.get(status);
    if (!coordinates?.length) continue;
    const dot = pixels(stamp(style.getPropertyValue(`--${status}`).trim() || '#000', ink, density));
    let n = 0;
    for (let i = 0; i + 1 < coordinates.length; i += 2) {
      const [x, y] = place(reference, f, coordinates[i], coordinates[i + 1]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      n++;
      blend(into, dot, Math.round(x * density - dot.width / 2), Math.round(y * density - dot.height / 2));
    }
    placed.set(status, n);
  }
  ctx.putImageData(image, 0, 0);
  return placed;
}

/** One dot of the given fill with a thin dark outline, at the canvas's density: its pixels. */
function stamp(fill: string, ink: string, density: number): ImageData {
  const size = Math.ceil((2 * RADIUS + 2) * density);
  const ctx = h('canvas', { width: size, height: size }).getContext('2d', { willReadFrequently: true });
  if (!ctx) return new ImageData(1, 1);
  ctx.scale(density, density);
  ctx.beginPath();
  ctx.arc(size / density / 2, size / density / 2, RADIUS, 0, 2 * Math.PI);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.strokeStyle = ink;
  ctx.lineWidth = 0.6;
  ctx.stroke();
  return ctx.getImageData(0, 0, size, size);
}

/** An image's pixels, also as whole 32-bit pixels (to copy one in a single write). */
interface Pixels {
  data: Uint8ClampedArray;
  whole: Uint32Array;
  width: number;
  height: number;
}
const pixels = (image: ImageData): Pixels => ({
  data: image.data,
  whole: new Uint32Array(image.data.buffer),
  width: image.width,
  height: image.height,
});

/**
 * Lays `dot` over `image` at (left, top), as the canvas's "source-over" does (non-premultiplied pixels); a pixel
 * on an empty spot, or an opaque one, is copied whole (most are).
 */
function blend(image: Pixels, dot: Pixels, left: number, top: number): void {
  const { data, width, height, whole: dst32 } = image;
  const { data: src, whole: src32 } = dot;
  for (let sy = 0; sy < dot.height; sy++) {
    const y = top + sy;
    if (y < 0 || y >= height) continue;
    for (let sx = 0; sx < dot.width; sx++) {
      const x = left + sx;
      const si = sy * dot.width + sx;
      const sa = src[si * 4 + 3];
      if (x < 0 || x >= width || sa === 0) continue;
      const di = y * width + x;
      const da = data[di * 4 + 3];
      if (da === 0 || sa === 255) {
        dst32[di] = src32[si];
        continue;
      }
      const a = sa / 255;
      const below = (da / 255) * (1 - a);
      const out = a + below;
      const s = si * 4;
      const d = di * 4;
      for (let c = 0; c < 3; c++) data[d + c] = (src[s + c] * a + data[d + c] * below) / out;
      data[d + 3] = out * 255;
    }
  }
}
