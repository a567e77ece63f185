import type { TestProject } from 'vitest/node';
import { createTemplateDatabase, dropRunDatabases } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    templateDb: string;
  }
}

/** One migrated template per run when a Postgres server is configured. */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL ?? '';
  project.provide('serverUrl', serverUrl);
  if (!serverUrl) {
    project.provide('templateDb', '');
    return;
  }
  const template = await createTemplateDatabase(serverUrl);
  project.provide('templateDb', template);
  return async () => {
    await dropRunDatabases(serverUrl, template);
  };
}
