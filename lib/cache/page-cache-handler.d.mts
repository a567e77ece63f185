// Types for the handler Next loads uncompiled (page-cache-handler.mjs).
export function expireLocally(tags: string[], durations: { expire?: number } | undefined): void;
export default class PageCacheHandler {
  constructor(ctx: object);
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
