// Which server each part of the system writes to and reads from, as an operator sets it.
import { storageConfigFromEnv } from '../../storage/index';

const leader = 'postgresql://admin:pw@db-leader:5432/postgres';
const standby = 'postgresql://db-reads:5439/postgres';

describe('storage configuration', () => {
  it('reads from the leader unless a read server is named', () => {
    expect(storageConfigFromEnv({ DATABASE_URL: leader }, 'adverse')).toEqual({ kind: 'postgres', url: leader });
  });

  it('sends every part to READ_DATABASE_URL for reads, and a part to its own <PART>_READ_DATABASE_URL first', () => {
    const env = { DATABASE_URL: leader, READ_DATABASE_URL: standby, ADVERSE_READ_DATABASE_URL: 'postgresql://adverse-reads:5439/postgres' };
    expect(storageConfigFromEnv(env, 'identity')).toEqual({ kind: 'postgres', url: leader, readUrl: standby });
    expect(storageConfigFromEnv(env, 'adverse')).toEqual({ kind: 'postgres', url: leader, readUrl: 'postgresql://adverse-reads:5439/postgres' });
  });

  it("never reads a part that lives on a server of its own from the shared server's standby", () => {
    const env = { DATABASE_URL: leader, READ_DATABASE_URL: standby, ECONOMIC_DATABASE_URL: 'postgresql://admin:pw@economic:5432/postgres' };
    expect(storageConfigFromEnv(env, 'economic')).toEqual({ kind: 'postgres', url: 'postgresql://admin:pw@economic:5432/postgres' });
  });

  it('names the variable, never its value, when a read URL is not a PostgreSQL URL', () => {
    expect(() => storageConfigFromEnv({ DATABASE_URL: leader, READ_DATABASE_URL: 'mysql://secret@x/y' }, 'adverse')).toThrow(/^READ_DATABASE_URL must be a postgresql:\/\/ URL$/);
    expect(() => storageConfigFromEnv({ DATABASE_URL: leader, ADVERSE_READ_DATABASE_URL: 'nonsense' }, 'adverse')).toThrow(/^ADVERSE_READ_DATABASE_URL must be/);
  });
});
