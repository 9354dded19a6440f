// A search box with ranked suggestions: type icon, name, the form that
// matched, and the documents the entity comes from. Used by the main search
// and by the path pickers.
import { search, type Entity, type SearchHit } from "./api";
import { debounce, h, typeIcon, TYPE_STYLE } from "./ui";

export interface Suggest {
  set(e: Entity | null): void;
  picked(): Entity | null;
}

export function suggest(input: HTMLInputElement, list: HTMLElement, onPick: (e: Entity) => void,
  onError: (err: unknown) => void): Suggest {
  let hits: SearchHit[] = [];
  let active = -1;
  let chosen: Entity | null = null;
  let seq = 0;

  const close = () => { list.hidden = true; active = -1; };
  const pick = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    chosen = hit.node;
    input.value = hit.node.name;
    close();
    onPick(hit.node);
  };
  const mark = () => {
    [...list.children].forEach((li, i) => li.classList.toggle("active", i === active));
    (list.children[active] as HTMLElement | undefined)?.scrollIntoView({ block: "nearest" });
  };
  const render = () => {
    list.replaceChildren(...hits.map((hit, i) => {
      const e = hit.node;
      const docs = e.documents ?? [];
      const shown = docs.slice(0, 3).map((d) => h("span", { class: "doc", title: d.id }, `${d.title} (${d.language})`));
      return h("li", { role: "option", class: "hit", "data-id": e.id, onmousedown: (ev: Event) => { ev.preventDefault(); pick(i); } },
        typeIcon(e.type),
        h("span", { class: "hit-main" },
          h("span", { class: "hit-name" }, e.name),
          h("span", { class: "hit-type" }, TYPE_STYLE[e.type]?.label ?? e.type),
          hit.matched && hit.matched !== e.name ? h("span", { class: "hit-matched" }, `matched “${hit.matched}”`) : null,
          h("span", { class: "hit-docs" }, docs.length ? "in " : "no document", ...shown,
            docs.length > 3 ? ` +${docs.length - 3} more` : "")));
    }));
    if (hits.length === 0) list.replaceChildren(h("li", { class: "none" }, "No entity has that name."));
    list.hidden = false;
    active = hits.length ? 0 : -1;
    mark();
  };
  const run = debounce(async (text: string) => {
    const my = ++seq;
    try {
      const got = await search(text, 10);
      if (my !== seq) return; // a later keystroke won
      hits = got;
      render();
    } catch (err) {
      onError(err);
    }
  }, 150);

  input.addEventListener("input", () => {
    chosen = null;
    const text = input.value.trim();
    if (text.length < 2) { seq++; hits = []; close(); return; }
    run(text);
  });
  input.addEventListener("keydown", (ev) => {
    if (list.hidden) return;
    if (ev.key === "ArrowDown") { active = Math.min(hits.length - 1, active + 1); mark(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { active = Math.max(0, active - 1); mark(); ev.preventDefault(); }
    else if (ev.key === "Enter") { pick(active); ev.preventDefault(); }
    else if (ev.key === "Escape") { close(); }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));
  input.addEventListener("focus", () => { if (hits.length && !chosen) render(); });

  return {
    set(e) { chosen = e; input.value = e ? e.name : ""; close(); },
    picked() { return chosen; },
  };
}
