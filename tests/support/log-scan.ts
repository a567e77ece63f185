// Reads the servers' logs of an e2e run (tests/support/run-e2e.ts writes them) and finds
// secrets in them: the run's own secret values (AUTH_SECRET, the Stripe keys, the build's
// server actions key, every session token and every mailed link token of the run), and the
// shapes a secret has (a session cookie, a Bearer token, a test card number...). A finding
// names the pattern and the line, never the secret, so the report itself leaks nothing.
//
// An empty log, or one without a JSON line of the logger, fails too: the scan must not
// pass because the servers' output went somewhere else.
import fs from 'node:fs';
import path from 'node:path';

export type Secret = { name: string; value: string };
export type Finding = { file: string; line: number; pattern: string };
export type ScanResult = { files: number; lines: number; jsonLines: number; findings: Finding[]; problems: string[] };

const NOT_REDACTED = '(?!\\[redacted\\])';

/** Shapes of secrets, whatever their value; a censored one (`[redacted]`) is fine. */
export const SECRET_SHAPES: { name: string; pattern: RegExp }[] = [
  { name: 'a session cookie value', pattern: new RegExp(`(?:authjs|next-auth)\\.session-token=${NOT_REDACTED}[^;,\\s"\\\\]{8,}`) },
  { name: 'a Bearer token', pattern: new RegExp(`\\bBearer\\s+${NOT_REDACTED}[A-Za-z0-9._~+/=-]{8,}`, 'i') },
  { name: 'a Stripe secret key', pattern: new RegExp(`\\b(?:sk|rk)_(?:test|live)_${NOT_REDACTED}[A-Za-z0-9]{2,}`) },
  { name: 'a webhook signing secret', pattern: new RegExp(`\\bwhsec_${NOT_REDACTED}[A-Za-z0-9]`) },
  { name: 'a link token (token= or s=)', pattern: new RegExp(`(?:[?&]s|\\btoken)=${NOT_REDACTED}[A-Za-z0-9_%-]{16,}`) },
  { name: 'a password field', pattern: new RegExp(`"(?:password|passwd|pass)"\\s*:\\s*"${NOT_REDACTED}[^"]+"`, 'i') },
  { name: 'a password in a URL', pattern: new RegExp(`//[^\\s/:@"\\\\]+:${NOT_REDACTED}[^\\s/@"\\\\]+@`) },
  { name: 'a Stripe-Signature header', pattern: /\bt=\d{10},v1=[0-9a-f]{64}/ },
];

/**
 * A card number: 13 to 19 digits (spaces allowed between them) that pass the Luhn check,
 * not part of a longer number. Not hyphens: a UUID's digit groups would then match now and then.
 */
const CARD_CANDIDATE = /(?<![\d.])(?:\d ?){12,18}\d(?![\d.])/g;

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function hasCardNumber(line: string): boolean {
  for (const match of line.matchAll(CARD_CANDIDATE)) {
    const digits = match[0].replace(/ /g, '');
    // Issuers' card numbers start with 2-6 (Mastercard, Visa, Amex, Discover...); a
    // 13-digit run starting with 1 is a millisecond timestamp.
    if (digits.length >= 13 && /^[2-6]/.test(digits) && luhn(digits)) return true;
  }
  return false;
}

function isLoggerLine(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && 'level' in value && 'time' in value && 'msg' in value;
  } catch {
    return false;
  }
}

/** Scans the given texts (a file's name and its contents each). */
export function scanLogTexts(files: { name: string; text: string }[], secrets: Secret[]): ScanResult {
  const findings: Finding[] = [];
  const problems: string[] = [];
  // Short values would match by chance; every real secret here is longer.
  const values = secrets.filter((s) => s.value.length >= 8);
  let lines = 0;
  let jsonLines = 0;
  for (const file of files) {
    file.text.split('\n').forEach((line, index) => {
      if (!line) return;
      lines++;
      if (isLoggerLine(line)) jsonLines++;
      const at = { file: file.name, line: index + 1 };
      for (const secret of values) if (line.includes(secret.value)) findings.push({ ...at, pattern: secret.name });
      for (const shape of SECRET_SHAPES) if (shape.pattern.test(line)) findings.push({ ...at, pattern: shape.name });
      if (hasCardNumber(line)) findings.push({ ...at, pattern: 'a card number' });
    });
  }
  if (files.length === 0) problems.push('no server log was written');
  else if (lines === 0) problems.push('the server logs are empty');
  else if (jsonLines === 0) problems.push("the server logs hold no JSON line of the logger (lib/log): the servers' output went elsewhere");
  return { files: files.length, lines, jsonLines, findings, problems };
}

/** Scans every *.log file of a folder. */
export function scanLogDir(dir: string, secrets: Secret[]): ScanResult {
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.log')) : [];
  return scanLogTexts(
    names.map((name) => ({ name: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') })),
    secrets,
  );
}

/** The report's lines: which pattern, where; never the matched text. */
export function describeScan(result: ScanResult): string[] {
  return [
    `log scan: ${result.files} file(s), ${result.lines} line(s), ${result.jsonLines} JSON line(s), ${result.findings.length} finding(s)`,
    ...result.problems.map((problem) => `  problem: ${problem}`),
    ...result.findings.slice(0, 50).map((f) => `  ${f.file}:${f.line}: ${f.pattern}`),
    ...(result.findings.length > 50 ? [`  ... and ${result.findings.length - 50} more`] : []),
  ];
}

export const scanFailed = (result: ScanResult) => result.findings.length > 0 || result.problems.length > 0;
