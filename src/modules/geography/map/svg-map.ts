import { escapeXml } from '../../../common/text/escape-markup';
import type { GeoPoint } from '../geo-point';
import type { BaseMapData, BaseMapPart } from './base-map';

/** A place on the map: a park, drawn as a circle sized by the USD invested there. */
export interface MapPoint extends GeoPoint {
  readonly id: string;
  /** Short label beside the point (the park code). */
  readonly label: string;
  /** The accessible name: what a screen reader says and the tooltip shows. */
  readonly name: string;
  readonly href: string | null;
  readonly valueUsd: number;
  /** The hub side (China) is drawn in another colour than the partner side. */
  readonly hub: boolean;
}

/** A pairing between two of its parks, coloured (and dashed) by review state. */
export interface MapArc {
  readonly id: string;
  readonly name: string;
  readonly href: string | null;
  readonly from: GeoPoint;
  readonly to: GeoPoint;
  readonly state: string;
}

export interface MapText {
  readonly title: string;
  /** Lines under the title: filters, what the sizes mean, notes. */
  readonly notes: readonly string[];
  /** Legend label of each arc state, in display order. */
  readonly states: readonly { readonly state: string; readonly label: string }[];
  readonly hubLabel: string;
  readonly partnerLabel: string;
  /** Legend caption for the circle sizes, and how to print an amount. */
  readonly sizeLabel: string;
  /** "largest", before the biggest amount drawn. */
  readonly largestLabel: string;
  readonly money: (usd: number) => string;
  /** Extra legend lines (e.g. totals by host country). */
  readonly summary?: readonly string[];
  readonly lang: string;
}

export interface MapOptions {
  readonly width?: number;
  /** Degrees of margin around the drawn places. */
  readonly padding?: number;
  /** The smallest span shown, in degrees (one park alone still shows its surroundings). */
  readonly minSpan?: number;
}

/** Colour and dash per review state: not by colour alone (colour-blind readers, grey print). */
const STATE_STYLE: Record<string, { colour: string; dash: string }> = {
  approved: { colour: '#1a7f37', dash: '' },
  submitted: { colour: '#9a6700', dash: '8 4' },
  returned: { colour: '#bc4c00', dash: '2 4' },
  rejected: { colour: '#cf222e', dash: '1 6' },
  draft: { colour: '#57606a', dash: '12 4 2 4' },
};
const OTHER_STATE = { colour: '#57606a', dash: '4 4' };

const fixed = (value: number): string => {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
};

interface View {
  readonly minLon: number;
  readonly maxLon: number;
  readonly minLat: number;
  readonly maxLat: number;
  readonly width: number;
  readonly height: number;
  readonly top: number;
  x(lon: number): number;
  y(lat: number): number;
}

/**
 * An equirectangular view fitted to the places: longitude scaled by the cosine of the middle
 * latitude, so shapes near the equator (all of South-East Asia) keep their proportions.
 */
function fitView(
  places: readonly GeoPoint[],
  width: number,
  top: number,
  options: MapOptions,
): View {
  const padding = options.padding ?? 2;
  const minSpan = options.minSpan ?? 6;
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  let [minLon, maxLon] = places.length ? [Math.min(...lons), Math.max(...lons)] : [90, 135];
  let [minLat, maxLat] = places.length ? [Math.min(...lats), Math.max(...lats)] : [-11, 30];
  const widen = (low: number, high: number): [number, number] => {
    const span = Math.max(high - low + 2 * padding, minSpan);
    const middle = (low + high) / 2;
    return [middle - span / 2, middle + span / 2];
  };
  [minLon, maxLon] = widen(minLon, maxLon);
  [minLat, maxLat] = widen(minLat, maxLat);
  minLat = Math.max(-85, minLat);
  maxLat = Math.min(85, maxLat);
  const cos = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  // Keep the map between 1:2 and 3:4 (height:width) by widening the shorter side.
  let scale = width / ((maxLon - minLon) * cos);
  let height = (maxLat - minLat) * scale;
  if (height < width / 2) {
    const extra = (width / 2 / scale - (maxLat - minLat)) / 2;
    [minLat, maxLat] = [minLat - extra, maxLat + extra];
    height = width / 2;
  } else if (height > (width * 3) / 4) {
    scale = (width * 3) / 4 / (maxLat - minLat);
    const extra = (width / (scale * cos) - (maxLon - minLon)) / 2;
    [minLon, maxLon] = [minLon - extra, maxLon + extra];
    height = (width * 3) / 4;
  }
  return {
    minLon,
    maxLon,
    minLat,
    maxLat,
    width,
    height,
    top,
    x: (lon) => (lon - minLon) * scale * cos,
    y: (lat) => top + (maxLat - lat) * scale,
  };
}

const overlaps = (part: BaseMapPart, view: View, margin: number): boolean =>
  part.maxLon >= view.minLon - margin &&
  part.minLon <= view.maxLon + margin &&
  part.maxLat >= view.minLat - margin &&
  part.minLat <= view.maxLat + margin;

