// "feed" tokens belong to receivers and trackers that push positions, and may do nothing else.
export const roles = ["admin", "planner", "dispatcher", "coordinator", "viewer", "feed"] as const;
export type Role = (typeof roles)[number];

// Access rule of a route: "public" needs no token, "any" any valid token,
// otherwise one of the listed roles.
export type Access = "public" | "any" | readonly Role[];

export const assetWriters: readonly Role[] = ["admin", "planner"];
export const adminOnly: readonly Role[] = ["admin"];
