// The tech-firm view: unmet needs a firm could serve, ranked, explained, and downloadable.

import { gql } from "../api";
import { STAGE_GROUPS, bars } from "../charts";
import { csv } from "../csv";
import { addressWith, go } from "../state";
import { BASIS_FIELDS, STAGES, count, figure, h, select, stageName, table, type Basis, page } from "../ui";

export interface Need {
  capability: { id: string; name: string; stage: string };
  score: number;
  forcesBelowTarget: number;
  forcesAssessed: number;
  totalGap: number;
  demand: number;
  supplierCount: number;
  market: string | null;
  explanation: string;
  suppliers: { name: string }[];
  basis: Basis;
}

const QUERY = `query Needs($filter: UnmetNeedFilter) {
  unmetNeeds(filter: $filter, first: 100) {
    capability { id name stage } score forcesBelowTarget forcesAssessed totalGap demand
    supplierCount market explanation suppliers { name } ${BASIS_FIELDS}
  }
  regions { region territorialForces }
}`;

export const CSV_HEADER = [
  "rank",
  "capability_id",
  "capability",
  "stage",
  "market",
  "score",
  "forces_below_target",
  "forces_assessed",
  "total_gap",
  "demand",
  "supplier_count",
  "suppliers",
  "explanation",
  "basis",
];

/** One CSV row per need, in rank order, with the values the API gave. */
export function needRows(needs: Need[]): (string | number)[][] {
  return needs.map((n, i) => [
    i + 1,
    n.capability.id,
    n.capability.name,
    n.capability.stage,
    n.market ?? "",
    n.score,
    n.forcesBelowTarget,
    n.forcesAssessed,
    n.totalGap,
    n.demand,
    n.supplierCount,
    n.suppliers.map((s) => s.name).join("; "),
    n.explanation,
    n.basis.summary,
  ]);
}

export async function needsView(params: URLSearchParams) {
  const stage = params.get("stage") || null;
  const region = params.get("region") || null;
  const data = await gql<{ unmetNeeds: Need[]; regions: { region: string; territorialForces: number }[] }>(
    QUERY,
    {
      filter: { stage, region },
    },
  );
  const needs = data.unmetNeeds;
  const regions = data.regions
    .filter((r) => r.territorialForces > 0)
    .map((r) => [r.region, r.region] as [string, string]);
  const controls = h(
    "div",
    { class: "controls" },
    select("Stage", "stage", [["", "All stages"], ...STAGES], stage ?? "", (v) =>
      go(addressWith({ stage: v })),
    ),
    select("Region", "region", [["", "England and Wales"], ...regions], region ?? "", (v) =>
      go(addressWith({ region: v })),
    ),
  );
  const file = `unmet-needs${stage ? `-${stage.toLowerCase()}` : ""}${region ? `-${region.toLowerCase().replaceAll(" ", "-")}` : ""}.csv`;
  const download = h(
    "a",
    { class: "button", id: "download-csv", download: file, href: "#" },
    `Download these ${needs.length} rows as CSV`,
  );
  download.addEventListener("click", () => {
    const blob = new Blob([csv(CSV_HEADER, needRows(needs))], { type: "text/csv;charset=utf-8" });
    download.setAttribute("href", URL.createObjectURL(blob));
  });
  const top = needs
    .slice(0, 15)
    .map((n) => ({ name: n.capability.name, score: n.score, stage: stageName(n.capability.stage) }));
  const chart = top.length
    ? bars(
        top.map((n) => ({ label: n.name, value: n.score, group: n.stage })),
        {
          axis: "Unmet-need score",
          description: `Unmet-need scores of the ${top.length} highest, highest first`,
          groups: STAGE_GROUPS,
        },
      )
    : h("p", {}, "No unmet need matches.");
  const rows = table(
    [
      "#",
      "Capability",
      "Stage",
      "Score",
      "Forces below target",
      "Total gap",
      "Annual demand",
      "Suppliers present",
      "Why",
    ],
    needs.map((n, i) => [
      i + 1,
      n.capability.name,
      stageName(n.capability.stage),
      n.score.toFixed(2),
      `${count(n.forcesBelowTarget)} of ${count(n.forcesAssessed)}`,
      n.totalGap,
      count(n.demand),
      n.suppliers.map((s) => s.name).join(", ") || "none",
      n.explanation,
    ]),
  );
  const made = needs.filter((n) => n.basis.illustrative > 0).length;
  const basis: Basis = {
    records: needs.reduce((sum, n) => sum + n.basis.records, 0),
    illustrative: needs.reduce((sum, n) => sum + n.basis.illustrative, 0),
    summary: `${count(made)} of ${count(needs.length)} rows rest on illustrative records; each row's "Why" ends with its own basis.`,
  };
  const body = page(
    "needs",
    "Unmet needs a firm could serve",
    "Products and services where forces fall short of their targets and few suppliers serve. Score: total gap \u00d7 log10(1 + annual demand) \u00f7 (1 + suppliers).",
    controls,
    h("p", {}, download),
    figure(
      "needs-chart",
      `The ${top.length} highest scores${region ? ` in ${region}` : ""}${stage ? `, ${stageName(stage).toLowerCase()}` : ""}`,
      chart,
      basis,
    ),
    figure("needs-table", `Ranked unmet needs (${needs.length})`, rows, basis),
  );
  return { title: "Unmet needs", body };
}
