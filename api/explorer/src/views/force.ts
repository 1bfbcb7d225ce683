// The force view: its stages, its gaps, its crime-type chains, its change, and what they mean.

import { gql } from "../api";
import { STAGE_GROUPS, bars } from "../charts";
import { HOLDING_FIELDS, holdingBasis, meanOf, type Holding } from "../holdings";
import { addressWith, go } from "../state";
import {
  BASIS_FIELDS,
  STAGES,
  count,
  dateField,
  figure,
  h,
  mean,
  percent,
  select,
  stageName,
  table,
  type Basis,
  page,
} from "../ui";

interface Chain {
  crimeType: { id: string; name: string };
  complete: boolean;
  weakestLink: { id: string; name: string } | null;
  weakestMaturity: number | null;
  belowThreshold: { name: string }[];
}

interface Answer {
  force: {
    id: string;
    name: string;
    region: string;
    kind: string;
    regionalUnit: { name: string; shortName: string } | null;
    capabilities: Holding[];
    before: { maturity: number; capability: { id: string } }[];
    pilots: { id: string; name: string; status: string; illustrative: boolean }[];
    suppliers: { id: string; name: string; illustrative: boolean }[];
  } | null;
  dependencyReport: {
    threshold: number;
    chains: Chain[];
    findings: string[];
    basis: Basis;
  };
  forces: { edges: { node: { id: string; name: string } }[] };
}

const QUERY = `query Force($id: ID!, $asOf: Date, $since: Date) {
  force(id: $id) {
    id name region kind regionalUnit { name shortName }
    capabilities(first: 500, asOf: $asOf) { ${HOLDING_FIELDS} }
    before: capabilities(first: 500, asOf: $since) { maturity capability { id } }
    pilots(first: 100) { id name status illustrative }
    suppliers(first: 100) { id name illustrative }
  }
  dependencyReport(forceId: $id, scope: {asOf: $asOf}, since: $since) {
    threshold
    findings
    chains { crimeType { id name } complete weakestLink { id name } weakestMaturity belowThreshold { name } }
    ${BASIS_FIELDS}
  }
  forces(filter: {kind: TERRITORIAL}, first: 100) { edges { node { id name } } }
}`;

/** A year before today, as an ISO day. */
function aYearAgo(): string {
  const day = new Date();
  day.setFullYear(day.getFullYear() - 1);
  return day.toISOString().slice(0, 10);
}

export async function forceView(params: URLSearchParams) {
  const id = params.get("force") || "kent";
  const asOf = params.get("asOf") || null;
  const since = params.get("since") || aYearAgo();
  const data = await gql<Answer>(QUERY, { id, asOf, since });
  const force = data.force;
  if (!force) {
    return {
      title: "Unknown force",
      body: h("p", { class: "error", role: "alert" }, `No force has the id ${id}.`),
    };
  }
  const report = data.dependencyReport;
  const holdings = force.capabilities;
  const before = new Map(force.before.map((x) => [x.capability.id, x.maturity]));
  const changes = holdings
    .filter((x) => before.has(x.capability.id) && before.get(x.capability.id) !== x.maturity)
    .map((x) => ({ name: x.capability.name, then: before.get(x.capability.id) as number, now: x.maturity }))
    .sort((a, b) => b.now - b.then - (a.now - a.then));
  const basis = holdingBasis(holdings);

  const controls = h(
    "div",
    { class: "controls" },
    select(
      "Force",
      "force",
      data.forces.edges.map((e) => [e.node.id, e.node.name]),
      id,
      (v) => go(addressWith({ force: v })),
    ),
    dateField("As of", "asOf", asOf ?? "", (v) => go(addressWith({ asOf: v }))),
    dateField("Change since", "since", since, (v) => go(addressWith({ since: v }))),
  );

  const said = report.findings;
  const summary = table(
    ["Stage", "Capabilities", "Mean maturity", "Below target", "Total gap"],
    STAGES.map(([stage, text]) => {
      const mine = holdings.filter((x) => x.capability.stage === stage);
      return [
        text,
        mine.length,
        mean(meanOf(mine, "maturity")),
        mine.filter((x) => x.gap > 0).length,
        mine.reduce((s, x) => s + x.gap, 0),
      ];
    }),
  );
  const gaps = holdings
    .filter((x) => x.gap > 0)
    .map((x) => ({ name: x.capability.name, gap: x.gap, stage: stageName(x.capability.stage) }));
  const gapChart = gaps.length
    ? bars(
        gaps.map((g) => ({ label: g.name, value: g.gap, group: g.stage })),
        {
          axis: "Gap (target minus maturity)",
          description: `Gaps to target of ${gaps.length} capabilities, widest first`,
          groups: STAGE_GROUPS,
          domain: [0, 5],
        },
      )
    : h("p", {}, "No capability is below its target.");
  const chains = table(
    ["Crime type", "Complete", "Weakest link", "Its maturity", `Below ${report.threshold}`],
    [...report.chains]
      .sort(
        (a, b) => Number(a.complete) - Number(b.complete) || a.crimeType.name.localeCompare(b.crimeType.name),
      )
      .map((c) => [
        c.crimeType.name,
        c.complete ? "yes" : "no",
        c.weakestLink ? c.weakestLink.name : "\u2013",
        c.weakestMaturity ?? "\u2013",
        c.belowThreshold.map((x) => x.name).join(", ") || "\u2013",
      ]),
  );
  const changed = changes.length
    ? table(
        ["Capability", `Maturity on ${since}`, "Now", "Change"],
        changes.map((c) => [c.name, c.then, c.now, `${c.now > c.then ? "+" : ""}${c.now - c.then}`]),
      )
    : h("p", {}, `No maturity changed since ${since}.`);
  const list = (
    items: { id: string; name: string; illustrative: boolean }[],
    link: ((id: string) => string) | null,
    none: string,
  ) =>
    items.length
      ? h(
          "ul",
          {},
          ...items.map((x) =>
            h(
              "li",
              {},
              link ? h("a", { href: link(x.id) }, x.name) : x.name,
              x.illustrative ? h("span", { class: "badge illustrative small" }, "Illustrative") : null,
            ),
          ),
        )
      : h("p", {}, none);

  const body = page(
    "force",
    force.name,
    `${force.region} \u00b7 ${force.regionalUnit ? `served by ${force.regionalUnit.name} (${force.regionalUnit.shortName})` : "no regional unit"} \u00b7 ${count(holdings.length)} capabilities assessed ${asOf ? `as of ${asOf}` : "at their latest"}.`,
    controls,
    figure(
      "findings",
      "Findings",
      h("ol", { class: "findings" }, ...said.map((s) => h("li", {}, s))),
      report.basis,
    ),
    h(
      "div",
      { class: "two" },
      figure("stage-summary", "Stages", summary, basis),
      figure(
        "pilots-suppliers",
        "Pilots and suppliers",
        h(
          "div",
          {},
          h("h3", {}, "Pilots it runs"),
          list(force.pilots, () => addressWith({ view: "pilots", force: null }), "None recorded."),
          h("h3", {}, "Suppliers it uses"),
          list(force.suppliers, null, "None recorded."),
        ),
      ),
    ),
    figure("gaps", `Gaps to target (${gaps.length})`, gapChart, basis),
    figure(
      "chains",
      `Crime-type chains (${percent(report.chains.filter((c) => c.complete).length / Math.max(report.chains.length, 1))} complete at maturity ${report.threshold} or more)`,
      chains,
      report.basis,
    ),
    figure("changes", `Change in maturity since ${since}`, changed, basis),
  );
  return { title: force.name, body };
}
