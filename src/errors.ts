/**
 * A mistake in what the user gave us (an input, a config file, a report): shown as a clear
 * one-line message naming where it is, never with a stack trace.
 * Anything else thrown is a bug in Slipway and is reported with its stack.
 */
export class UserError extends Error {
  override readonly name = 'UserError';
  /** Where the problem is: an input name, `file:line`, or `file: field.path`. */
  readonly where: string | undefined;

  constructor(message: string, where?: string) {
    super(where ? `${where}: ${message}` : message);
    this.where = where;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Message of anything thrown, without assuming it is an Error. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
