// The dependency explorer: capabilities by stage with their dependencies, and what if one goes.

import cytoscape from "cytoscape";
import { gql } from "../api";
import { bars } from "../charts";
import { addressWith, go } from "../state";
import { BASIS_FIELDS, STAGES, STAGE_COLOURS, count, figure, h, select, stageName, table, type Basis, page } from "../ui";

interface Capability {
  id: string;
  name: string;
  stage: string;
  delivery: string;
  dependencies: { capability: { id: string }; strength: string; reason: string }[];
}

interface Impact {
  scenario: string;
  chainsBroken: number;
  capabilitiesLost: { id: string; name: string }[];
  capabilitiesDegraded: { id: string; name: string }[];
  crimeTypes: { crimeType: { name: string }; annualVolume: number; forcesAffected: number }[];
  forces: { force: { id: string; name: string }; chainsBroken: number; volumeAffected: number }[];
  basis: Basis;
}

interface Answer {
  capabilities: { edges: { node: Capability }[] };
  suppliers: { edges: { node: { id: string; name: string } }[] };
  impact?: Impact;
}

const QUERY = `query Dependencies($capabilityId: ID, $supplierId: ID, $what: Boolean!) {
  capabilities(first: 500) {
    edges { node { id name stage delivery dependencies(first: 100) { capability { id } strength reason } } }
  }
  suppliers(first: 500) { edges { node { id name } } }
  impact(capabilityId: $capabilityId, supplierId: $supplierId) @include(if: $what) {
    scenario chainsBroken
    capabilitiesLost { id name }
    capabilitiesDegraded { id name }
    crimeTypes { crimeType { name } annualVolume forcesAffected }
    forces { force { id name } chainsBroken volumeAffected }
    ${BASIS_FIELDS}
  }
}`;

const COLUMN = 440;
const ROW = 46;

function elements(capabilities: Capability[], impact: Impact | undefined, chosen: string | null) {
  const lost = new Set(impact?.capabilitiesLost.map((c) => c.id));
  const degraded = new Set(impact?.capabilitiesDegraded.map((c) => c.id));
  const nodes = STAGES.flatMap(([stage], column) =>
    capabilities
      .filter((c) => c.stage === stage)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c, row) => ({
        data: {
          id: c.id,
          label: c.name,
          fill: STAGE_COLOURS[c.stage].tint,
          state: c.id === chosen ? "chosen" : lost.has(c.id) ? "lost" : degraded.has(c.id) ? "degraded" : "",
        },
        position: { x: column * COLUMN, y: row * ROW },
      })),
  );
  const stageOf = new Map(capabilities.map((c) => [c.id, c.stage]));
  const edges = capabilities.flatMap((c) =>
    c.dependencies
      .filter((d) => stageOf.has(d.capability.id))
      .map((d) => ({
        data: {
          id: `${c.id}>${d.capability.id}`,
          source: c.id,
          target: d.capability.id,
          strength: d.strength,
          within: stageOf.get(d.capability.id) === c.stage ? "yes" : "no",
        },
      })),
  );
  return [...nodes, ...edges];
}

let shown: cytoscape.Core | null = null;

/** Fits the graph drawn last to its box again: after a resize, and before printing. */
function refit(): void {
  if (!shown || !shown.container()?.isConnected) return;
  shown.resize();
  shown.fit(undefined, 20);
}
window.addEventListener("resize", refit);
window.addEventListener("beforeprint", refit);
matchMedia("print").addEventListener("change", refit);

function draw(
  container: HTMLElement,
  capabilities: Capability[],
  impact: Impact | undefined,
  chosen: string | null,
): void {
  const graph = cytoscape({
    container,
    elements: elements(capabilities, impact, chosen),
    layout: { name: "preset", fit: true, padding: 24 },
    autoungrabify: true,
    userZoomingEnabled: false,
    boxSelectionEnabled: false,
    style: [
      {
        selector: "node",
        style: {
          shape: "round-rectangle",
          width: 270,
          height: 34,
          "background-color": "data(fill)",
          "border-width": 1,
          "border-color": "#555",
          label: "data(label)",
          "text-valign": "center",
          "text-halign": "center",
          "text-wrap": "wrap",
          "text-max-width": "260px",
          "font-size": 12,
          color: "#111",
        },
      },
      {
        selector: 'node[state = "lost"]',
        style: { "background-color": "#b2182b", color: "#fff", "border-color": "#67001f", "border-width": 2 },
      },
      {
        selector: 'node[state = "degraded"]',
        style: { "background-color": "#fdb863", "border-color": "#b35806", "border-width": 2 },
      },
      {
        selector: 'node[state = "chosen"]',
        style: { "background-color": "#111", color: "#fff", "border-width": 3 },
      },
      {
        selector: "edge",
        style: {
          width: 1.5,
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "arrow-scale": 1.1,
          "line-color": "#555",
          "target-arrow-color": "#555",
          opacity: 0.75,
        },
      },
      {
        selector: 'edge[within = "yes"]',
        style: {
          "curve-style": "unbundled-bezier",
          "control-point-distances": [175],
          "control-point-weights": [0.5],
        },
      },
      {
        selector: 'edge[strength = "SOFT"]',
        style: { "line-style": "dashed", "line-color": "#999", "target-arrow-color": "#999", width: 1.2 },
      },
    ],
  });
  shown?.destroy();
  shown = graph;
  refit();
  graph.on("tap", "node", (event) => go(addressWith({ capability: event.target.id(), supplier: null })));
}

