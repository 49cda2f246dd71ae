// Reading settings from the environment, each checked once at start-up: a bad value stops the
// process with a message that names the variable, rather than failing later in a request.
export function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got '${raw}'`);
  return value;
}

export function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = positiveInt(env, name, fallback);
  if (value > 65_535) throw new Error(`${name} must be a TCP port (1 to 65535), got '${value}'`);
  return value;
}

export function httpUrl(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] ?? fallback;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must be an http(s) URL, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, got '${raw}'`);
  return raw.replace(/\/+$/, '');
}
