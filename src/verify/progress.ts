/**
 * BuildKit's `--progress plain` output, read as it streams: every vertex (`#N`) becomes a step
 * record, and a display shows the build as it runs (a live status line on a TTY, plain lines
 * elsewhere). The cache experiment reads the records to see which steps missed the cache.
 */

/** One Dockerfile step as BuildKit ran it. */
export interface BuildStep {
  /** BuildKit's vertex number (`#5`). */
  vertex: number;
  /** The stage name (`deps`), or `''` for an unnamed stage. */
  stage: string;
  /** Position in the stage (`2` of `[deps 2/3]`) and the stage's step count. */
  index: number;
  count: number;
  /** The instruction as BuildKit prints it, for example `RUN npm ci`. */
  instruction: string;
  cached: boolean;
  /** Seconds BuildKit reports at DONE; 0 for cached steps. */
  seconds: number;
  status: 'running' | 'done' | 'cached' | 'error' | 'canceled';
  /** The error line when the step failed. */
  error?: string;
  /** The step's last few lines of output (what a failing command said before it failed). */
  output: string[];
}

// `#5 [deps 2/3] RUN npm ci`, `#5 [2/3] COPY . .`; internal vertices (`[internal] load ...`) and
// FROM lines without a position are not Dockerfile steps we measure.
const STEP_LINE = /^#(\d+) \[(?:(\S+) )?(\d+)\/(\d+)\] (.+)$/;
const DONE_LINE = /^#(\d+) DONE (\d+(?:\.\d+)?)s$/;
const CACHED_LINE = /^#(\d+) CACHED$/;
const ERROR_LINE = /^#(\d+) ERROR:? ?(.*)$/;
const CANCELED_LINE = /^#(\d+) CANCELED$/;
const OUTPUT_LINE = /^#(\d+) \d+\.\d+ (.*)$/;
const KEEP_OUTPUT = 6;

/** Folds plain-progress lines into step records; feed it lines in order. */
export class ProgressParser {
  private readonly byVertex = new Map<number, BuildStep>();
  /** Steps in the order BuildKit first named them. */
  readonly steps: BuildStep[] = [];

  /** Returns the step the line changed, if any. */
  push(line: string): BuildStep | undefined {
    const start = STEP_LINE.exec(line);
    if (start) {
      const vertex = Number(start[1]);
      // BuildKit repeats the header line when a vertex resumes output; keep the first record.
      const known = this.byVertex.get(vertex);
      if (known) return known;
      const step: BuildStep = {
        vertex,
        stage: start[2] ?? '',
        index: Number(start[3]),
        count: Number(start[4]),
        instruction: (start[5] ?? '').trim(),
        cached: false,
        seconds: 0,
        status: 'running',
        output: [],
      };
      this.byVertex.set(vertex, step);
      this.steps.push(step);
      return step;
    }
    const done = DONE_LINE.exec(line);
    if (done) return this.update(done[1], (s) => {
      s.seconds = Number(done[2]);
      if (s.status === 'running') s.status = 'done';
    });
    const cached = CACHED_LINE.exec(line);
    if (cached) return this.update(cached[1], (s) => {
      s.cached = true;
      s.status = 'cached';
    });
    const canceled = CANCELED_LINE.exec(line);
    if (canceled) return this.update(canceled[1], (s) => {
      s.status = 'canceled';
    });
    const output = OUTPUT_LINE.exec(line);
    if (output) return this.update(output[1], (s) => {
      s.output.push(output[2] ?? '');
      if (s.output.length > KEEP_OUTPUT) s.output.shift();
    });
    const error = ERROR_LINE.exec(line);
    if (error) return this.update(error[1], (s) => {
      s.status = 'error';
      s.error = error[2];
    });
    return undefined;
  }

  private update(vertex: string | undefined, change: (step: BuildStep) => void): BuildStep | undefined {
    const step = this.byVertex.get(Number(vertex));
    if (step) change(step);
    return step;
  }
}

/** `[deps 2/3] RUN npm ci`, shortened to fit a terminal line. */
export function stepLabel(step: BuildStep, width = 80): string {
  const where = step.stage ? `${step.stage} ${step.index}/${step.count}` : `${step.index}/${step.count}`;
  const text = `[${where}] ${step.instruction.replace(/\s+/g, ' ')}`;
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

export interface ProgressDisplay {
  line(line: string): void;
  /** Writes a line of its own (for example `building scratch copy: source change`). */
  note(text: string): void;
  close(): void;
}

/** No output at all, for the library API when the caller wants silence. */
export const silentProgress: ProgressDisplay = { line() {}, note() {}, close() {} };

/**
 * Build progress on stderr. On a TTY, finished steps scroll above a live status line that names
 * the running steps and the elapsed time; elsewhere each finished step is one plain line.
 */
export function progressDisplay(out: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  const live = out.isTTY === true;
  const width = Math.max(40, (out.columns ?? 100) - 20);
  let parser = new ProgressParser();
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const printed = new Set<BuildStep>();
  // Between builds the status line names the phase (reading layers, starting the container).
  let phase = 'starting';

  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const clearStatus = (): void => {
    if (live) out.write('\r\x1b[K');
  };
  const drawStatus = (): void => {
    if (!live) return;
    const running = parser.steps.filter((s) => s.status === 'running');
    const what = running.length ? running.map((s) => stepLabel(s, 48)).join(', ') : phase;
    out.write(`\r\x1b[K  ${elapsed()}  ${what}`.slice(0, width + 20));
  };
  const finished = (step: BuildStep): void => {
    const how =
      step.status === 'cached'
        ? 'cached'
        : step.status === 'error'
          ? `failed: ${step.error ?? ''}`
          : `${step.seconds.toFixed(1)}s`;
    clearStatus();
    out.write(`  ${stepLabel(step, width)}  ${how}\n`);
    drawStatus();
  };

  if (live) {
    timer = setInterval(drawStatus, 200);
    timer.unref();
  }
  return {
    line(line: string) {
      const before = parser.steps.length;
      const step = parser.push(line);
      if (!step) return;
      if (parser.steps.length > before) {
        drawStatus();
        return;
      }
      if (step.status !== 'running' && !printed.has(step)) {
        printed.add(step);
        finished(step);
      }
    },
    note(text: string) {
      clearStatus();
      out.write(`nestship verify: ${text}\n`);
      phase = text;
      // Each build starts a new vertex numbering.
      parser = new ProgressParser();
      drawStatus();
    },
    close() {
      if (timer) clearInterval(timer);
      clearStatus();
    },
  };
}
