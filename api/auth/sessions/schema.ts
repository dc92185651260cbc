import { z } from "zod";

// The password is checked for presence only, since the rules for new
// passwords may have changed after it was set.
export const loginBody = z
  .object({
    username: z.string().trim().toLowerCase().min(1).max(40),
    password: z.string().min(1).max(256),
  })
  .strict();
