// Types for the logger's core (core.mjs: plain JavaScript, see why there).
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DestinationStream, Level, Logger } from 'pino';

export type LogLevel = Level | 'silent';
export const logContext: AsyncLocalStorage<Readonly<Record<string, string>>>;
export const CENSOR: string;
export const SECRET_KEYS: readonly string[];
export const REDACT_PATHS: readonly string[];
export function scrub(text: string): string;
export function serializeError(error: unknown, depth?: number): Record<string, unknown>;
export function createLogger(options?: { level?: LogLevel; destination?: DestinationStream }): Logger;
export function rootLogger(level?: LogLevel): Logger;
