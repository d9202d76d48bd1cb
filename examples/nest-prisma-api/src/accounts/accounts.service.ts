import {
  ConflictException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import argon2 from 'argon2';
import { PrismaService } from '../database/prisma.service.js';
import { Prisma } from '../generated/prisma/client.js';
import { toView, type AccountPage, type AccountView } from './account.view.js';
import type { CreateAccountDto } from './dto/create-account.dto.js';
import type { ListAccountsQuery } from './dto/list-accounts.query.js';

// Prisma's codes for "unique constraint failed" and "record to delete does not exist".
const UNIQUE_VIOLATION = 'P2002';
const RECORD_NOT_FOUND = 'P2025';

@Injectable()
export class AccountsService {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: CreateAccountDto): Promise<AccountView> {
    const passwordHash = await argon2.hash(input.password, {
      type: argon2.argon2id,
    });
    try {
      const account = await this.prisma.account.create({
        data: { email: input.email, name: input.name, passwordHash },
      });
      return toView(account);
    } catch (error) {
      // The unique index decides, not a prior SELECT: two concurrent creates cannot both win.
      if (hasCode(error, UNIQUE_VIOLATION)) {
        throw new ConflictException(
          `an account with email ${input.email} already exists`,
        );
      }
      throw error;
    }
  }

  async get(id: string): Promise<AccountView> {
    const account = await this.prisma.account.findUnique({ where: { id } });
    if (!account) throw new NotFoundException(`account ${id} not found`);
    return toView(account);
  }

  async list(query: ListAccountsQuery): Promise<AccountPage> {
    // Newest first, with id as a tie-breaker so that pages never overlap or skip rows.
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.account.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: query.limit,
        skip: query.offset,
      }),
      this.prisma.account.count(),
    ]);
    return {
      items: rows.map(toView),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }

  async remove(id: string): Promise<void> {
    try {
      await this.prisma.account.delete({ where: { id } });
    } catch (error) {
      if (hasCode(error, RECORD_NOT_FOUND))
        throw new NotFoundException(`account ${id} not found`);
      throw error;
    }
  }
}

function hasCode(error: unknown, code: string): boolean {
  return (
    error instanceof Prisma.PrismaClientKnownRequestError && error.code === code
  );
}
