import { presentMission } from "./presenter.js";
import type { MissionEventRow, MissionRow } from "./repository.js";

// The WebSocket frame {type: "mission", mission} sent when a mission is
// created or changes status, by hand or by tracking. `mission` is the body
// of GET /api/v1/missions/:id with its timeline, so a console applies it
// without a second request.
export function missionMessage(mission: MissionRow, timeline: MissionEventRow[]) {
  return { type: "mission" as const, mission: presentMission(mission, timeline) };
}

export type MissionMessage = ReturnType<typeof missionMessage>;
