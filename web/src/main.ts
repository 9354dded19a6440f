// The ties explorer: search, an actor's neighbourhood, paths between two
// actors, the evidence for a tie and the documents it was read from, all
// through the GraphQL API. State lives in the URL hash (#entity=ID,
// #doc=ID&rel=ID) so that views can be linked.
import * as api from "./api";
import { GraphView } from "./graph";
import { suggest } from "./suggest";
import { dateHigh, dateLow, findMentions, fold, segments } from "./text";
import { $, h, put, percent, predicateLabel, typeIcon, TYPE_STYLE } from "./ui";

const panel = $("panel");
const status = $("status");
const docview = $("docview");

function say(msg: string, isError = false): void {
  status.textContent = msg;
  status.classList.toggle("error", isError);
  status.hidden = msg === "";
}
function fail(err: unknown): void {
  say(err instanceof Error ? err.message : String(err), true);
}

const graph = new GraphView($("cy"), {
  node: (id) => { void openEntity(id, true); },
  edge: (id) => { graph.select(id); void showEvidence(id); },
});
// For tests and the console: read-only access to the graph.
(window as unknown as { tiesExplorer: unknown }).tiesExplorer = {
  cy: graph.cy,
  idle: () => api.pending() === 0 && !graph.running,
  text: { dateHigh, dateLow, findMentions, fold, segments },
};

// --- search and neighbourhoods ---------------------------------------------

const mainSearch = suggest($("search") as HTMLInputElement, $("search-suggestions"),
  (e) => { location.hash = `entity=${encodeURIComponent(e.id)}`; }, fail);

function depth(): number { return Number(($("depth") as HTMLSelectElement).value) || 1; }

// openEntity shows an entity's details; with expand it merges its
// neighbourhood into the graph.
async function openEntity(id: string, expand: boolean): Promise<api.Entity | null> {
  try {
    if (expand) await expandNode(id);
    graph.select(id);
    const e = await api.entity(id);
    if (!e) { say(`No entity ${id}.`, true); return null; }
    showEntity(e);
    return e;
  } catch (err) { fail(err); return null; }
}

// expandNode merges id's neighbourhood into the graph and, unless the
// caller lays out itself, moves the new nodes into place.
async function expandNode(id: string, relayout = true): Promise<void> {
  say("Loading neighbourhood…");
  const sub = await api.neighborhood(id, depth());
  const added = graph.merge(sub.nodes, sub.edges, id);
  graph.cy.getElementById(id).addClass("expanded");
  updateFilterCounts();
  $("empty").hidden = !graph.isEmpty();
  if (added > 0 && relayout) graph.layout(false);
  say(`${sub.nodes.length} entities, ${sub.edges.length} ties around ${sub.nodes.find((n) => n.id === id)?.name ?? id}` +
    `${added ? `, ${added} new` : ""}${sub.truncated ? " (cut short: too many)" : ""}.`);
}

async function focusEntity(id: string): Promise<void> {
  graph.clear();
  try {
    await expandNode(id, false);
    graph.cy.getElementById(id).addClass("root");
    graph.layout(true);
    const e = await openEntity(id, false);
    if (e) mainSearch.set(e);
  } catch (err) { fail(err); }
}

function showEntity(e: api.Entity): void {
  const docs = e.documents ?? [];
  put(panel,
    h("h2", { class: "title" }, typeIcon(e.type), " ", e.name),
    h("p", { class: "meta" }, TYPE_STYLE[e.type]?.label ?? e.type,
      e.languages?.length ? ` · named in ${e.languages.join(", ")}` : ""),
    e.aliases.length ? h("p", { class: "aliases" }, h("b", {}, "Also: "), e.aliases.join(" · ")) : null,
    e.resolution ? h("p", { class: "meta" }, `Resolved by: ${e.resolution}`) : null,
    h("div", { class: "buttons" },
      h("button", { onclick: () => { location.hash = `entity=${encodeURIComponent(e.id)}`; } }, "Centre on it"),
      h("button", { onclick: () => { pathFrom.set(e); pathChanged(); } }, "Path from"),
      h("button", { onclick: () => { pathTo.set(e); pathChanged(); } }, "Path to")),
    h("h3", {}, `Documents (${docs.length})`),
    h("ul", { class: "doclist" }, docs.map((d) => h("li", {}, docLink(d.id, d.title), d.language ? ` (${d.language})` : ""))),
  );
}

