/**
 * The seam between an action's main() and the Actions runner. main() receives an ActionIO and
 * never imports the toolkit; the runner implementation is in ./toolkit-io.ts, and tests or the
 * CLI can hand in their own.
 */
export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationProps {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

export interface ActionIO {
  /** Raw input as the runner hands it over ('' when unset); trimming is the caller's choice. */
  getInput(name: string): string;
  setOutput(name: string, value: string | number | boolean): void;
  /** Appends markdown to the job summary. */
  summary(markdown: string): Promise<void>;
  annotate(level: AnnotationLevel, message: string, props?: AnnotationProps): void;
  setSecret(value: string): void;
  info(message: string): void;
  warning(message: string): void;
  debug(message: string): void;
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** State kept between the main and post steps of one action. */
  saveState(name: string, value: string): void;
  getState(name: string): string;
  /** Environment of the step (GITHUB_* context variables and the like). */
  env: Readonly<Record<string, string | undefined>>;
}
