import { z } from "zod";

import type { SimulatorMission } from "./pilot.js";

/**
 * Reads the active missions and their incidents from the dispatch API over
 * HTTP, as any other client would, so the simulator needs nothing of the
 * API's code and runs in or out of the server's process. A viewer token
 * is enough: both routes accept any role.
 */

export interface MissionSource {
  activeMissions(): Promise<SimulatorMission[]>;
}

export interface ApiMissionSourceOptions {
  /** Base URL of the API, such as http://127.0.0.1:8080. */
  apiUrl: string;
  token: string;
  /** Per request; a stalled API fails the poll instead of stacking requests. */
  timeoutMs?: number;
}

// The API's page limit for both lists.
const PAGE_LIMIT = 500;
const DEFAULT_TIMEOUT_MS = 5_000;

const lonLat = z.tuple([z.number(), z.number()]);

const missionList = z.object({
  items: z.array(z.object({ id: z.number(), incidentId: z.number(), icaoAddress: z.string().nullable(), status: z.string() })),
});

const incident = z.object({
  id: z.number(),
  lonLat,
  geometry: z.union([
    z.object({ type: z.literal("Point"), coordinates: lonLat }),
    z.object({ type: z.literal("Polygon"), coordinates: z.array(z.array(lonLat)) }),
  ]),
});
type Incident = z.infer<typeof incident>;

const incidentList = z.object({ items: z.array(incident) });

export class ApiMissionSource implements MissionSource {
  constructor(private readonly options: ApiMissionSourceOptions) {}

  /** Fetches the active missions whose aircraft has an ICAO address, with the place of their incident. */
  async activeMissions(): Promise<SimulatorMission[]> {
    const missions = (await this.getJson(`/api/v1/missions?active=true&limit=${PAGE_LIMIT}`, missionList)).items;
    const tracked = missions.filter((mission) => mission.icaoAddress !== null);
    if (tracked.length === 0) {
      return [];
    }

    const incidents = new Map<number, Incident>();
    for (const item of (await this.getJson(`/api/v1/incidents?status=open&limit=${PAGE_LIMIT}`, incidentList)).items) {
      incidents.set(item.id, item);
    }
    // More open incidents than one page is unlikely, but the missing ones are fetched singly.
    for (const mission of tracked.filter((item) => !incidents.has(item.incidentId))) {
      incidents.set(mission.incidentId, await this.getJson(`/api/v1/incidents/${mission.incidentId}`, incident));
    }

    return tracked.map((mission) => {
      const place = incidents.get(mission.incidentId)!;
      return {
        id: mission.id,
        icaoAddress: mission.icaoAddress!.toUpperCase(),
        status: mission.status,
        target: { lonLat: place.lonLat, area: place.geometry.type === "Polygon" ? place.geometry.coordinates : null },
      };
    });
  }

  private async getJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const url = new URL(path, this.options.apiUrl);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${this.options.token}`, accept: "application/json" },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
    if (!response.ok) {
      throw new Error(`GET ${url.pathname}: HTTP ${response.status}; check the simulator's API token and URL`);
    }
    return schema.parse(await response.json());
  }
}
