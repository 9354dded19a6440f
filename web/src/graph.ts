// The graph view: cytoscape.js with the fcose layout. It merges subgraphs
// from the API, keeps dragged nodes pinned through layouts, and hides
// elements the filters exclude.
import cytoscape, { type Collection, type Core, type EdgeSingular, type ElementDefinition, type Layouts, type NodeSingular } from "cytoscape";
import fcose from "cytoscape-fcose";
import type { Edge, EntityRef } from "./api";
import { dateHigh, dateLow } from "./text";
import { predicateLabel, TYPE_STYLE } from "./ui";

cytoscape.use(fcose);

// Fitting never zooms in further than this: a two-node graph stays at a
// readable size.
const MAX_FIT_ZOOM = 1.3;

export interface Filters {
  predicates: Set<string>;
  types: Set<string>;
  from: string;
  until: string;
  undated: boolean;
}

export interface GraphEvents {
  node(id: string): void;
  edge(id: string): void;
}

export class GraphView {
  readonly cy: Core;
  private filters: Filters | null = null;
  // running is set while a layout moves nodes.
  running = false;
  private current: Layouts | null = null;

  constructor(container: HTMLElement, on: GraphEvents) {
    this.cy = cytoscape({
      container,
      minZoom: 0.1,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": (n: NodeSingular) => TYPE_STYLE[n.data("type") as keyof typeof TYPE_STYLE]?.color ?? "#888",
            shape: (n: NodeSingular) => (TYPE_STYLE[n.data("type") as keyof typeof TYPE_STYLE]?.shape ?? "ellipse") as never,
            label: "data(name)",
            width: 26,
            height: 26,
            "font-size": 12,
            "font-family": "system-ui, 'DejaVu Sans', sans-serif",
            color: "#1d2230",
            "text-valign": "bottom",
            "text-margin-y": 4,
            "text-wrap": "wrap",
            "text-max-width": "140px",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.75,
            "text-background-padding": "1px",
            "min-zoomed-font-size": 9,
            "border-width": 1.5,
            "border-color": "#ffffff",
          },
        },
        { selector: "node.root", style: { width: 40, height: 40, "font-size": 15, "font-weight": "bold", "border-width": 3, "border-color": "#1d2230" } },
        { selector: "node.expanded", style: { "border-width": 3, "border-color": "#1d2230" } },
        { selector: "node.pinned", style: { "border-style": "double", "border-width": 5, "border-color": "#b00020" } },
        { selector: "node:selected", style: { "overlay-color": "#ffd54f", "overlay-opacity": 0.35, "overlay-padding": 6 } },
        {
          selector: "edge",
          style: {
            width: (e: EdgeSingular) => 1.2 + Math.min(4, Number(e.data("weight")) - 1),
            "line-color": "#9aa3b5",
            "target-arrow-color": "#9aa3b5",
            "target-arrow-shape": "triangle",
            "arrow-scale": 0.9,
            "curve-style": "bezier",
            label: "data(label)",
            "font-size": 10,
            color: "#41485a",
            "text-rotation": "autorotate",
            "text-background-color": "#f7f8fb",
            "text-background-opacity": 0.85,
            "text-background-padding": "1px",
            "min-zoomed-font-size": 8,
          },
        },
        { selector: "edge:selected", style: { "line-color": "#d81b60", "target-arrow-color": "#d81b60", width: 4, color: "#d81b60" } },
        { selector: "node.onpath", style: { "border-color": "#ff8f00", "border-width": 4 } },
        { selector: "edge.onpath", style: { "line-color": "#ff8f00", "target-arrow-color": "#ff8f00", width: 4 } },
        { selector: ".filtered", style: { display: "none" } },
      ],
    });
    this.cy.on("tap", "node", (ev) => on.node(ev.target.id()));
    this.cy.on("tap", "edge", (ev) => on.edge(ev.target.id()));
    // Dragging pins a node where it is dropped; right-click releases it.
    this.cy.on("dragfree", "node", (ev) => ev.target.addClass("pinned"));
    this.cy.on("cxttap", "node", (ev) => ev.target.toggleClass("pinned"));
  }

  isEmpty(): boolean { return this.cy.nodes().length === 0; }
  has(id: string): boolean { return this.cy.getElementById(id).nonempty(); }

  // merge adds the nodes and edges not yet shown. New nodes start next to
  // the node they were reached from so that the layout moves little.
  merge(nodes: EntityRef[], edges: Edge[], near?: string): number {
    const anchor = near ? this.cy.getElementById(near) : null;
    const at = anchor?.nonempty() ? anchor.position() : { x: 0, y: 0 };
    const add: ElementDefinition[] = [];
    const fresh = nodes.filter((n) => !this.has(n.id));
    // New nodes start on an arc around the anchor, facing away from the
    // rest of the graph, so that the layout untangles little.
    const rest = this.cy.nodes().boundingBox();
    const away = this.cy.nodes().length > 1
      ? Math.atan2(at.y - (rest.y1 + rest.y2) / 2, at.x - (rest.x1 + rest.x2) / 2) : 0;
    const spread = this.cy.nodes().length > 1 ? Math.PI * 1.2 : Math.PI * 2;
    const radius = 110 + 4 * fresh.length;
    fresh.forEach((n, i) => {
      const a = away - spread / 2 + (spread * (i + 0.5)) / fresh.length;
      add.push({
        group: "nodes",
        data: { id: n.id, name: n.name, type: n.type },
        position: { x: at.x + radius * Math.cos(a), y: at.y + radius * Math.sin(a) },
      });
    });
    for (const e of edges) {
      if (this.has(e.id)) continue;
      const ev = e.relation?.evidence ?? [];
      add.push({
        group: "edges",
        data: {
          id: e.id, source: e.source.id, target: e.target.id, predicate: e.predicate,
          label: predicateLabel(e.predicate), weight: e.weight,
          dates: ev.map((x) => [x.from ?? "", x.until ?? ""]),
        },
      });
    }
    this.cy.add(add);
    this.applyFilters();
    return add.filter((d) => d.group === "nodes").length;
  }

  clear(): void { this.cy.elements().remove(); }

  layout(randomize: boolean): void {
    const visible = this.cy.elements().not(".filtered");
    if (visible.nodes().length === 0) return;
    // A new layout replaces one still running.
    this.current?.stop();
    const pins = visible.nodes(".pinned");
    const pinned = pins.map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
    // fcose places the fixed nodes by their boxes with labels; locking them
    // for the run keeps them exactly where the user dropped them.
    pins.lock();
    const big = visible.nodes().length > 120;
    this.running = true;
    const l = visible.layout({
      name: "fcose",
      quality: big ? "default" : "proof",
      randomize: randomize && pinned.length === 0,
      animate: visible.nodes().length < 300,
      animationDuration: 400,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: true,
      // Edges at busy nodes get longer so that their many neighbours find room.
      idealEdgeLength: (e: EdgeSingular) => 90 + 8 * Math.sqrt(Math.max(e.source().degree(false), e.target().degree(false))),
      nodeRepulsion: () => (big ? 30000 : 12000),
      edgeElasticity: () => 0.3,
      nodeSeparation: 90,
      numIter: 4000,
      fixedNodeConstraint: pinned.length ? pinned : undefined,
    } as never);
    this.current = l;
    l.one("layoutstop", () => {
      pins.unlock();
      if (this.current !== l) return;
      this.clampZoom(visible);
      this.current = null;
      this.running = false;
    });
    l.run();
  }

  fit(): void {
    const eles = this.cy.elements().not(".filtered");
    this.cy.fit(eles, 40);
    this.clampZoom(eles);
  }

  // clampZoom keeps a small graph from being blown up to fill the view.
  private clampZoom(eles: Collection): void {
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(eles);
    }
  }

  zoom(factor: number): void {
    const c = this.cy;
    c.zoom({ level: c.zoom() * factor, renderedPosition: { x: c.width() / 2, y: c.height() / 2 } });
  }

  unpinAll(): void { this.cy.nodes(".pinned").removeClass("pinned"); }

  mark(cls: string, ids: string[]): void {
    this.cy.elements("." + cls).removeClass(cls);
    for (const id of ids) this.cy.getElementById(id).addClass(cls);
  }

  select(id: string): void {
    this.cy.elements(":selected").unselect();
    this.cy.getElementById(id).select();
  }

  // counts of what is loaded, for the filter labels.
  counts(): { predicates: Map<string, number>; types: Map<string, number> } {
    const predicates = new Map<string, number>(), types = new Map<string, number>();
    this.cy.edges().forEach((e) => { predicates.set(e.data("predicate"), (predicates.get(e.data("predicate")) ?? 0) + 1); });
    this.cy.nodes().forEach((n) => { types.set(n.data("type"), (types.get(n.data("type")) ?? 0) + 1); });
    return { predicates, types };
  }

  setFilters(f: Filters): void {
    this.filters = f;
    this.applyFilters();
  }

  // applyFilters hides nodes of unchecked types, edges of unchecked
  // predicates or outside the dates, and then nodes left without a visible
  // tie (except the roots and the nodes the user expanded).
  private applyFilters(): void {
    const f = this.filters;
    const cy = this.cy;
    cy.batch(() => {
      cy.elements().removeClass("filtered");
      if (!f) return;
      cy.nodes().forEach((n) => { if (!f.types.has(n.data("type"))) n.addClass("filtered"); });
      const lo = f.from ? dateLow(f.from) : "";
      const hi = f.until ? dateHigh(f.until) : "";
      cy.edges().forEach((e) => {
        if (!f.predicates.has(e.data("predicate")) || e.source().hasClass("filtered") || e.target().hasClass("filtered")) {
          e.addClass("filtered");
          return;
        }
        if (!lo && !hi && f.undated) return;
        const dates: [string, string][] = e.data("dates") ?? [];
        const ok = dates.some(([from, until]) => {
          if (!from && !until) return f.undated;
          const start = from ? dateLow(from) : "";
          const end = until ? dateHigh(until) : "9999-99-99";
          return (!lo || end >= lo) && (!hi || start <= hi);
        }) || (dates.length === 0 && f.undated);
        if (!ok) e.addClass("filtered");
      });
      const narrowed = f.predicates.size < 11 || f.types.size < 8 || lo !== "" || hi !== "" || !f.undated;
      if (narrowed) {
        cy.nodes().forEach((n) => {
          if (n.hasClass("filtered") || n.hasClass("root") || n.hasClass("expanded")) return;
          if (n.connectedEdges().not(".filtered").length === 0) n.addClass("filtered");
        });
      }
    });
  }
}
