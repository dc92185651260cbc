import { hash, verify } from "@node-rs/argon2";

// Argon2id with the library's defaults (@node-rs/argon2 2.2.1: 19 MiB of
// memory, 2 passes, 1 lane), the minimum that OWASP's password storage
// guidance lists for Argon2id. The parameters are stored in each hash, so
// raising them later still verifies old hashes.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// A hash of a random password, verified when the username is unknown, so
// that a failed login takes as long whether or not the user exists.
let decoyHash: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoyHash ??= hash(crypto.randomUUID());
    await verify(await decoyHash, password);
    return false;
  }
  return verify(passwordHash, password);
}
