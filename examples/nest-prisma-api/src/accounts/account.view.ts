import type { Account } from '../generated/prisma/client.js';

/** What the API shows of an account: never the password hash. */
export interface AccountView {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

export interface AccountPage {
  items: AccountView[];
  total: number;
  limit: number;
  offset: number;
}

export function toView(account: Account): AccountView {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    createdAt: account.createdAt.toISOString(),
  };
}
