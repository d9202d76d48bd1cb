import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service.js';
import { HttpDrain } from '../shutdown/http-drain.service.js';

@Controller('health')
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly drain: HttpDrain,
  ) {}

  /** The process is up and its event loop answers. Nothing else, so a database outage does not
   * get the container restarted. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The service can do its work: the database answers. 503 while draining, so that a load
   * balancer stops sending traffic before the listener closes. */
  @Get('ready')
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    if (this.drain.isDraining)
      throw new ServiceUnavailableException('shutting down');
    try {
      await this.prisma.$queryRaw`SELECT 1`;
    } catch {
      throw new ServiceUnavailableException('database unavailable');
    }
    return { status: 'ok', database: 'up' };
  }
}
