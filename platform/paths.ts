// Where installed services, their data, logs and pid files live: an ignored folder in the project.
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const LOCAL = process.env['CREDIT_LOCAL_DIR'] ?? path.join(ROOT, '.local');
export const BIN = path.join(LOCAL, 'bin');
export const DATA = path.join(LOCAL, 'data');
export const LOGS = path.join(LOCAL, 'logs');
export const RUN = path.join(LOCAL, 'run');
/** The key the services sign their requests to each other with, when SUBGRAPH_SIGNING_KEY is not set (not in production). */
export const DEV_HOP_KEY_FILE = path.join(DATA, 'subgraph-signing-key');
