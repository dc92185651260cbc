// What the signed-in role may do in the console. This table is the one
// place the console decides which write controls to build, and every panel
// calls can() before it creates a button or form that writes. It mirrors the
// route access lists of the API (api/auth/roles.ts, api/dispatch/http.ts,
// api/mutual-aid/routes.ts, api/audit/routes.ts), which still check every
// request, so a control shown by mistake only earns a 403.

export type Role = "admin" | "planner" | "dispatcher" | "coordinator" | "viewer" | "feed";

export type Capability =
  // Planning edits of bases, landing points, water sources and routes, and imports.
  | "planning.edit"
  // The coverage what-if form (POST /coverage/scenarios).
  | "coverage.whatIf"
  // Creating, updating and closing incidents.
  | "incident.write"
  // Assigning aircraft and setting mission status.
  | "mission.write"
  | "alert.acknowledge"
  // Requesting, approving, declining and returning mutual-aid loans.
  | "mutualAid.write"
  // Managing users and API tokens (/users, /tokens).
  | "admin.manage"
  // Reading an object's audit log (GET /audit). Coordinators read only
  // mutual-aid requests, see canReadAudit.
  | "audit.read";

const allCapabilities: readonly Capability[] = [
  "planning.edit",
  "coverage.whatIf",
  "incident.write",
  "mission.write",
  "alert.acknowledge",
  "mutualAid.write",
  "admin.manage",
  "audit.read",
];

export const capabilitiesByRole: Record<Role, readonly Capability[]> = {
  admin: allCapabilities,
  planner: ["planning.edit", "coverage.whatIf", "audit.read"],
  dispatcher: ["incident.write", "mission.write", "alert.acknowledge", "audit.read"],
  coordinator: ["mutualAid.write", "audit.read"],
  viewer: [],
  feed: [],
};

// The bearer of the console's token, as GET /api/v1/auth/me returns it.
export interface Principal {
  actor: string;
  name: string;
  role: Role;
  city: string;
  user: { username: string; displayName: string } | null;
}

let principal: Principal | null = null;

export function setPrincipal(next: Principal | null): void {
  principal = next;
}

export function currentPrincipal(): Principal | null {
  return principal;
}

// Returns whether the signed-in role may do this; before sign-in, false.
export function can(capability: Capability): boolean {
  if (!principal) {
    return false;
  }
  return capabilitiesByRole[principal.role]?.includes(capability) ?? false;
}

// The object kinds each role reads in the audit log, as api/audit/query.ts
// filters them; null means every kind. The API filters in any case, so
// this only hides buttons that would open an empty list.
const auditKindsByRole: Partial<Record<Role, readonly string[] | null>> = {
  admin: null,
  dispatcher: ["incident", "mission", "alert", "restricted_area"],
  coordinator: ["mutual_aid_request"],
};

// Accounts and credentials, whose history only admins read.
const accountAuditKinds = ["user", "token", "session", "city"];

// Returns whether the signed-in role may read the audit log of objects of
// this kind.
export function canReadAudit(objectKind: string): boolean {
  if (!can("audit.read") || !principal) {
    return false;
  }
  if (principal.role === "planner") {
    return !accountAuditKinds.includes(objectKind);
  }
  const kinds = auditKindsByRole[principal.role];
  return kinds === null || (kinds?.includes(objectKind) ?? false);
}
