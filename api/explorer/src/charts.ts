// The explorer's one kind of chart: labelled horizontal bars, longest first, coloured by group.

import * as Plot from "@observablehq/plot";
import { STAGES, STAGE_COLOURS, accessible } from "./ui";

export interface Bar {
  label: string;
  value: number;
  group: string;
}

export interface Groups {
  domain: string[];
  range: string[];
}

/** Stages in their colours: public contact green, investigation blue, evidence purple. */
export const STAGE_GROUPS: Groups = {
  domain: STAGES.map(([, text]) => text),
  range: STAGES.map(([stage]) => STAGE_COLOURS[stage].colour),
};

export interface BarOptions {
  /** What the bars measure, under the axis. */
  axis: string;
  /** What the chart shows, for screen readers. */
  description: string;
  groups: Groups;
  domain?: [number, number];
  tickFormat?: (value: number) => string;
  width?: number;
  marginLeft?: number;
}

/** `rows` as bars sorted longest first, with a colour key when there is more than one group. */
export function bars(rows: Bar[], options: BarOptions): Element {
  const chart = Plot.plot({
    width: options.width ?? 760,
    height: 40 + rows.length * 22,
    marginLeft: options.marginLeft ?? 340,
    style: { fontSize: "12px" },
    x: { label: options.axis, domain: options.domain, tickFormat: options.tickFormat, grid: true },
    y: { label: null },
    color: { ...options.groups, legend: options.groups.domain.length > 1 },
    marks: [Plot.barX(rows, { x: "value", y: "label", fill: "group", sort: { y: "-x" } }), Plot.ruleX([0])],
  });
  return accessible(chart, options.description);
}
