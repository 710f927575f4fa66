// The chart: for each scenario, each server's median req/s as a bar, scaled to node:http (100%), labelled with
// the req/s and the percentage. Plain SVG, no dependencies.
import type { RunResults } from "./results.ts";
import { rows } from "./summary.ts";

const COLORS: Record<string, string> = {
  node: "#8a8f98",
  fastify: "#1f2933",
  hono: "#e8590c",
  express: "#2f9e44",
  apogee: "#6741d9",
};

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The chart as an SVG document. */
export function svg(run: RunResults): string {
  const rs = rows(run);
  const servers = run.servers;
  const bar = 13;
  const gap = 3;
  const groupGap = 16;
  const left = 120;
  const width = 860;
  const plot = 560;
  const top = 64;
  const groupHeight = servers.length * (bar + gap) - gap;
  const height = top + rs.length * (groupHeight + groupGap) + 24;
  const ratios = rs.flatMap((r) => {
    const base = r.cells.get("node")?.rps;
    return servers.map((s) => (base === undefined ? 0 : (r.cells.get(s.id)?.rps ?? 0) / base));
  });
  const max = Math.max(1.2, ...ratios);
  const scale = (v: number) => (v / max) * plot;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="22" font-size="15" font-weight="600" fill="#1f2933">Requests per second, relative to node:http (median of ${run.meta.rounds} round${run.meta.rounds === 1 ? "" : "s"})</text>`,
  );
  servers.forEach((s, i) => {
    const x = left + i * 110;
    out.push(
      `<rect x="${x}" y="36" width="12" height="12" fill="${COLORS[s.id] ?? "#999"}"/>`,
      `<text x="${x + 17}" y="46" fill="#1f2933">${esc(s.title)}</text>`,
    );
  });
  for (const tick of [0.25, 0.5, 0.75, 1]) {
    const x = (left + scale(tick)).toFixed(1);
    out.push(
      `<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${height - 20}" stroke="${tick === 1 ? "#8a8f98" : "#e4e7eb"}" stroke-dasharray="${tick === 1 ? "4 3" : "none"}"/>`,
      `<text x="${x}" y="${height - 6}" text-anchor="middle" fill="#52606d">${tick * 100}%</text>`,
    );
  }
  rs.forEach((r, g) => {
    const y0 = top + g * (groupHeight + groupGap);
    out.push(
      `<text x="${left - 10}" y="${y0 + groupHeight / 2 + 4}" text-anchor="end" font-weight="600" fill="#1f2933">${esc(r.scenario)}</text>`,
    );
    const base = r.cells.get("node")?.rps;
    servers.forEach((s, i) => {
      const cell = r.cells.get(s.id);
      if (cell === undefined || base === undefined) return;
      const ratio = cell.rps / base;
      const y = y0 + i * (bar + gap);
      const w = Math.max(1, scale(ratio));
      const label = `${(cell.rps / 1000).toFixed(1)}k (${Math.round(ratio * 100)}%)`;
      out.push(
        `<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${bar}" rx="2" fill="${COLORS[s.id] ?? "#999"}"><title>${esc(`${s.title}, ${r.scenario}: ${Math.round(cell.rps)} req/s`)}</title></rect>`,
        `<text x="${(left + w + 5).toFixed(1)}" y="${y + bar - 2}" fill="#3e4c59" font-size="11">${label}</text>`,
      );
    });
  });
  out.push("</svg>");
  return `${out.join("\n")}\n`;
}
