import type { MessageKey } from "../core/i18n.js";
import type { PlanningKey } from "./i18n.js";

// One property of an asset as the form edits it. `name` is the property
// name in the API's write schema, so that an error's field
// `properties.<name>` finds its input.
export type FieldSpec =
  | { name: string; kind: "text"; label: MessageKey | PlanningKey; required?: boolean; nullable?: boolean }
  | { name: string; kind: "number"; label: MessageKey | PlanningKey; required?: boolean; unit?: "m" | "km"; step?: string }
  | { name: string; kind: "enum"; label: MessageKey | PlanningKey; enumKey: string; options: readonly string[] }
  | { name: string; kind: "boolean"; label: MessageKey | PlanningKey }
  | { name: string; kind: "months"; label: MessageKey | PlanningKey }
  | { name: string; kind: "base"; label: MessageKey | PlanningKey };

export type DrawShape = "Marker" | "Line" | "Polygon";

export interface PlanningKind {
  id: "bases" | "landingPoints" | "waterSources" | "patrolRoutes" | "riskAreas";
  path: string;
  shape: DrawShape;
  fields: FieldSpec[];
  // Properties a new record gets before the user fills the form.
  defaults: Record<string, unknown>;
}

const cities = ["bayannur", "baotou", "ordos", "wuhai", "alxa"] as const;

const names: FieldSpec[] = [
  { name: "nameZh", kind: "text", label: "planning.nameZh", required: true },
  { name: "nameEn", kind: "text", label: "planning.nameEn", nullable: true },
];
const city: FieldSpec = { name: "city", kind: "enum", label: "field.city", enumKey: "city", options: cities };
const notes: FieldSpec = { name: "notes", kind: "text", label: "field.notes", nullable: true };

// The five kinds a planner draws, with the fields of their write schemas in
// api/assets/kinds.ts (provenance fields other than notes are left as they are).
export const planningKinds: PlanningKind[] = [
  {
    id: "bases",
    path: "/bases",
    shape: "Marker",
    fields: [
      { name: "code", kind: "text", label: "field.code", required: true },
      ...names,
      { name: "kind", kind: "enum", label: "field.kind", enumKey: "baseKind", options: ["air_station", "mobile_station", "helipad", "partner_base"] },
      city,
      { name: "fuelAvailable", kind: "boolean", label: "field.fuelAvailable" },
      { name: "nightOperations", kind: "boolean", label: "field.nightOperations" },
      { name: "elevationM", kind: "number", label: "field.elevationM", unit: "m" },
      notes,
    ],
    defaults: { kind: "helipad", city: "bayannur" },
  },
  {
    id: "landingPoints",
    path: "/landing-points",
    shape: "Marker",
    fields: [
      ...names,
      { name: "surface", kind: "enum", label: "field.surface", enumKey: "surface", options: ["concrete", "asphalt", "grass", "gravel", "dirt"] },
      { name: "sizeM", kind: "number", label: "field.sizeM", required: true, unit: "m" },
      { name: "nightCapable", kind: "boolean", label: "field.nightCapable" },
      { name: "elevationM", kind: "number", label: "field.elevationM", unit: "m" },
      city,
      notes,
    ],
    defaults: { surface: "grass", city: "bayannur" },
  },
  {
    id: "waterSources",
    path: "/water-sources",
    shape: "Marker",
    fields: [
      ...names,
      { name: "kind", kind: "enum", label: "field.kind", enumKey: "waterKind", options: ["river", "lake", "reservoir", "pond", "tank"] },
      { name: "bucketUsable", kind: "boolean", label: "field.bucketUsable" },
      { name: "minDepthM", kind: "number", label: "field.minDepthM", unit: "m", step: "0.1" },
      { name: "monthsFrozen", kind: "months", label: "field.monthsFrozen" },
      city,
      notes,
    ],
    defaults: { kind: "reservoir", city: "bayannur" },
  },
  {
    id: "patrolRoutes",
    path: "/patrol-routes",
    shape: "Line",
    fields: [
      ...names,
      { name: "corridorWidthKm", kind: "number", label: "field.corridorWidthKm", required: true, unit: "km", step: "0.1" },
      { name: "activeMonths", kind: "months", label: "field.activeMonths" },
      { name: "homeBaseId", kind: "base", label: "field.homeBase" },
      notes,
    ],
    defaults: {},
  },
  {
    id: "riskAreas",
    path: "/risk-areas",
    shape: "Polygon",
    fields: [
      ...names,
      { name: "kind", kind: "enum", label: "field.kind", enumKey: "riskKind", options: ["forest", "grassland", "flood", "seismic", "hazardous_chemicals", "mine"] },
      { name: "weight", kind: "number", label: "field.weight", required: true, step: "0.1" },
      notes,
    ],
    defaults: { kind: "forest" },
  },
];
