/**
 * The map's geometry without d3's projection machinery: the country shapes come pre-projected (see
 * apps/web/build/world-shapes.ts) for the whole world in a WIDTH × HEIGHT frame; framing the countries with
 * incidents is then a scale and a shift of those shapes (what d3's `fitExtent` works out, since it changes only
 * the projection's scale and translation), and an incident's point is the Natural Earth formula plus the same.
 */
import { geoNaturalEarth1Raw } from 'd3-geo';

export const WIDTH = 960;
export const HEIGHT = 500;
export const PAD = 40;

/** [x0, y0, x1, y1] in the pre-projected (whole-world) frame. */
export type Box = readonly [number, number, number, number];
/** The reference projection the shapes were drawn with: Natural Earth, scaled and translated. */
export interface Reference {
  scale: number;
  translate: readonly [number, number];
}
/** x ↦ k·x + dx, y ↦ k·y + dy, from the whole-world frame to the framed map. */
export interface Frame {
  k: number;
  dx: number;
  dy: number;
}

/** The frame that fits the boxes' union into the map less its padding, centred (d3's fitExtent, in the frame). */
export function frameOn(boxes: readonly Box[]): Frame {
  const [x0, y0, x1, y1] = boxes.reduce(
    (u, b) => [Math.min(u[0], b[0]), Math.min(u[1], b[1]), Math.max(u[2], b[2]), Math.max(u[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const w = WIDTH - 2 * PAD;
  const h = HEIGHT - 2 * PAD;
  const k = Math.min(w / (x1 - x0), h / (y1 - y0));
  return { k, dx: PAD + (w - k * (x0 + x1)) / 2, dy: PAD + (h - k * (y0 + y1)) / 2 };
}

const RADIANS = Math.PI / 180;
/** Where a longitude and latitude land on the framed map. */
export function place(ref: Reference, frame: Frame, longitude: number, latitude: number): [number, number] {
  // Longitudes beyond ±180° wrap, as d3's projection wraps them.
  const lambda = longitude - Math.round(longitude / 360) * 360;
  const [rx, ry] = geoNaturalEarth1Raw(lambda * RADIANS, latitude * RADIANS);
  const x = ref.scale * rx + ref.translate[0];
  const y = ref.translate[1] - ref.scale * ry;
  return [frame.k * x + frame.dx, frame.k * y + frame.dy];
}