function docLink(id: string, title: string, rel?: string): HTMLAnchorElement {
  const q = `doc=${encodeURIComponent(id)}${rel ? `&rel=${encodeURIComponent(rel)}` : ""}`;
  return h("a", { href: `#${q}`, class: "doclink", title: title || id }, title || id);
}

// --- evidence ----------------------------------------------------------------

function names(e: api.Entity): string[] {
  return [e.name, ...(e.aliases ?? [])];
}

// mentions returns text with the subject's and object's names of the
// relations marked.
function mentions(text: string, rels: api.Relation[]): (Node | string)[] {
  const ranges = findMentions(text, [
    { terms: rels.flatMap((r) => names(r.subject)), cls: "subj" },
    { terms: rels.flatMap((r) => names(r.object)), cls: "obj" },
  ]);
  const cps = Array.from(text);
  const out: (Node | string)[] = [];
  let at = 0;
  for (const m of ranges) {
    out.push(cps.slice(at, m.start).join(""), h("mark", { class: m.cls }, cps.slice(m.start, m.end).join("")));
    at = m.end;
  }
  out.push(cps.slice(at).join(""));
  return out;
}

// highlighted renders a sentence with the subject's and object's names marked.
function highlighted(sentence: string, r: api.Relation): HTMLElement {
  return h("q", { class: "sentence" }, ...mentions(sentence, [r]));
}

function tieLine(r: { predicate: string; subject: { name?: string }; object: { name?: string } }): HTMLElement {
  return h("span", { class: "tie" }, h("span", { class: "subj" }, r.subject.name ?? ""),
    h("span", { class: "pred" }, ` ${predicateLabel(r.predicate)} → `), h("span", { class: "obj" }, r.object.name ?? ""));
}

async function showEvidence(id: string): Promise<void> {
  try {
    const r = await api.relation(id);
    if (!r) { say(`No relation ${id}.`, true); return; }
    put(panel,
      h("h2", { class: "title" }, "Evidence"),
      h("p", { class: "tie-head" }, tieLine(r)),
      h("p", { class: "meta" }, `confidence ${percent(r.confidence)} · ${r.evidence.length} sentence${r.evidence.length === 1 ? "" : "s"}`),
      h("ol", { class: "evidence" }, r.evidence.map((ev) => h("li", {},
        highlighted(ev.sentence, r),
        h("div", { class: "meta" },
          docLink(ev.document.id, ev.document.title, r.id),
          h("span", { class: "lang" }, ev.document.language),
          ` confidence ${percent(ev.confidence)}`,
          ev.from || ev.until ? ` · ${ev.from ?? "…"}–${ev.until ?? ""}` : "",
          ev.rule ? h("span", { class: "rule" }, ` · ${ev.rule}`) : null)))),
    );
    say("");
  } catch (err) { fail(err); }
}

// --- paths -------------------------------------------------------------------

const findBtn = $("path-find") as HTMLButtonElement;
const pathChanged = () => { findBtn.disabled = !(pathFrom.picked() && pathTo.picked()); };
const pathFrom = suggest($("path-from") as HTMLInputElement, $("path-from-suggestions"), pathChanged, fail);
const pathTo = suggest($("path-to") as HTMLInputElement, $("path-to-suggestions"), pathChanged, fail);
document.querySelectorAll<HTMLInputElement>("#path-from, #path-to").forEach((i) => i.addEventListener("input", pathChanged));

findBtn.addEventListener("click", async () => {
  const from = pathFrom.picked(), to = pathTo.picked();
  if (!from || !to) return;
  const max = Number(($("path-max") as HTMLSelectElement).value) || 4;
  try {
    say("Looking for paths…");
    const ps = await api.paths(from.id, to.id, max);
    showPaths(from, to, ps, max);
    if (ps.length) showPath(ps[0]);
    say(ps.length ? `${ps.length} path${ps.length === 1 ? "" : "s"} found.` : "");
  } catch (err) { fail(err); }
});

