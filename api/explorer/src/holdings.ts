// Holdings read the same way in every view: a force's (or unit's) capabilities as of a day.

import type { Basis } from "./ui";
import { count } from "./ui";

export interface Holding {
  maturity: number;
  target: number;
  gap: number;
  illustrative: boolean;
  capability: { id: string; name: string; stage: string };
}

export const HOLDING_FIELDS = "maturity target gap illustrative capability { id name stage }";

export type Measure = "maturity" | "gap";

/** The holdings of one capability (`capability:<id>`), one stage (`stage:<STAGE>`) or all. */
export function chosen(holdings: Holding[], on: string): Holding[] {
  const [kind, value] = on.split(":", 2);
  if (kind === "capability") return holdings.filter((x) => x.capability.id === value);
  if (kind === "stage") return holdings.filter((x) => x.capability.stage === value);
  return holdings;
}

/** The mean maturity or mean gap of `holdings`, or null when there are none. */
export function meanOf(holdings: Holding[], measure: Measure): number | null {
  if (holdings.length === 0) return null;
  return holdings.reduce((sum, x) => sum + x[measure], 0) / holdings.length;
}

/** What a figure drawn from `holdings` rests on, counted from the holdings themselves. */
export function holdingBasis(holdings: Holding[]): Basis {
  const made = holdings.filter((x) => x.illustrative).length;
  return {
    records: holdings.length,
    illustrative: made,
    summary: `${count(made)} of ${count(holdings.length)} assessments are illustrative.`,
  };
}
