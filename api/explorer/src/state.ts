// A view's state lives in the address, so every view can be shared and reloaded.

export type ViewName = "national" | "force" | "dependencies" | "needs" | "pilots";

const VIEWS: readonly ViewName[] = ["national", "force", "dependencies", "needs", "pilots"];

/** The parameters of the address now (view, force, capability, stage, region, since, ...). */
export function current(): URLSearchParams {
  return new URLSearchParams(location.search);
}

/** The view the address names, the national map if none. */
export function viewOf(params: URLSearchParams): ViewName {
  const view = params.get("view") as ViewName | null;
  return view && VIEWS.includes(view) ? view : "national";
}

/** The address for `changes` applied to the current parameters (null or "" removes one). */
export function addressWith(changes: Record<string, string | null>, base = current()): string {
  const params = new URLSearchParams(base);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") params.delete(key);
    else params.set(key, value);
  }
  return `${location.pathname}?${params.toString()}`;
}

type Listener = () => void;
let listener: Listener = () => undefined;

/** Calls `render` whenever the address changes (a link, back, forward or `go`). */
export function onNavigate(render: Listener): void {
  listener = render;
  window.addEventListener("popstate", () => listener());
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest?.("a");
    if (!link || link.target || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    go(url.pathname + url.search);
  });
}

/** Moves to `address` (keeping history) and renders it; `replace` changes the entry in place. */
export function go(address: string, replace = false): void {
  if (replace) history.replaceState(null, "", address);
  else history.pushState(null, "", address);
  listener();
}
