import { getDb } from '@/db/client';
import { seedDatabase } from '@/db/seed';
import { getStorage } from '@/lib/storage';

/** Loads the demo content into this test file's database. */
export function seedDemoContent() {
  return seedDatabase(getDb(), getStorage());
}
