import type { ApiClient } from "../core/api-client.js";
import { can, currentPrincipal } from "../core/capabilities.js";
import { element } from "../core/dom.js";
import { onLanguageChange } from "../core/i18n.js";
import type { LiveMessages } from "../live/feed.js";
import { MutualAidApi } from "./api.js";
import { seesAllCities } from "./cities.js";
import { RequestForm } from "./form.js";
import { ImpactTracker } from "./impacts.js";
import { placeInOrder, present } from "./nodes.js";
import { at, type AidKey } from "./i18n.js";
import { RequestRow, type RowContext } from "./request-row.js";
import type { AidFrame, AidRequest, City, Fleet, Incident } from "./types.js";
import "./mutual-aid.css";

type Section = "incoming" | "outgoing" | "others";

const sectionKeys: Record<Section, AidKey> = { incoming: "aid.incoming", outgoing: "aid.outgoing", others: "aid.others" };

// Mutual aid between cities: requests to and from the signed-in user's city
// (every city for home-city admins), kept current by the mutual_aid frames
// of the console's live feed. Roles with mutualAid.write also get the
// request form and the steps each side may take.
export class MutualAidPanel {
  private readonly panel = element("aside", { class: "fleet-panel mutual-aid-panel", "data-testid": "mutual-aid-panel", hidden: "" });
  private readonly api: MutualAidApi;
  private readonly impacts: ImpactTracker;
  private readonly rows = new Map<number, RequestRow>();
  private readonly sections = new Map<Section, HTMLUListElement>();
  private fleet: Fleet | null = null;
  private incidents: Incident[] = [];
  // The open incidents inside the caller's city: the request form offers only these.
  private ownIncidentIds = new Set<number>();
  private form: RequestForm | null = null;
  private error: string | null = null;
  private listening = false;

  constructor(
    private readonly container: HTMLElement,
    client: ApiClient,
    private readonly cities: () => readonly City[],
    private readonly live: LiveMessages,
  ) {
    this.api = new MutualAidApi(client);
    this.impacts = new ImpactTracker(this.api);
    container.append(this.panel);
    onLanguageChange(() => this.render());
  }

  // Returns whether the panel is open afterwards.
  toggle(): boolean {
    this.panel.hidden = !this.panel.hidden;
    this.container.classList.toggle("fleet-open", !this.panel.hidden);
    if (!this.panel.hidden) {
      this.render();
      void this.load();
      this.listen();
    }
    return !this.panel.hidden;
  }

  // The panel follows the frames from its first opening on, so that the
  // list is current whenever it is shown again. Frames sent while the feed
  // was down are lost, so every later connection reloads the list.
  private listen(): void {
    if (this.listening) {
      return;
    }
    this.listening = true;
    this.live.onMessage<AidFrame>("mutual_aid", (frame) => this.apply(frame.request));
    this.live.onConnect(() => void this.load());
  }

  private async load(): Promise<void> {
    const scope = seesAllCities(currentPrincipal(), this.cities()) ? null : (currentPrincipal()?.city ?? null);
    const [requests, fleet, incidents, ownIncidentIds] = await Promise.all([
      this.api.requests(scope).catch((error: Error) => error),
      this.api.fleet().catch((error: Error) => error),
      this.api.openIncidents().catch((error: Error) => error),
      this.api.ownIncidentIds().catch((error: Error) => error),
    ]);

    // The list works without the fleet and incidents, which only label rows and fill pickers.
    if (fleet instanceof Error || incidents instanceof Error || ownIncidentIds instanceof Error) {
      console.warn("mutual aid: loading the fleet or open incidents failed", fleet, incidents, ownIncidentIds);
    }
    this.fleet = fleet instanceof Error ? this.fleet : fleet;
    this.incidents = incidents instanceof Error ? this.incidents : incidents;
    this.ownIncidentIds = ownIncidentIds instanceof Error ? this.ownIncidentIds : ownIncidentIds;
    this.error = requests instanceof Error ? requests.message : null;
    for (const request of requests instanceof Error ? [] : requests) {
      this.upsert(request);
    }
    this.render();
  }

