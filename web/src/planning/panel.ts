import type L from "leaflet";

import type { LoadedLayer } from "../assets/asset-layers.js";
import type { AssetContext } from "../assets/catalog.js";
import { assetHistoryButton } from "../audit/index.js";
import { ApiClient } from "../core/api-client.js";
import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import { writeAsset } from "./api.js";
import { draftGeometry, drawShape, editableCopy, enableEditing, markAsDraft, stopDrawing } from "./draft.js";
import { planningKinds, type PlanningKind } from "./fields.js";
import { buildPropertyForm, type PropertyForm } from "./form.js";
import { pt } from "./i18n.js";
import { featuresOf, layerOf, reloadLayer, zoomToFeature } from "./layers.js";
import { displayName, renderTable } from "./table.js";

export interface PlanningOptions {
  map: L.Map;
  token: string;
  shell: HTMLElement;
  layers: LoadedLayer[];
  context: AssetContext;
  onCountsChange(): void;
}

// A record being created (id null) or edited: its unsaved geometry on the
// map, its form, and the stored layer hidden while the copy is edited.
interface EditSession {
  kind: PlanningKind;
  id: number | null;
  draft: L.Layer;
  form: PropertyForm;
  hidden: L.Layer | null;
}

// The planners' side panel: a table per asset kind with search, and the
// create, edit and delete tools that write through /api/v1/<kind>.
export class PlanningPanel {
  private readonly panel: HTMLElement;
  private readonly api: ApiClient;
  private kind: PlanningKind = planningKinds[1]!;
  private query = "";
  private session: EditSession | null = null;
  private status = "";
  // True while geoman draws a new shape, which the listing can cancel.
  private drawing = false;
  // Counts calls of startCreate, so that a cancelled one leaves the next alone.
  private drawAttempt = 0;

  constructor(private readonly options: PlanningOptions) {
    this.api = new ApiClient(options.token);
    this.panel = element("aside", { class: "planning-panel", "data-testid": "planning-panel", hidden: "" });
    options.shell.append(this.panel);
    onLanguageChange(() => this.render());
  }

  toggle(): boolean {
    this.panel.hidden = !this.panel.hidden;
    if (this.panel.hidden) {
      this.endSession();
    } else {
      this.render();
    }
    this.options.map.invalidateSize();
    return !this.panel.hidden;
  }

  private loaded(kind: PlanningKind): LoadedLayer | undefined {
    return this.options.layers.find((loaded) => loaded.spec.id === kind.id);
  }

  private render(): void {
    const close = element("button", { type: "button", class: "close-button", "aria-label": pt("planning.close") }, ["×"]);
    close.addEventListener("click", () => this.toggle());

    this.panel.replaceChildren(
      element("header", { class: "panel-header" }, [element("h2", {}, [pt("planning.title")]), close]),
      this.kindTabs(),
      this.session ? this.editor(this.session) : this.listing(),
    );
  }

  private kindTabs(): HTMLElement {
    const tabs = planningKinds.map((kind) => {
      const tab = element("button", { type: "button", class: "planning-tab", "data-testid": `planning-kind-${kind.id}`, "aria-pressed": String(kind === this.kind) }, [
        pt(`planning.kind.${kind.id}`),
      ]);
      tab.addEventListener("click", () => {
        this.endSession();
        this.kind = kind;
        this.query = "";
        this.render();
      });
      return tab;
    });
    return element("nav", { class: "planning-tabs" }, tabs);
  }

  private listing(): HTMLElement {
    const search = element("input", { type: "search", class: "planning-search", "data-testid": "planning-search", placeholder: pt("planning.search"), value: this.query });
    const results = element("div", { class: "planning-results" });
    const fill = () => {
      const loaded = this.loaded(this.kind);
      results.replaceChildren(
        renderTable(loaded ? featuresOf(loaded) : [], this.query, {
          onSelect: (feature) => zoomToFeature(this.options.map, feature),
          onEdit: (feature) => this.startEdit(feature),
          onDelete: (feature) => void this.remove(feature),
          historyButton: (feature) => assetHistoryButton(this.kind.path, feature, `history-${feature.properties?.id ?? feature.id}`),
        }),
      );
    };
    search.addEventListener("input", () => {
      this.query = search.value;
      fill();
    });
    fill();

    const create = element("button", { type: "button", class: "planning-primary", "data-testid": "planning-new" }, [pt("planning.new")]);
    create.addEventListener("click", () => void this.startCreate());
    const status = element("p", { class: "planning-status", "data-testid": "planning-status", role: "status" }, [this.status]);
    const toolbar = element("div", { class: "planning-toolbar" }, [search, create]);
    if (!this.drawing) {
      return element("section", {}, [toolbar, status, results]);
    }

    const cancel = element("button", { type: "button", "data-testid": "planning-cancel-draw" }, [pt("planning.cancel")]);
    cancel.addEventListener("click", () => stopDrawing(this.options.map));
    return element("section", {}, [toolbar, element("div", { class: "planning-drawing" }, [status, cancel]), results]);
  }

