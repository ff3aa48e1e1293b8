/**
 * A line chart as SVG text: requests per second over time, one polyline per strategy, and the limit as a
 * dashed line. Drawn here rather than with a charting library: it is a few polylines and two axes, and
 * Vega (the well-kept choice that renders SVG in Node) would add dozens of packages to the bench for it.
 */

/** One line of the chart: [seconds, requests per second] points. */
export interface Series {
  name: string;
  points: Array<[number, number]>;
}

const COLOURS = ['#d62728', '#1f77b4', '#2ca02c', '#9467bd'];
const [W, H, LEFT, BOTTOM, TOP, RIGHT] = [720, 300, 50, 30, 30, 150];

/** The SVG of `series` against `limit`. */
export function svgChart(title: string, series: Series[], limit: number): string {
  const maxX = Math.max(1, ...series.flatMap((s) => s.points.map(([x]) => x)));
  const maxY = Math.max(limit * 1.5, ...series.flatMap((s) => s.points.map(([, y]) => y)));
  const x = (v: number) => LEFT + (v / maxX) * (W - LEFT - RIGHT);
  const y = (v: number) => H - BOTTOM - (v / maxY) * (H - BOTTOM - TOP);
  const lines = series.map((s, i) => {
    const points = s.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
    const colour = COLOURS[i % COLOURS.length];
    const legend = `<text x="${W - RIGHT + 10}" y="${TOP + 20 * i + 10}" fill="${colour}">${s.name}</text>`;
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${points}"/>${legend}`;
  });
  const ticks = Array.from({ length: 6 }, (_, i) => (maxY * i) / 5).map(
    (v) => `<text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v)}</text>`,
  );
  const xTicks = Array.from({ length: 6 }, (_, i) => (maxX * i) / 5).map(
    (v) => `<text x="${x(v)}" y="${H - BOTTOM + 16}" text-anchor="middle">${v.toFixed(1)} s</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${LEFT}" y="16" font-size="13">Requests per second (250 ms bins): ${title}</text>`,
    `<line x1="${LEFT}" y1="${H - BOTTOM}" x2="${W - RIGHT}" y2="${H - BOTTOM}" stroke="black"/>`,
    `<line x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${H - BOTTOM}" stroke="black"/>`,
    `<line x1="${LEFT}" y1="${y(limit)}" x2="${W - RIGHT}" y2="${y(limit)}" stroke="black" stroke-dasharray="4 3"/>`,
    `<text x="${W - RIGHT + 10}" y="${y(limit) + 4}">limit ${limit}/s</text>`,
    ...ticks,
    ...xTicks,
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}
