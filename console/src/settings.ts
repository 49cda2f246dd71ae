// Where Keycloak is: the gateway serving the console says so in /console-settings.json.
export interface ConsoleSettings {
  readonly keycloakUrl: string;
  readonly realm: string;
  readonly clientId: string;
}

export async function loadSettings(): Promise<ConsoleSettings> {
  const response = await fetch('/console-settings.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`console settings: HTTP ${response.status}`);
  return (await response.json()) as ConsoleSettings;
}
