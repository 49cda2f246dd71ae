// Settings of credit reports, read once at start-up: the font (a CJK font file; Debian's
// fonts-wqy-microhei by default, which `npm start` and the tests install), the Ed25519 signing
// key and the public URL printed for verification.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { httpUrl } from '../platform/env';
import { ReportSigner, type PublishedKey } from './signing';

export const DEFAULT_REPORT_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
/** The face of the collection to embed. */
export const DEFAULT_REPORT_FONT_FAMILY = 'WenQuanYiMicroHei';

export interface ReportSettings {
  readonly fontPath: string;
  readonly fontFamily?: string;
  readonly signer: ReportSigner;
  /** Public keys that signed earlier reports: still published and accepted, never used to sign. */
  readonly retiredKeys: readonly PublishedKey[];
  readonly publicUrl: string;
}

/** `REPORT_RETIRED_KEYS_FILE`: the JSON GET /reports/keys published before a key was replaced ({"keys": [...]}). */
export function retiredKeysFrom(file: string | undefined): PublishedKey[] {
  if (!file) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`REPORT_RETIRED_KEYS_FILE: ${file} is not readable JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  const valid = (k: unknown): k is PublishedKey => {
    const key = k as Partial<PublishedKey> | null;
    return key?.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.kid === 'string' && typeof key.x === 'string';
  };
  if (!Array.isArray(keys) || !keys.every(valid)) throw new Error(`REPORT_RETIRED_KEYS_FILE: ${file} must hold {"keys": [{"kid", "kty": "OKP", "crv": "Ed25519", "x"}, …]}`);
  return keys;
}

/**
 * `REPORT_SIGNING_KEY_FILE`: an Ed25519 private key (PKCS#8 PEM). Without it, a key kept in
 * `devKeyFile` is used, made on first start: fine for a demo, never for production (reports
 * would be verifiable only while that file lives).
 */
export function reportSettingsFromEnv(env: NodeJS.ProcessEnv, defaults: { devKeyFile: string; publicUrl: string }): ReportSettings {
  const fontPath = env['REPORT_FONT'] ?? DEFAULT_REPORT_FONT;
  if (!existsSync(fontPath)) throw new Error(`REPORT_FONT: no font file at ${fontPath}; install Debian's fonts-wqy-microhei (npm start does) or point REPORT_FONT at a CJK TrueType font`);
  const fontFamily = env['REPORT_FONT_FAMILY'] ?? (fontPath === DEFAULT_REPORT_FONT ? DEFAULT_REPORT_FONT_FAMILY : undefined);
  const keyFile = env['REPORT_SIGNING_KEY_FILE'] ?? defaults.devKeyFile;
  let signer: ReportSigner;
  if (existsSync(keyFile)) {
    try {
      signer = ReportSigner.fromPem(readFileSync(keyFile, 'utf8'));
    } catch (err) {
      throw new Error(`REPORT_SIGNING_KEY_FILE: ${keyFile} is not an Ed25519 private key in PEM (${err instanceof Error ? err.message : String(err)})`);
    }
  } else if (env['REPORT_SIGNING_KEY_FILE']) {
    throw new Error(`REPORT_SIGNING_KEY_FILE: no file at ${keyFile}`);
  } else {
    signer = ReportSigner.generate();
    mkdirSync(path.dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, signer.exportPem(), { mode: 0o600 });
  }
  const retiredKeys = retiredKeysFrom(env['REPORT_RETIRED_KEYS_FILE']).filter((k) => k.kid !== signer.kid);
  return { fontPath, ...(fontFamily ? { fontFamily } : {}), signer, retiredKeys, publicUrl: httpUrl(env, 'REPORT_PUBLIC_URL', defaults.publicUrl) };
}