function impactPanel(impact: Impact): HTMLElement {
  const volume = impact.crimeTypes.reduce((sum, c) => sum + c.annualVolume, 0);
  const facts = h(
    "dl",
    { class: "facts" },
    h("dt", {}, "Chains broken"),
    h("dd", {}, count(impact.chainsBroken)),
    h("dt", {}, "Capabilities lost"),
    h("dd", {}, count(impact.capabilitiesLost.length)),
    h("dt", {}, "Capabilities degraded"),
    h("dd", {}, count(impact.capabilitiesDegraded.length)),
    h("dt", {}, "Forces affected"),
    h("dd", {}, count(impact.forces.length)),
    h("dt", {}, "Annual crimes in broken chains"),
    h("dd", {}, count(volume)),
  );
  const worst = impact.forces.slice(0, 15);
  const chart = worst.length
    ? bars(
        worst.map((d) => ({ label: d.force.name, value: d.chainsBroken, group: "chains broken" })),
        {
          axis: "Chains broken",
          description: `Chains broken in the ${worst.length} forces losing most`,
          groups: { domain: ["chains broken"], range: ["#b2182b"] },
          width: 480,
          marginLeft: 220,
        },
      )
    : h("p", {}, "No force loses a complete chain.");
  const lost = (title: string, items: { name: string }[]) =>
    h("p", {}, h("strong", {}, `${title}: `), items.map((c) => c.name).join(", ") || "none");
  return h(
    "div",
    { class: "impact" },
    h(
      "div",
      {},
      h("p", { class: "scenario" }, impact.scenario),
      facts,
      lost("Lost", impact.capabilitiesLost),
      lost("Degraded", impact.capabilitiesDegraded),
    ),
    h(
      "div",
      {},
      h(
        "h3",
        {},
        worst.length < impact.forces.length
          ? `The ${worst.length} forces losing most chains, of ${impact.forces.length}`
          : "Forces losing chains",
      ),
      chart,
    ),
    h(
      "details",
      {},
      h("summary", {}, `${count(impact.crimeTypes.length)} crime types whose chains break`),
      table(
        ["Crime type", "Annual volume", "Forces affected"],
        impact.crimeTypes.map((c) => [c.crimeType.name, c.annualVolume, c.forcesAffected]),
      ),
    ),
  );
}

export async function dependenciesView(params: URLSearchParams) {
  const capabilityId = params.get("capability") || null;
  const supplierId = capabilityId ? null : params.get("supplier") || null;
  const data = await gql<Answer>(QUERY, {
    capabilityId,
    supplierId,
    what: Boolean(capabilityId || supplierId),
  });
  const capabilities = data.capabilities.edges.map((e) => e.node);
  const hard = capabilities.reduce(
    (n, c) => n + c.dependencies.filter((d) => d.strength === "HARD").length,
    0,
  );
  const soft = capabilities.reduce((n, c) => n + c.dependencies.length, 0) - hard;
  const controls = h(
    "div",
    { class: "controls" },
    select(
      "What if this capability goes",
      "capability",
      [
        ["", "(choose a capability)"],
        ...capabilities.map((c) => [c.id, `${c.name} (${stageName(c.stage)})`] as [string, string]),
      ],
      capabilityId ?? "",
      (v) => go(addressWith({ capability: v, supplier: null })),
    ),
    select(
      "or this supplier goes",
      "supplier",
      [
        ["", "(choose a supplier)"],
        ...data.suppliers.edges.map((e) => [e.node.id, e.node.name] as [string, string]),
      ],
      supplierId ?? "",
      (v) => go(addressWith({ supplier: v, capability: null })),
    ),
  );
  const rows = Math.max(...STAGES.map(([stage]) => capabilities.filter((c) => c.stage === stage).length), 1);
  const canvas = h("div", {
    class: "dependency-graph",
    style: `height:${Math.min(rows * ROW + 60, 1400)}px`,
    role: "img",
    "aria-label": `${capabilities.length} capabilities in three stages, with ${hard} hard and ${soft} soft dependencies`,
  });
  const key = h(
    "p",
    { class: "key" },
    "Columns: ",
    STAGES.map(([, t]) => t).join(" \u2192 "),
    ". An arrow points from a capability to one it needs: solid, it cannot work without it (hard); dashed, it is degraded without it (soft).",
    data.impact
      ? " Red: lost; amber: degraded."
      : " Choose a capability (or click one) to see what breaks without it.",
  );
  const body = page(
    "dependencies",
    "Dependencies between capabilities",
    `${capabilities.length} capabilities, ${hard} hard and ${soft} soft dependencies, from public contact through investigation to evidence.`,
    controls,
    data.impact ? figure("what-if", "What if", impactPanel(data.impact), data.impact.basis) : null,
    figure(
      "dependency-graph",
      "The capability graph by stage",
      h(
        "div",
        {},
        h("div", { class: "stage-heads" }, ...STAGES.map(([, t]) => h("span", {}, t))),
        canvas,
        key,
      ),
    ),
  );
  requestAnimationFrame(() => draw(canvas, capabilities, data.impact, capabilityId));
  return { title: "Dependencies", body };
}
