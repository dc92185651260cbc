// Command-line handling shared by the npm scripts that take options.

/** Thrown for a bad command line; readCommandLine prints it with the usage text. */
export class UsageError extends Error {}

// Parses process.argv with `parse`, which returns null for --help. Prints
// `usage` to stdout and returns null for --help. On a bad command line (a
// UsageError, or an unknown option that node:util parseArgs rejects) prints
// the message and `usage` to stderr and exits with status 2.
export function readCommandLine<T>(parse: (argv: string[]) => T | null, usage: string): T | null {
  let args: T | null;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }

  if (args === null) {
    process.stdout.write(usage);
  }
  return args;
}