/**
 * SVG path data for base-map parts in view. Vertices far outside are clamped to a frame a little
 * larger than the map (the frame hides them), and points closer than half a pixel to the last
 * one kept are dropped: a regional map stays a few tens of kilobytes.
 */
function pathOf(parts: readonly BaseMapPart[], view: View, close: boolean): string {
  const frame = 8;
  const [left, right] = [-frame, view.width + frame];
  const [upper, lower] = [view.top - frame, view.top + view.height + frame];
  const commands: string[] = [];
  for (const part of parts) {
    if (!overlaps(part, view, 1)) continue;
    const kept: [number, number][] = [];
    for (const [lon, lat] of part.positions) {
      const x = Math.min(right, Math.max(left, view.x(lon)));
      const y = Math.min(lower, Math.max(upper, view.y(lat)));
      const last = kept[kept.length - 1];
      if (last && Math.abs(last[0] - x) < 0.5 && Math.abs(last[1] - y) < 0.5) continue;
      kept.push([x, y]);
    }
    if (kept.length < (close ? 3 : 2)) continue;
    commands.push(
      `M${kept.map(([x, y]) => `${fixed(x)},${fixed(y)}`).join('L')}${close ? 'Z' : ''}`,
    );
  }
  return commands.join('');
}

/** A gentle curve from one park to the other, bowed to the left of the direction of travel. */
function arcPath(view: View, from: GeoPoint, to: GeoPoint): string {
  const [x1, y1, x2, y2] = [view.x(from.lon), view.y(from.lat), view.x(to.lon), view.y(to.lat)];
  const [mx, my] = [(x1 + x2) / 2, (y1 + y2) / 2];
  const [dx, dy] = [x2 - x1, y2 - y1];
  const [cx, cy] = [mx + dy * 0.2, my - dx * 0.2];
  return `M${fixed(x1)},${fixed(y1)}Q${fixed(cx)},${fixed(cy)} ${fixed(x2)},${fixed(y2)}`;
}

interface Box2 {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * Puts each park's label where it overlaps no label placed before it: right of the circle, then
 * left, then stepped below and above (parks at one town, such as Kuantan's two, or Dongxing and
 * Mong Cai across their border, would otherwise print over each other). Deterministic: the same
 * parks in the same order get the same places.
 */
class LabelPlacer {
  private readonly placed: Box2[] = [];

