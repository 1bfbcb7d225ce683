// Small builders for the page: elements, figures with their basis, tables, controls.

import palette from "../../../graph/reports/stages.json";

export interface Basis {
  records: number;
  illustrative: number;
  summary: string;
}

export const BASIS_FIELDS = "basis { records illustrative summary }";

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** An element with attributes (`on*` ones are not set: use `listen`) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** The badge and one line that say what a figure rests on, and whether any of it is made up. */
export function basisNote(basis: Basis): HTMLElement {
  const made = basis.illustrative > 0;
  return h(
    "p",
    { class: "basis" },
    h(
      "span",
      { class: made ? "badge illustrative" : "badge recorded" },
      made ? "Illustrative" : "Public record",
    ),
    " ",
    basis.summary,
  );
}

/** A titled figure: its body, then its basis; `id` names it for tests and print. */
export function figure(id: string, title: string, body: Node, basis?: Basis): HTMLElement {
  return h(
    "figure",
    { class: "figure", id },
    h("figcaption", {}, title),
    body,
    basis ? basisNote(basis) : null,
  );
}

/** A table of `rows` under `columns`; numbers are right-aligned. */
export function table(columns: string[], rows: Child[][], caption?: string): HTMLTableElement {
  const head = h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, c)));
  const body = rows.map((row) =>
    h(
      "tr",
      {},
      ...row.map((cell) =>
        typeof cell === "number"
          ? h("td", { class: "num" }, Number.isInteger(cell) ? count(cell) : cell)
          : h("td", {}, cell),
      ),
    ),
  );
  return h(
    "table",
    {},
    caption ? h("caption", {}, caption) : null,
    h("thead", {}, head),
    h("tbody", {}, ...body),
  );
}

/** A labelled drop-down; `choose` gets the chosen value. */
export function select(
  label: string,
  name: string,
  options: [value: string, text: string][],
  chosen: string,
  choose: (value: string) => void,
): HTMLElement {
  const control = h(
    "select",
    { id: `choose-${name}`, name },
    ...options.map(([value, text]) => h("option", { value, selected: value === chosen }, text)),
  );
  control.addEventListener("change", () => choose(control.value));
  return h("label", { class: "control", for: `choose-${name}` }, `${label} `, control);
}

/** A labelled date field; `choose` gets the day (or "" when cleared). */
export function dateField(
  label: string,
  name: string,
  chosen: string,
  choose: (value: string) => void,
): HTMLElement {
  const control = h("input", { id: `choose-${name}`, name, type: "date", value: chosen });
  control.addEventListener("change", () => choose(control.value));
  return h("label", { class: "control", for: `choose-${name}` }, `${label} `, control);
}

/** Whole numbers as people write them: 1,234. */
export function count(value: number): string {
  return value.toLocaleString("en-GB");
}

/** A fraction as a percentage: 0.258 gives 26%; `signed` gives +26%. */
export function percent(value: number, signed = false): string {
  const text = `${Math.round(value * 100)}%`;
  return signed && value > 0 ? `+${text}` : text;
}

/** A mean to one decimal place, or a dash for none. */
export function mean(value: number | null | undefined): string {
  return value === null || value === undefined ? "\u2013" : value.toFixed(1);
}

export const STAGES: [string, string][] = Object.entries(palette).map(([stage, { name }]) => [stage, name]);

/** Each stage's colour (marks) and tint (backgrounds), the reports' too. */
export const STAGE_COLOURS: Record<string, { colour: string; tint: string }> = palette;

/** A stage's name as people read it. */
export function stageName(stage: string): string {
  return STAGES.find(([value]) => value === stage)?.[1] ?? stage;
}

/** A chart Plot drew, made readable to screen readers: `description` names it, and Plot's
 * labelled groups (bars, rules, axes) are marked as groups, where a label is allowed. */
export function accessible(chart: Element, description: string): Element {
  for (const labelled of chart.querySelectorAll("[aria-label]:not([role])")) {
    labelled.setAttribute("role", "group");
  }
  const svg = chart.tagName.toLowerCase() === "svg" ? chart : chart.querySelector("svg:last-of-type");
  svg?.setAttribute("role", "img");
  svg?.setAttribute("aria-label", description);
  return chart;
}

/** A view's page: its heading, one line on what it shows, then its parts. */
export function page(kind: string, title: string, lede: string, ...parts: Child[]): HTMLElement {
  return h("div", { class: kind }, h("h1", {}, title), h("p", { class: "lede" }, lede), ...parts);
}
