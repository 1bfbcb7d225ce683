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
    weakestLinks: { capability: { name: string }; chains: number }[];
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
  dependencyReport(forceId: $id, scope: {asOf: $asOf}) {
    threshold
    chains { crimeType { id name } complete weakestLink { id name } weakestMaturity belowThreshold { name } }
    weakestLinks { capability { name } chains }
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

interface Change {
  name: string;
  then: number;
  now: number;
}

/** Three to five plain sentences a planner would take from this force's figures. */
export function findings(
  name: string,
  holdings: Holding[],
  chains: Chain[],
  weakest: { capability: { name: string }; chains: number }[],
  changes: Change[],
  since: string,
): string[] {
  const said: string[] = [];
  const complete = chains.filter((c) => c.complete).length;
  if (chains.length) {
    said.push(
      `${count(complete)} of ${name}'s ${count(chains.length)} crime-type chains are complete, from public contact to evidence.`,
    );
  }
  const top = weakest[0];
  if (top) {
    const incomplete = chains.length - complete;
    said.push(
      `${top.capability.name} is the weakest link in ${count(top.chains)} of ${name}'s ${count(incomplete)} incomplete chains.`,
    );
  }
  const stages = STAGES.map(([stage]) => ({
    stage,
    mean: meanOf(
      holdings.filter((x) => x.capability.stage === stage),
      "maturity",
    ),
  }))
    .filter((s): s is { stage: string; mean: number } => s.mean !== null)
    .sort((a, b) => a.mean - b.mean);
  if (stages.length > 1) {
    const [low, high] = [stages[0], stages[stages.length - 1]];
    said.push(
      `${stageName(low.stage)} is its least mature stage (mean maturity ${mean(low.mean)}, against ${mean(high.mean)} for ${stageName(high.stage).toLowerCase()}).`,
    );
  }
  const gaps = holdings.filter((x) => x.gap > 0).sort((a, b) => b.gap - a.gap);
  if (gaps.length) {
    const widest = gaps.filter((x) => x.gap === gaps[0].gap).map((x) => x.capability.name);
    const named =
      widest.length > 3
        ? `${widest.slice(0, 3).join(", ")} and ${widest.length - 3} more`
        : widest.join(" and ");
    said.push(
      `Its widest gap to target is ${gaps[0].gap} level${gaps[0].gap === 1 ? "" : "s"}, on ${named}; ${count(gaps.length)} of ${count(holdings.length)} capabilities are below target.`,
    );
  }
  const rose = changes.filter((c) => c.now > c.then).length;
  const fell = changes.filter((c) => c.now < c.then).length;
  said.push(
    rose || fell
      ? `Since ${since}, maturity rose on ${count(rose)} capabilit${rose === 1 ? "y" : "ies"} and fell on ${count(fell)}.`
      : `Maturity has not changed on any capability since ${since}.`,
  );
  return said.slice(0, 5);
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
  const changes: Change[] = holdings
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

  const said = findings(force.name, holdings, report.chains, report.weakestLinks, changes, since);
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
