import { users } from "../../db/schema.js";

// Every column a client may see; the password hash is never among them.
export const userSelection = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  city: users.city,
  disabled: users.disabled,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: string;
  city: string;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function presentUser(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    city: row.city,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