  // Applies a request from a frame or a step's response. Steps that lend or
  // return an aircraft change which aircraft can be lent, so the fleet is read again.
  private apply(request: AidRequest): void {
    if (!this.inScope(request)) {
      return;
    }
    const isNew = !this.rows.has(request.id);
    this.upsert(request);
    if (isNew) {
      this.placeRows();
    }
    if (request.status === "approved" || request.status === "returned") {
      void this.reloadFleet();
    }
  }

  private inScope(request: AidRequest): boolean {
    const principal = currentPrincipal();
    if (seesAllCities(principal, this.cities())) {
      return true;
    }
    return request.requestingCity === principal?.city || request.lendingCity === principal?.city;
  }

  private upsert(request: AidRequest): void {
    const row = this.rows.get(request.id);
    if (!row) {
      this.rows.set(request.id, new RequestRow(request, this.rowContext()));
    } else if (JSON.stringify(row.current) !== JSON.stringify(request)) {
      row.update(request);
    }
    void this.impacts.refresh(request, this.rows.get(request.id)!);
  }

  private async reloadFleet(): Promise<void> {
    try {
      this.fleet = await this.api.fleet();
    } catch (error) {
      console.warn("mutual aid: reloading the fleet failed", error);
      return;
    }
    this.form?.render();
    for (const row of this.rows.values()) {
      if (row.current.status === "requested" && row.current.aircraftId === null) {
        row.render();
      }
    }
  }

  private rowContext(): RowContext {
    return {
      cities: this.cities,
      principal: currentPrincipal,
      fleet: () => this.fleet,
      incidents: () => this.incidents,
      approve: (id, aircraftId) => this.api.approve(id, aircraftId),
      decline: (id, reason) => this.api.decline(id, reason),
      cancel: (id) => this.api.cancel(id),
      returnLoan: (id) => this.api.returnLoan(id),
      applied: (request) => this.apply(request),
    };
  }

  private sectionOf(request: AidRequest): Section {
    const own = currentPrincipal()?.city;
    if (request.lendingCity === own) {
      return "incoming";
    }
    return request.requestingCity === own ? "outgoing" : "others";
  }

  private render(): void {
    if (can("mutualAid.write")) {
      this.form ??= new RequestForm({
        cities: this.cities,
        fleet: () => this.fleet,
        incidents: () => this.incidents.filter((incident) => this.ownIncidentIds.has(incident.id)),
        create: (body) => this.api.create(body),
        applied: (request) => this.apply(request),
      });
      this.form.render();
    }
    for (const row of this.rows.values()) {
      row.render();
    }

    const sections = (["incoming", "outgoing", "others"] as const).map((section) => {
      const list = element("ul", { class: "fleet-list aid-list", "data-testid": `mutual-aid-${section}` });
      this.sections.set(section, list);
      return element("section", { class: "aid-section", "data-section": section }, [element("h3", {}, [at(sectionKeys[section])]), list]);
    });
    this.panel.replaceChildren(
      ...present([
        element("div", { class: "panel-header" }, [element("h2", { class: "panel-heading" }, [at("aid.title")]), element("span", { class: "fleet-count" }, [at("aid.timeZone")])]),
        this.error ? element("p", { class: "form-error", role: "alert", "data-testid": "mutual-aid-load-error" }, [at("aid.loadFailed", { message: this.error })]) : null,
        this.form?.element ?? null,
        ...sections,
      ]),
    );
    this.placeRows();
  }

  // Puts each row in its section, newest first. A section without rows shows an empty-list line.
  private placeRows(): void {
    const ordered = [...this.rows.values()].sort((a, b) => b.current.id - a.current.id);
    for (const [section, list] of this.sections) {
      const rows = ordered.filter((row) => this.sectionOf(row.current) === section);
      const seesOthers = seesAllCities(currentPrincipal(), this.cities());
      list.parentElement!.hidden = section === "others" && !seesOthers;
      placeInOrder(list, rows.length > 0 ? rows.map((row) => row.element) : [element("li", { class: "empty" }, [at("aid.empty")])]);
    }
  }
}
