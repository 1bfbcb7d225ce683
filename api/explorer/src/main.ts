// The explorer: one view at a time, chosen by the address, drawn from the GraphQL API.

import "./style.css";
import { ApiError, gql } from "./api";
import { current, onNavigate, viewOf, type ViewName } from "./state";
import { h } from "./ui";
import { dependenciesView } from "./views/dependencies";
import { forceView } from "./views/force";
import { nationalView } from "./views/national";
import { needsView } from "./views/needs";
import { pilotsView } from "./views/pilots";

export type View = (params: URLSearchParams) => Promise<{ title: string; body: HTMLElement }>;

const VIEWS: Record<ViewName, View> = {
  national: nationalView,
  force: forceView,
  dependencies: dependenciesView,
  needs: needsView,
  pilots: pilotsView,
};

const main = document.getElementById("view") as HTMLElement;
const footer = document.getElementById("provenance") as HTMLElement;
let drawing = 0;

async function render(): Promise<void> {
  const params = current();
  const name = viewOf(params);
  const mine = ++drawing;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("nav a[data-view]")) {
    if (link.dataset.view === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  main.setAttribute("aria-busy", "true");
  try {
    const [{ title, body }, version] = await Promise.all([
      VIEWS[name](params),
      gql<{ graphVersion: number }>("{ graphVersion }"),
    ]);
    if (mine !== drawing) return;
    document.title = `${title} \u2013 DII Knowledge Graph`;
    main.replaceChildren(body);
    footer.replaceChildren(provenance(version.graphVersion, params.get("asOf")));
  } catch (error) {
    if (mine !== drawing) return;
    const message = error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
    main.replaceChildren(h("p", { class: "error", role: "alert" }, message));
  } finally {
    if (mine === drawing) main.removeAttribute("aria-busy");
  }
}

function provenance(version: number, asOf: string | null): HTMLElement {
  const when = new Date().toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
  return h(
    "p",
    {},
    `Graph version ${version} \u00b7 holdings ${asOf ? `as of ${asOf}` : "at their latest observation"}`,
    ` \u00b7 read ${when} \u00b7 `,
    h("a", { href: location.href }, "link to this view"),
    " \u00b7 Most assessments are illustrative (forces' own assessments are not public): every figure says what it rests on.",
  );
}

onNavigate(() => void render());
void render();
