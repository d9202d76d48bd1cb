// Prisma 7 reads its settings from here. The URL is optional so that `prisma generate` runs in an
// image build without a database; `prisma migrate deploy` needs DATABASE_URL and says so.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
