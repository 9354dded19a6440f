// Small DOM helpers and the look of each entity type (colour, node shape,
// icon), shared by the graph, the suggestions and the panels.
import type { EntityType } from "./api";

type Child = Node | string | null | undefined | false;

// h builds an element; text goes in as text nodes, never as HTML.
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | ((e: Event) => void) | undefined> = {}, ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (typeof v === "function") el.addEventListener(k.replace(/^on/, ""), v);
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

export function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page lacks #${id}`);
  return el;
}

export const TYPE_STYLE: Record<EntityType, { color: string; shape: string; label: string }> = {
  PERSON: { color: "#E69F00", shape: "ellipse", label: "person" },
  ORGANIZATION: { color: "#0072B2", shape: "round-rectangle", label: "organization" },
  PUBLIC_BODY: { color: "#56B4E9", shape: "rectangle", label: "public body" },
  CITY: { color: "#009E73", shape: "ellipse", label: "city" },
  COUNTRY: { color: "#8C8C2B", shape: "round-pentagon", label: "country" },
  NETWORK: { color: "#CC79A7", shape: "round-hexagon", label: "network" },
  EVENT: { color: "#D55E00", shape: "round-diamond", label: "event" },
  PROJECT: { color: "#7B68EE", shape: "round-tag", label: "project" },
};

// Icon bodies: constant SVG, 16×16, filled with the type's colour.
const ICONS: Record<EntityType, string> = {
  PERSON: '<circle cx="8" cy="4.5" r="3"/><path d="M2 15c0-3.6 2.7-6 6-6s6 2.4 6 6z"/>',
  ORGANIZATION: '<path fill-rule="evenodd" d="M3 15V2h10v13zM5 4v2h2V4zm4 0v2h2V4zM5 8v2h2V8zm4 0v2h2V8zm-2 4v3h2v-3z"/>',
  PUBLIC_BODY: '<path d="M8 1 1 5h14zM2 6h12v1.5H2zM3 8.5h2v4.5H3zm4 0h2v4.5H7zm4 0h2v4.5h-2zM1 14h14v2H1z"/>',
  CITY: '<path d="M1 15V8h3V4h4v2h2V2h3v6h2v7z"/>',
  COUNTRY: '<path d="M3 1h1.5v14H3zM5.5 2H14l-2 3 2 3H5.5z"/>',
  NETWORK: '<circle cx="8" cy="3" r="2.2"/><circle cx="3" cy="13" r="2.2"/><circle cx="13" cy="13" r="2.2"/><path d="M8 3 3 13h10z" fill="none" stroke="currentColor" stroke-width="1.3"/>',
  EVENT: '<path fill-rule="evenodd" d="M2 3h12v12H2zm1.5 4v6.5h9V7z"/><path d="M4.5 1H6v3H4.5zM10 1h1.5v3H10z"/>',
  PROJECT: '<path d="M1 3h5l1.5 1.5H15V14H1z"/>',
};

export function typeIcon(t: EntityType): SVGSVGElement {
  const span = document.createElement("span");
  const c = TYPE_STYLE[t]?.color ?? "#777";
  span.innerHTML = `<svg class="icon" viewBox="0 0 16 16" width="16" height="16" fill="${c}" color="${c}" role="img" aria-label="${TYPE_STYLE[t]?.label ?? t}">${ICONS[t] ?? ""}</svg>`;
  return span.firstElementChild as SVGSVGElement;
}

export function predicateLabel(p: string): string {
  return p.toLowerCase().replace(/_/g, " ");
}

export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

// debounce runs fn once calls pause for ms.
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: number | undefined;
  return (...a: A) => {
    clearTimeout(t);
    t = window.setTimeout(() => fn(...a), ms);
  };
}

// put replaces el's children, skipping absent ones.
export function put(el: HTMLElement, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c);
  }
}
