import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import type { AccountPage, AccountView } from './account.view.js';
import { AccountsService } from './accounts.service.js';
import { CreateAccountDto } from './dto/create-account.dto.js';
import { ListAccountsQuery } from './dto/list-accounts.query.js';

// A malformed id is the client's mistake (400), not a missing account (404).
const accountId = new ParseUUIDPipe({ version: '4' });

@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  create(@Body() body: CreateAccountDto): Promise<AccountView> {
    return this.accounts.create(body);
  }

  @Get()
  list(@Query() query: ListAccountsQuery): Promise<AccountPage> {
    return this.accounts.list(query);
  }

  @Get(':id')
  get(@Param('id', accountId) id: string): Promise<AccountView> {
    return this.accounts.get(id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id', accountId) id: string): Promise<void> {
    return this.accounts.remove(id);
  }
}