  place(x: number, y: number, r: number, text: string): { x: number; y: number; end: boolean } {
    // Width of 11 px sans-serif, about 6.4 px a character for codes in capitals and digits.
    const width = text.length * 6.4;
    const candidates: { x: number; y: number; end: boolean }[] = [];
    for (const dy of [0, 13, -13, 26, -26, 39, -39]) {
      candidates.push({ x: x + r + 3, y: y + 4 + dy, end: false });
      candidates.push({ x: x - r - 3, y: y + 4 + dy, end: true });
    }
    const boxOf = (c: { x: number; y: number; end: boolean }): Box2 => ({
      left: c.end ? c.x - width : c.x,
      right: c.end ? c.x : c.x + width,
      top: c.y - 10,
      bottom: c.y + 2,
    });
    const free = (box: Box2) =>
      this.placed.every(
        (other) =>
          box.right <= other.left ||
          box.left >= other.right ||
          box.bottom <= other.top ||
          box.top >= other.bottom,
      );
    const chosen = candidates.find((candidate) => free(boxOf(candidate))) ?? candidates[0];
    this.placed.push(boxOf(chosen));
    return chosen;
  }
}

const radiusFor = (value: number, max: number): number =>
  max > 0 && value > 0 ? 4 + 14 * Math.sqrt(value / max) : 4;

const link = (href: string | null, name: string, body: string): string =>
  href
    ? `<a href="${escapeXml(href)}" aria-label="${escapeXml(name)}"><title>${escapeXml(name)}</title>${body}</a>`
    : `<g role="img" aria-label="${escapeXml(name)}"><title>${escapeXml(name)}</title>${body}</g>`;

/**
 * The map as a standalone SVG document: title and notes, the base map (land, and the lines a
 * deployment's own base map has), arcs coloured and dashed by review state, parks as circles
 * sized by USD invested (square root: area is proportional), a legend, and the attribution.
 * Every park and arc is a link with an accessible name; the same input gives the same bytes.
 */
export function renderMapSvg(
  base: BaseMapData,
  points: readonly MapPoint[],
  arcs: readonly MapArc[],
  text: MapText,
  options: MapOptions = {},
): string {
  const width = options.width ?? 960;
  const titleLines = 1 + text.notes.length;
  const top = 16 + titleLines * 18;
  const places = [...points, ...arcs.flatMap((arc) => [arc.from, arc.to])];
  const view = fitView(places, width, top, options);
  const legendLines = text.states.length + 3 + (text.summary?.length ?? 0);
  const legendHeight = 24 + legendLines * 18;
  const height = Math.ceil(top + view.height + legendHeight);
  const sortedPoints = [...points].sort(
    (a, b) => b.valueUsd - a.valueUsd || a.label.localeCompare(b.label) || a.id.localeCompare(b.id),
  );
  const sortedArcs = [...arcs].sort(
    (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const max = Math.max(0, ...points.map((p) => p.valueUsd));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" lang="${escapeXml(text.lang)}" role="group" aria-labelledby="map-title map-desc" class="twin-map">`,
    `<title id="map-title">${escapeXml(text.title)}</title>`,
    `<desc id="map-desc">${escapeXml([...text.notes, ...(text.summary ?? [])].join(' '))}</desc>`,
    '<style>',
    '.twin-map text{font-family:"Noto Sans","WenQuanYi Zen Hei",Arial,sans-serif;fill:#1f2328}',
    '.twin-map .land{fill:#e9ecef;stroke:#adb5bd;stroke-width:0.5}',
    '.twin-map .line{fill:none;stroke:#868e96;stroke-width:0.8}',
    '.twin-map .sea{fill:#f5f9fc}',
    '.twin-map .arc{fill:none;stroke-width:2.5;stroke-linecap:round}',
    '.twin-map .park{stroke:#fff;stroke-width:1.5;fill-opacity:0.85}',
    '.twin-map .hub{fill:#b42318}.twin-map .partner{fill:#0b5cad}',
    '.twin-map a:focus{outline:none}.twin-map a:focus .park,.twin-map a:focus .arc{stroke:#000;stroke-width:3}',
    '.twin-map a:hover .park{stroke:#000}',
    '</style>',
    `<text x="8" y="22" font-size="16" font-weight="bold">${escapeXml(text.title)}</text>`,
  );
  text.notes.forEach((note, index) =>
    out.push(`<text x="8" y="${22 + (index + 1) * 18}" font-size="11">${escapeXml(note)}</text>`),
  );
  // The map area is clipped to its frame: arcs and land never spill into the notes or legend.
  out.push(
    `<defs><clipPath id="map-frame"><rect x="0" y="${fixed(top)}" width="${width}" height="${fixed(view.height)}"/></clipPath></defs>`,
    `<g clip-path="url(#map-frame)">`,
    `<rect class="sea" x="0" y="${fixed(top)}" width="${width}" height="${fixed(view.height)}"/>`,
    `<path class="land" d="${pathOf(base.rings, view, true)}"/>`,
  );
  if (base.lines.length) out.push(`<path class="line" d="${pathOf(base.lines, view, false)}"/>`);
  out.push('<g class="arcs">');
  for (const arc of sortedArcs) {
    const style = STATE_STYLE[arc.state] ?? OTHER_STATE;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    out.push(
      link(
        arc.href,
        arc.name,
        `<path class="arc state-${escapeXml(arc.state)}" d="${arcPath(view, arc.from, arc.to)}" stroke="${style.colour}"${dash}/>`,
      ),
    );
  }
  out.push('</g><g class="parks">');
  const labels = new LabelPlacer();
  for (const point of sortedPoints) {
    const [x, y] = [view.x(point.lon), view.y(point.lat)];
    const r = radiusFor(point.valueUsd, max);
    const label = labels.place(x, y, r, point.label);
    out.push(
      link(
        point.href,
        point.name,
        `<circle class="park ${point.hub ? 'hub' : 'partner'}" cx="${fixed(x)}" cy="${fixed(y)}" r="${fixed(r)}"/>` +
          `<text x="${fixed(label.x)}" y="${fixed(label.y)}" font-size="11"${label.end ? ' text-anchor="end"' : ''}>${escapeXml(point.label)}</text>`,
      ),
    );
  }
  out.push('</g></g>');

  // Legend: states, sides, sizes, then summary lines.
  let y = top + view.height + 24;
  const legend: string[] = [`<g class="legend" font-size="11">`];
  for (const { state, label } of text.states) {
    const style = STATE_STYLE[state] ?? OTHER_STATE;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    legend.push(
      `<path d="M8,${fixed(y - 4)}h36" class="arc" stroke="${style.colour}"${dash}/>`,
      `<text x="52" y="${fixed(y)}">${escapeXml(label)}</text>`,
    );
    y += 18;
  }
  legend.push(
    `<circle class="park hub" cx="14" cy="${fixed(y - 4)}" r="6"/><text x="26" y="${fixed(y)}">${escapeXml(text.hubLabel)}</text>`,
    `<circle class="park partner" cx="${fixed(width / 3)}" cy="${fixed(y - 4)}" r="6"/><text x="${fixed(width / 3 + 12)}" y="${fixed(y)}">${escapeXml(text.partnerLabel)}</text>`,
  );
  y += 18;
  legend.push(
    `<text x="8" y="${fixed(y)}">${escapeXml(`${text.sizeLabel}${max > 0 ? ` (${text.largestLabel}: ${text.money(max)})` : ''}`)}</text>`,
  );
  y += 18;
  for (const line of text.summary ?? []) {
    legend.push(`<text x="8" y="${fixed(y)}">${escapeXml(line)}</text>`);
    y += 18;
  }
  legend.push(
    `<text x="8" y="${fixed(y)}" font-size="10" fill="#57606a">${escapeXml(base.attribution)}</text>`,
    '</g>',
  );
  out.push(...legend, '</svg>');
  return out.join('\n');
}
