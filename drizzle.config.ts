import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` is used; migrations are applied from code (db/migrate.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
