import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/config.module.js';

/**
 * Lets requests that were accepted before SIGTERM finish, and makes every keep-alive client
 * reconnect (and so be refused) instead of sending more work to a process that is leaving.
 *
 * Nest's shutdown runs: beforeApplicationShutdown (here: start draining) -> close the HTTP server
 * (stop listening, drop idle connections, wait for busy ones) -> onApplicationShutdown (the pool
 * closes, and this logs the tally). Node alone would keep a busy keep-alive connection open after
 * its response, so the server would wait for the client's idle timeout; `Connection: close` on
 * the remaining responses ends those connections as soon as their response is written.
 */
@Injectable()
export class HttpDrain
  implements BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;
  private drainStartedAt = 0;
  // A tally of API requests (health probes excluded) that shows, at exit, that none was dropped.
  private received = 0;
  private answered = 0;
  private unanswered = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get isDraining(): boolean {
    return this.draining;
  }

  /** Express middleware; installed first, so that it sees every request. */
  readonly middleware = (
    req: IncomingMessage,
    res: ServerResponse,
    next: () => void,
  ): void => {
    const counted = !(req.url ?? '').startsWith('/health');
    if (this.draining) res.setHeader('Connection', 'close');
    this.inFlight.add(res);
    if (counted) this.received += 1;
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!counted) return;
      // 'close' without a finished write means the response never fully left this process.
      if (res.writableFinished) this.answered += 1;
      else this.unanswered += 1;
    });
    next();
  };

  beforeApplicationShutdown(signal?: string): void {
    this.draining = true;
    this.drainStartedAt = performance.now();
    for (const res of this.inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    }
    this.logger.log(
      `${signal ?? 'shutdown'}: draining ${this.inFlight.size} in-flight request(s)`,
    );
    // A client that never reads its response must not hold the process past the grace period;
    // unref'd so that it never keeps an otherwise finished process alive.
    setTimeout(() => {
      this.logger.error(
        `${this.inFlight.size} request(s) still open after ${this.config.shutdownTimeoutMs} ms; exiting`,
      );
      process.exit(1);
    }, this.config.shutdownTimeoutMs).unref();
  }

  onApplicationShutdown(): void {
    const ms = Math.round(performance.now() - this.drainStartedAt);
    this.logger.log(
      `drained in ${ms} ms: received=${this.received} answered=${this.answered} ` +
        `unanswered=${this.unanswered}`,
    );
  }
}
