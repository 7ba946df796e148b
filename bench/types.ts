// The contract every benchmark module meets, so the harness can run it in a child process and merge its
// figures into bench/results/latest.json.

/** A measured figure. null means "not measured in this run" (e.g. PostgreSQL when no URL is set). */
export type Figure = number | null;

/** Flat figures, or one level of grouping (e.g. per template, per database). */
export type Figures = Record<string, Figure | Record<string, Figure>>;

export interface BenchContext {
  /** CI mode: smaller counts and shorter runs, so the whole suite stays under 5 minutes on 2 cores. */
  quick: boolean;
  /** Progress notes for people; they go to stderr so stdout stays the result table. */
  log(message: string): void;
}

export interface Benchmark {
  /** Top-level key in latest.json, e.g. "files" gives files.worstRatio. */
  name: string;
  run(ctx: BenchContext): Promise<Figures>;
}
