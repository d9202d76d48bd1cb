/**
 * Everything verify creates (containers, scratch dirs, images) is registered here and removed at
 * the end of the run, on failure, and on Ctrl-C: a verify run leaves the engine and the disk as it
 * found them, except for the one image the user asked to keep with --keep.
 */
import { rm } from 'node:fs/promises';
import { runClient, type Engine } from './engine.js';

export class Resources {
  private readonly containers = new Set<string>();
  private readonly images = new Set<string>();
  private readonly dirs = new Set<string>();
  private engine: Engine | undefined;
  private released = false;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    // Remove what we made, then die of the same signal so the shell sees the interruption.
    void this.release().finally(() => {
      process.off(signal, this.onSignal);
      process.kill(process.pid, signal);
    });
  };

  constructor() {
    process.on('SIGINT', this.onSignal);
    process.on('SIGTERM', this.onSignal);
  }

  useEngine(engine: Engine): void {
    this.engine = engine;
  }

  container(id: string): string {
    this.containers.add(id);
    return id;
  }

  image(ref: string): string {
    this.images.add(ref);
    return ref;
  }

  /** Keep an image after all (`--keep`). */
  keepImage(ref: string): void {
    this.images.delete(ref);
  }

  dir(path: string): string {
    this.dirs.add(path);
    return path;
  }

  /** Removes a container now (and forgets it). */
  async dropContainer(id: string): Promise<void> {
    this.containers.delete(id);
    if (this.engine) await runClient(this.engine.client, ['rm', '-f', '-v', id]);
  }

  /** Removes everything registered; safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
    const engine = this.engine;
    if (engine && this.containers.size) {
      await runClient(engine.client, ['rm', '-f', '-v', ...this.containers]);
    }
    if (engine && this.images.size) {
      await runClient(engine.client, ['image', 'rm', '-f', ...this.images]);
    }
    await Promise.all([...this.dirs].map((dir) => rm(dir, { recursive: true, force: true })));
    this.containers.clear();
    this.images.clear();
    this.dirs.clear();
  }
}