// showPath puts a path on the graph (again, after a Clear) and marks it.
function showPath(p: api.Path): void {
  const added = graph.merge(p.nodes, p.edges);
  graph.mark("onpath", [...p.nodes.map((n) => n.id), ...p.edges.map((e) => e.id)]);
  $("empty").hidden = true;
  updateFilterCounts();
  if (added) graph.layout(graph.cy.nodes().length === p.nodes.length);
}

function showPaths(from: api.Entity, to: api.Entity, ps: api.Path[], max: number): void {
  put(panel,
    h("h2", { class: "title" }, "Paths"),
    h("p", { class: "meta" }, `${from.name} → ${to.name}`),
    ps.length === 0 ? h("p", { class: "none" }, `No chain of at most ${max} ties joins them.`) : null,
    h("ol", { class: "paths" }, ps.map((p, i) => h("li", { class: "path" },
      h("button", { class: "link", onclick: () => showPath(p) },
        `${p.length} step${p.length === 1 ? "" : "s"}${i === 0 ? " (shown)" : ""}: show on graph`),
      h("ol", { class: "steps" }, p.edges.map((e, k) => {
        const ev = e.relation.evidence[0];
        return h("li", { class: "step", "data-rel": e.id },
          h("span", { class: "node" }, typeIcon(p.nodes[k].type), " ", p.nodes[k].name),
          h("button", { class: "link edge", title: "evidence", onclick: () => { graph.select(e.id); void showEvidence(e.id); } },
            e.source.id === p.nodes[k].id ? ` —${predicateLabel(e.predicate)}→ ` : ` ←${predicateLabel(e.predicate)}— `),
          h("span", { class: "node" }, typeIcon(p.nodes[k + 1].type), " ", p.nodes[k + 1].name),
          ev ? h("blockquote", {}, ev.sentence ?? "", " ",
            ev.document ? docLink(ev.document.id, ev.document.title ?? "", e.id) : null,
            e.relation.evidence.length > 1 ? ` (+${e.relation.evidence.length - 1} more)` : "") : null);
      }))))),
  );
}

// --- filters -----------------------------------------------------------------

function checks(box: HTMLElement, values: string[], label: (v: string) => Node | string): void {
  box.replaceChildren(...values.map((v) => h("label", { class: "check" },
    h("input", { type: "checkbox", value: v, checked: "" }), label(v), h("span", { class: "count", "data-count": v }, ""))));
}
checks($("filter-predicates"), api.PREDICATES, predicateLabel);
checks($("filter-types"), api.ENTITY_TYPES, (t) => h("span", {}, typeIcon(t as api.EntityType), " ", TYPE_STYLE[t as api.EntityType].label));

function readFilters(): void {
  const on = (box: string) => new Set([...document.querySelectorAll<HTMLInputElement>(`#${box} input:checked`)].map((i) => i.value));
  graph.setFilters({
    predicates: on("filter-predicates"),
    types: on("filter-types"),
    from: ($("date-from") as HTMLInputElement).value.trim(),
    until: ($("date-until") as HTMLInputElement).value.trim(),
    undated: ($("date-undated") as HTMLInputElement).checked,
  });
}
document.querySelectorAll(".side.left fieldset").forEach((f) => f.addEventListener("change", readFilters));
document.querySelectorAll("#date-from, #date-until").forEach((f) => f.addEventListener("input", readFilters));
readFilters();

function updateFilterCounts(): void {
  const c = graph.counts();
  document.querySelectorAll<HTMLElement>("[data-count]").forEach((s) => {
    const v = s.dataset.count ?? "";
    const n = c.predicates.get(v) ?? c.types.get(v) ?? 0;
    s.textContent = n ? String(n) : "";
  });
}

// --- view buttons --------------------------------------------------------------

$("fit").addEventListener("click", () => graph.fit());
// A new depth reloads the centred entity's neighbourhood.
$("depth").addEventListener("change", () => {
  if (shownEntity && graph.has(shownEntity)) void expandNode(shownEntity).catch(fail);
});
$("zoom-in").addEventListener("click", () => graph.zoom(1.25));
$("zoom-out").addEventListener("click", () => graph.zoom(0.8));
$("relayout").addEventListener("click", () => graph.layout(false));
$("unpin").addEventListener("click", () => graph.unpinAll());
$("clear").addEventListener("click", () => {
  graph.clear(); updateFilterCounts(); $("empty").hidden = false; panel.replaceChildren(); shownEntity = ""; location.hash = "";
});

