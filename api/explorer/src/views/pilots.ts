// The pilots view: pilots on the shared metrics, and where to roll out what worked.

import { gql } from "../api";
import { bars } from "../charts";
import { addressWith, go } from "../state";
import { BASIS_FIELDS, count, figure, h, percent, select, table, type Basis, page } from "../ui";

interface PilotItem {
  pilot: {
    id: string;
    name: string;
    status: string;
    illustrative: boolean;
    forces: { name: string }[];
    capabilities: { id: string; name: string }[];
    supplier: { name: string } | null;
    benefits: { metricName: string; relativeImprovement: number | null }[];
  };
  meanImprovement: number | null;
  successful: boolean;
}

interface Rollout {
  force: { id: string; name: string };
  capability: { id: string; name: string };
  pilot: { name: string };
  gap: number;
  meanImprovement: number;
}

const QUERY = `query Pilots($capabilityId: ID) {
  pilotComparison(capabilityId: $capabilityId) {
    pilots {
      pilot {
        id name status illustrative forces { name } capabilities { id name } supplier { name }
        benefits { metricName relativeImprovement }
      }
      meanImprovement successful
    }
    rolloutCandidates { force { id name } capability { id name } pilot { name } gap meanImprovement }
    ${BASIS_FIELDS}
  }
  capabilities(first: 500) { edges { node { id name pilots(first: 1) { id } } } }
}`;

/** "Cost per case: 21% better", or "no baseline" when the change cannot be a ratio. */
function worded(benefit: { metricName: string; relativeImprovement: number | null }): string {
  const r = benefit.relativeImprovement;
  if (r === null) return `${benefit.metricName}: no baseline`;
  return `${benefit.metricName}: ${percent(Math.abs(r))} ${r >= 0 ? "better" : "worse"}`;
}

/** Whether a pilot worked, is still running, or did not work. */
function outcome(item: PilotItem): string {
  if (item.successful) return "worked";
  return item.pilot.status === "RUNNING" || item.pilot.status === "PLANNED"
    ? "still running"
    : "did not work";
}

export async function pilotsView(params: URLSearchParams) {
  const capabilityId = params.get("capability") || null;
  const data = await gql<{
    pilotComparison: { pilots: PilotItem[]; rolloutCandidates: Rollout[]; basis: Basis };
    capabilities: { edges: { node: { id: string; name: string; pilots: { id: string }[] } }[] };
  }>(QUERY, { capabilityId });
  const { pilots, rolloutCandidates, basis } = data.pilotComparison;
  const trialled = data.capabilities.edges.map((e) => e.node).filter((c) => c.pilots.length);
  const controls = h(
    "div",
    { class: "controls" },
    select(
      "Capability",
      "capability",
      [["", "All capabilities trialled"], ...trialled.map((c) => [c.id, c.name] as [string, string])],
      capabilityId ?? "",
      (v) => go(addressWith({ capability: v })),
    ),
  );
  const measured = pilots.filter((p) => p.meanImprovement !== null);
  const chart = measured.length
    ? bars(
        measured.map((p) => ({ label: p.pilot.name, value: p.meanImprovement as number, group: outcome(p) })),
        {
          axis: "Mean improvement on the shared metrics",
          description: `Mean improvement of ${measured.length} pilots, best first`,
          groups: {
            domain: ["worked", "still running", "did not work"],
            range: ["#1b7837", "#8c8c8c", "#b2182b"],
          },
          tickFormat: (d) => percent(d, true),
          width: 780,
        },
      )
    : h("p", {}, "No pilot has measured results yet.");
  const rows = table(
    [
      "Pilot",
      "Status",
      "Forces",
      "Capabilities",
      "Supplier",
      "Mean improvement",
      "Outcome",
      "On each metric",
    ],
    pilots.map((p) => [
      h(
        "span",
        {},
        p.pilot.name,
        p.pilot.illustrative ? h("span", { class: "badge illustrative small" }, "Illustrative") : null,
      ),
      p.pilot.status.toLowerCase(),
      p.pilot.forces.map((f) => f.name).join(", "),
      p.pilot.capabilities.map((c) => c.name).join(", "),
      p.pilot.supplier?.name ?? "\u2013",
      p.meanImprovement === null ? "\u2013" : percent(p.meanImprovement, true),
      outcome(p),
      p.pilot.benefits.map(worded).join("; ") || "\u2013",
    ]),
  );
  const byCapability = new Map<string, Rollout[]>();
  for (const r of rolloutCandidates)
    byCapability.set(r.capability.name, [...(byCapability.get(r.capability.name) ?? []), r]);
  const groups = [...byCapability.entries()].sort((a, b) => b[1].length - a[1].length);
  const rollout = h(
    "div",
    { class: "rollout" },
    h(
      "p",
      {},
      `${count(rolloutCandidates.length)} force and capability pairs, in ${count(groups.length)} capabilities: forces below target on a capability whose pilot worked. Open a capability for its forces, widest gap first.`,
    ),
    ...groups.map(([name, items]) =>
      h(
        "details",
        {},
        h(
          "summary",
          {},
          `${name}: ${count(items.length)} force${items.length === 1 ? "" : "s"} (after ${[...new Set(items.map((i) => i.pilot.name))].join(", ")})`,
        ),
        table(
          ["Force", "Gap", "Pilot's mean improvement"],
          [...items]
            .sort((a, b) => b.gap - a.gap || a.force.name.localeCompare(b.force.name))
            .map((i) => [
              h(
                "a",
                { href: addressWith({ view: "force", force: i.force.id, capability: null }) },
                i.force.name,
              ),
              i.gap,
              percent(i.meanImprovement, true),
            ]),
        ),
      ),
    ),
  );
  const body = page(
    "pilots",
    "Pilots and what to roll out",
    "Every pilot measured on the same shared metrics, so that what works can be compared and rolled out.",
    controls,
    figure("pilot-chart", `Mean improvement of ${measured.length} pilots`, chart, basis),
    figure("pilot-table", `Pilots (${pilots.length})`, rows, basis),
    figure("rollout", "Roll-out candidates by capability", rollout, basis),
  );
  return { title: "Pilots", body };
}
