/**
 * The one error class nestship throws on purpose. A `NestshipError` is a known failure: the CLI prints
 * its one-line message and exits 2. Anything else is a bug and keeps its stack (shown with --debug).
 */
export class NestshipError extends Error {
  /** The file that is wrong, relative to the project directory, when there is one. */
  readonly file: string | undefined;
  /** What the user should do about it. Printed after the message. */
  readonly hint: string | undefined;

  constructor(message: string, options: { file?: string; hint?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'NestshipError';
    this.file = options.file;
    this.hint = options.hint;
  }

  /** `file: message; hint` on one line. */
  oneLine(): string {
    const where = this.file ? `${this.file}: ` : '';
    const what = this.hint ? `${this.message}; ${this.hint}` : this.message;
    return `${where}${what}`;
  }
}