  private editor(session: EditSession): HTMLElement {
    const name = displayName(session.form.read() as GeoJSON.GeoJsonProperties);
    const kindName = pt(`planning.kind.${session.kind.id}`);
    const heading = session.id === null ? pt("planning.creating", { kind: kindName }) : pt("planning.editing", { kind: kindName, name });

    const save = element("button", { type: "submit", class: "planning-primary", "data-testid": "planning-save" }, [pt("planning.save")]);
    const cancel = element("button", { type: "button", "data-testid": "planning-cancel" }, [pt("planning.cancel")]);
    cancel.addEventListener("click", () => {
      this.endSession();
      this.render();
    });
    session.form.element.onsubmit = (event) => {
      event.preventDefault();
      void this.save(session);
    };
    session.form.element.append(element("div", { class: "planning-buttons" }, [save, cancel]));

    return element("section", { class: "planning-editor" }, [
      element("h3", {}, [heading]),
      element("p", { class: "planning-hint" }, [pt("planning.editGeometry")]),
      session.form.element,
    ]);
  }

  private baseOptions() {
    return [...this.options.context.basesById.values()].map((base) => ({ id: base.id, name: displayName(base as unknown as GeoJSON.GeoJsonProperties) }));
  }

  private async startCreate(): Promise<void> {
    this.endSession();
    const kind = this.kind;
    const hintKey = kind.shape === "Marker" ? "planning.drawPoint" : kind.shape === "Line" ? "planning.drawLine" : "planning.drawPolygon";
    this.status = pt(hintKey);
    this.drawing = true;
    const attempt = ++this.drawAttempt;
    this.render();

    const draft = await drawShape(this.options.map, kind.shape);
    // A second click on New cancels this drawing and starts another one,
    // whose hint and cancel button stay.
    if (attempt !== this.drawAttempt) {
      return;
    }
    this.drawing = false;
    this.status = "";
    if (!draft) {
      this.render();
      return;
    }
    markAsDraft(draft);
    enableEditing(draft);
    this.session = { kind, id: null, draft, form: buildPropertyForm(kind.fields, kind.defaults, this.baseOptions()), hidden: null };
    this.render();
  }

  private startEdit(feature: GeoJSON.Feature): void {
    this.endSession();
    const loaded = this.loaded(this.kind)!;
    const id = feature.properties!.id as number;
    const hidden = layerOf(loaded, id) ?? null;
    if (hidden) {
      loaded.group.removeLayer(hidden);
    }

    const draft = editableCopy(this.options.map, feature.geometry);
    this.session = { kind: this.kind, id, draft, form: buildPropertyForm(this.kind.fields, feature.properties ?? {}, this.baseOptions()), hidden };
    zoomToFeature(this.options.map, feature);
    this.render();
  }

  // Removes the unsaved geometry and shows the stored one again.
  private endSession(): void {
    stopDrawing(this.options.map);
    const session = this.session;
    if (!session) {
      return;
    }
    session.draft.remove();
    if (session.hidden) {
      this.loaded(session.kind)?.group.addLayer(session.hidden);
    }
    this.session = null;
  }

  private async save(session: EditSession): Promise<void> {
    const body = { type: "Feature", geometry: draftGeometry(session.draft), properties: session.form.read() };
    const path = session.id === null ? session.kind.path : `${session.kind.path}/${session.id}`;
    const result = await writeAsset(this.options.token, session.id === null ? "POST" : "PATCH", path, body);
    if (!result.ok) {
      session.form.showErrors(result.errors);
      return;
    }

    session.hidden = null;
    this.endSession();
    await this.reload(session.kind);
    this.status = pt("planning.saved");
    this.render();
  }

  private async remove(feature: GeoJSON.Feature): Promise<void> {
    const kindName = pt(`planning.kind.${this.kind.id}`);
    if (!window.confirm(pt("planning.confirmDelete", { kind: kindName, name: displayName(feature.properties) }))) {
      return;
    }

    const result = await writeAsset(this.options.token, "DELETE", `${this.kind.path}/${feature.properties!.id}`);
    if (!result.ok) {
      this.status = pt("planning.deleteFailed", { message: result.errors.map((error) => error.message).join(" ") });
      this.render();
      return;
    }
    await this.reload(this.kind);
    this.status = pt("planning.deleted");
    this.render();
  }

  private async reload(kind: PlanningKind): Promise<void> {
    const loaded = this.loaded(kind);
    if (!loaded) {
      return;
    }
    await reloadLayer(this.api, loaded, this.options.context);
    this.options.onCountsChange();
  }
}