function legend(): void {
  $("legend").replaceChildren(...api.ENTITY_TYPES.map((t) => h("span", { class: "item" }, typeIcon(t), TYPE_STYLE[t].label)));
}
legend();

// --- document view ---------------------------------------------------------------

async function showDocument(id: string, rel: string | null): Promise<void> {
  try {
    const d = await api.document(id);
    if (!d) { say(`No document ${id}.`, true); return; }
    // Evidence of this document only: a relation may also rest on others.
    const spans: { start: number; end: number; rel: string }[] = [];
    for (const r of d.relations) {
      for (const ev of r.evidence) if (ev.document.id === d.id) spans.push({ start: ev.start, end: ev.end, rel: r.id });
    }
    const body = h("div", { class: "doctext", lang: d.language });
    for (const seg of segments(d.text, spans)) {
      if (seg.marks.length === 0) { body.append(seg.text); continue; }
      const rels = [...new Set(seg.marks.map((i) => spans[i].rel))];
      const covering = d.relations.filter((r) => rels.includes(r.id));
      body.append(h("mark", { class: "ev", "data-rels": rels.join(" "), title: `${rels.length} tie${rels.length === 1 ? "" : "s"}`,
        onclick: () => selectTie(rels) }, ...mentions(seg.text, covering)));
    }
    const list = h("ol", { class: "ties" }, d.relations.map((r) => h("li", { "data-rel": r.id, onclick: () => selectTie([r.id]) },
      tieLine(r), h("span", { class: "meta" }, ` ${percent(r.confidence)}`),
      h("button", { class: "link", onclick: (ev: Event) => { ev.stopPropagation(); closeDoc(); void showEvidence(r.id); } }, "evidence"))));
    put(docview,
      h("header", {},
        h("h2", { title: d.title || d.id }, d.title || d.id),
        h("span", { class: "lang" }, d.language),
        h("span", { class: "meta" }, `${d.id} · ${d.format} · ${d.statementCount} statements · ${d.relations.length} ties`),
        h("button", { class: "close", onclick: closeDoc, title: "Back to the graph" }, "× Close")),
      h("div", { class: "docbody" }, body, h("aside", {}, h("h3", {}, "Extracted ties"), list)),
    );
    docview.hidden = false;
    if (rel) selectTie([rel]);
  } catch (err) { fail(err); }
}

function selectTie(rels: string[]): void {
  docview.querySelectorAll(".sel").forEach((el) => el.classList.remove("sel"));
  let first: Element | null = null;
  docview.querySelectorAll<HTMLElement>("mark.ev").forEach((m) => {
    if ((m.dataset.rels ?? "").split(" ").some((r) => rels.includes(r))) { m.classList.add("sel"); first ??= m; }
  });
  docview.querySelectorAll<HTMLElement>(".ties li").forEach((li) => {
    if (rels.includes(li.dataset.rel ?? "")) li.classList.add("sel");
  });
  (first as Element | null)?.scrollIntoView({ block: "center" });
}

function closeDoc(): void {
  docview.hidden = true;
  if (location.hash.startsWith("#doc=")) history.replaceState(null, "", location.pathname + location.search + lastEntityHash);
}

// --- documents list and stats ------------------------------------------------------

async function loadSide(): Promise<void> {
  try {
    const [s, docs] = await Promise.all([api.stats(), api.documents()]);
    $("stats").textContent = `${s.documents} documents · ${s.entities} entities · ${s.relations} ties`;
    $("documents").replaceChildren(...docs.map((d) => h("li", {}, docLink(d.id, d.title), d.language ? ` (${d.language})` : "")));
  } catch (err) { fail(err); }
}

// --- routing -----------------------------------------------------------------------

let lastEntityHash = "";
let shownEntity = "";

function route(): void {
  const p = new URLSearchParams(location.hash.slice(1));
  const doc = p.get("doc"), ent = p.get("entity");
  if (doc) { void showDocument(doc, p.get("rel")); return; }
  docview.hidden = true;
  if (ent) {
    lastEntityHash = location.hash;
    if (ent !== shownEntity) {
      shownEntity = ent;
      void focusEntity(ent);
    }
  }
}
window.addEventListener("hashchange", route);
route();
void loadSide();
