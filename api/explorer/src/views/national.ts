// The national view: the 43 territorial forces as a tile map, coloured by maturity or gap.

import * as Plot from "@observablehq/plot";
import { gql } from "../api";
import { HOLDING_FIELDS, chosen, holdingBasis, meanOf, type Holding, type Measure } from "../holdings";
import { addressWith, go } from "../state";
import layout from "../tiles.json";
import { STAGES, accessible, dateField, figure, h, mean, select, page } from "../ui";

interface Body {
  id: string;
  name: string;
  region?: string;
  shortName?: string;
  capabilities: Holding[];
}

interface Answer {
  forces: { edges: { node: Body }[] };
  bodies: { edges: { node: Body & { kind: string } }[] };
  regionalUnits: { edges: { node: Body }[] };
  capabilities: { edges: { node: { id: string; name: string; stage: string; delivery: string } }[] };
}

const QUERY = `query National($asOf: Date) {
  forces(filter: {kind: TERRITORIAL}, first: 50) {
    edges { node { id name region capabilities(first: 200, asOf: $asOf) { ${HOLDING_FIELDS} } } }
  }
  bodies: forces(filter: {kind: NATIONAL}, first: 20) {
    edges { node { id name kind capabilities(first: 200, asOf: $asOf) { ${HOLDING_FIELDS} } } }
  }
  regionalUnits(first: 20) {
    edges { node { id name shortName region capabilities(first: 200, asOf: $asOf) { ${HOLDING_FIELDS} } } }
  }
  capabilities(first: 500) { edges { node { id name stage delivery } } }
}`;

const TILES = layout.tiles as unknown as Record<string, [number, number]>;

/** A force's name without "Police", "Constabulary" or "Police Service". */
export function shortName(name: string): string {
  return name
    .replace(/ (Constabulary|Police Service|Police)$/, "")
    .replace("Devon & Cornwall", "Devon and Cornwall");
}

/** A colour scale over the forces' values, widened to whole half-levels so that it reads
 * plainly; a unit or body beyond it takes the colour of its end. */
function colourScale(measure: Measure, values: number[]) {
  const low = values.length ? Math.floor(Math.min(...values) * 2) / 2 : 0;
  const high = values.length ? Math.max(Math.ceil(Math.max(...values) * 2) / 2, low + 0.5) : 5;
  return Plot.scale({
    color: {
      type: "linear",
      domain: [low, high],
      clamp: true,
      scheme: measure === "gap" ? "oranges" : "blues",
      label: measure === "gap" ? "Mean gap (target minus maturity, 0 to 5)" : "Mean maturity (0 to 5)",
    },
  });
}

/** Black or white, whichever contrasts more (WCAG's ratio) with `background` (an rgb() or #rrggbb colour). */
function ink(background: string): string {
  const parts = background.startsWith("#")
    ? [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16))
    : (background.match(/\d+/g) ?? ["255", "255", "255"]).slice(0, 3).map(Number);
  const [r, g, b] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const light = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) ? "#000" : "#fff";
}

function tile(
  body: Body,
  value: number | null,
  measure: Measure,
  colour: (v: number) => string,
  place?: [number, number],
) {
  const linked = place !== undefined;
  const background = value === null ? "#e5e5e5" : colour(value);
  const label = `${body.name}: ${value === null ? "not assessed" : `mean ${measure} ${mean(value)}`}`;
  const style = [
    `background:${background}`,
    `color:${ink(background)}`,
    place ? `grid-column:${place[0] + 1};grid-row:${place[1] + 1}` : "",
  ].join(";");
  return h(
    linked ? "a" : "div",
    {
      class: "tile",
      href: linked ? addressWith({ view: "force", force: body.id }) : null,
      role: linked ? null : "img",
      "aria-label": label,
      title: label,
      style,
      "data-force": linked ? body.id : null,
    },
    h("span", { class: "tile-name" }, body.shortName ?? shortName(body.name)),
    h("span", { class: "tile-value" }, value === null ? "\u2013" : mean(value)),
  );
}

export async function nationalView(params: URLSearchParams) {
  const asOf = params.get("asOf") || null;
  const measure: Measure = params.get("measure") === "gap" ? "gap" : "maturity";
  const on = params.get("on") ?? "all";
  const data = await gql<Answer>(QUERY, { asOf });
  const every = data.forces.edges.map((e) => meanOf(chosen(e.node.capabilities, on), measure));
  const scale = colourScale(
    measure,
    every.filter((v): v is number => v !== null),
  );
  const colour = (v: number) => String(scale.apply(v));
  const forces = data.forces.edges.map((e) => e.node);
  const capabilities = data.capabilities.edges.map((e) => e.node);
  const used = forces.flatMap((f) => chosen(f.capabilities, on));

  const onOptions: [string, string][] = [
    ["all", "All capabilities"],
    ...STAGES.map(([value, text]) => [`stage:${value}`, `Stage: ${text}`] as [string, string]),
    ...capabilities.map((c) => [`capability:${c.id}`, c.name] as [string, string]),
  ];
  const controls = h(
    "div",
    { class: "controls" },
    select(
      "Colour by",
      "measure",
      [
        ["maturity", "Mean maturity"],
        ["gap", "Mean gap"],
      ],
      measure,
      (v) => go(addressWith({ measure: v })),
    ),
    select("On", "on", onOptions, on, (v) => go(addressWith({ on: v === "all" ? null : v }))),
    dateField("As of", "asOf", asOf ?? "", (v) => go(addressWith({ asOf: v }))),
  );

  const grid = h(
    "div",
    { class: "tile-map", role: "list", "aria-label": "Territorial forces of England and Wales" },
    ...forces.map((f) => {
      const t = tile(f, meanOf(chosen(f.capabilities, on), measure), measure, colour, TILES[f.id]);
      t.setAttribute("role", "listitem");
      return t;
    }),
  );
  const others = (title: string, bodies: Body[], note: string) =>
    h(
      "section",
      { class: "others" },
      h("h3", {}, title),
      h("p", { class: "hint" }, note),
      h(
        "div",
        { class: "tile-row" },
        ...bodies.map((b) => tile(b, meanOf(chosen(b.capabilities, on), measure), measure, colour)),
      ),
    );
  const units = data.regionalUnits.edges.map((e) => e.node);
  const bodies = data.bodies.edges.map((e) => e.node).filter((b) => b.capabilities.length > 0);
  const described = onOptions.find(([value]) => value === on)?.[1] ?? "All capabilities";
  const legend = accessible(Plot.legend({ color: scale as never, width: 300 }) as Element, "Colour key");

  const body = page(
    "national",
    "Digital capability across England and Wales",
    `Each tile is one of the 43 territorial forces, placed roughly where it is. Colour: ${measure === "gap" ? "mean gap" : "mean maturity"} on ${described.toLowerCase()}. Choose a force to open it.`,
    controls,
    h(
      "div",
      { class: "map-and-side" },
      figure(
        "national-map",
        `${measure === "gap" ? "Mean gap" : "Mean maturity"}: ${described}`,
        h("div", {}, legend, grid),
        holdingBasis(used),
      ),
      h(
        "aside",
        { class: "side" },
        others(
          "Regional organised crime units",
          units,
          "They hold the regionally delivered capabilities for the forces they serve. A value beyond the key takes the colour at its end.",
        ),
        others("National bodies", bodies, "They hold the nationally delivered capabilities for everyone."),
      ),
    ),
  );
  return { title: "National map", body };
}
