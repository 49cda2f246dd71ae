// The configuration files of the cluster, rendered from the topology: one Patroni file per
// PostgreSQL node, HAProxy's, and the systemd units a deployment installs. Nothing here starts
// anything: `npm run cluster -- render <dir>` writes these for a real deployment to copy.
import { stringify } from 'yaml';
import { SUBGRAPHS } from '../../subgraphs/index';
import { metricsPortOf, type Topology } from './topology';

export interface ClusterSecrets {
  /** PostgreSQL's administrative login, used to provision each service's own role. */
  readonly superuserPassword: string;
  readonly replicationPassword: string;
  readonly keycloakDbPassword: string;
  readonly roleSecret: string;
  readonly hopKey: string;
  readonly personHashKey: string;
  readonly keycloakAdminPassword: string;
}

export const SUPERUSER = 'credit_admin';
export const KEYCLOAK_DB = 'credit_keycloak';

type PgNode = Topology['postgres']['nodes'][number];

/** Patroni's file for one node: etcd as its store, synchronous replication, the node's addresses. */
export function patroniConfig(t: Topology, node: PgNode, secrets: ClusterSecrets, paths: { dataDir: string; binDir: string; socketDir: string; logDir: string }): string {
  return stringify({
    scope: t.name,
    namespace: '/service/',
    name: node.name,
    log: { level: 'WARNING', dir: paths.logDir },
    restapi: { listen: `${node.host}:${node.restPort}`, connect_address: `${node.host}:${node.restPort}` },
    etcd3: { hosts: t.etcd.members.map((m) => `${m.host}:${m.clientPort}`) },
    bootstrap: {
      dcs: {
        // a leader that stops renewing for 10 s is replaced: the failover window's main part
        ttl: 10,
        loop_wait: 2,
        retry_timeout: 4,
        maximum_lag_on_failover: 1_048_576,
        // only the synchronous standby may be promoted, so an acknowledged write is never lost;
        // not strict: with one node left, writes go on (on that node alone) rather than stop
        synchronous_mode: t.postgres.synchronous,
        synchronous_mode_strict: false,
        postgresql: {
          use_pg_rewind: true,
          use_slots: true,
          parameters: {
            max_connections: 300,
            wal_level: 'replica',
            hot_standby: 'on',
            max_wal_senders: 10,
            max_replication_slots: 10,
            wal_log_hints: 'on',
            shared_buffers: '256MB',
            // a cut replication link is noticed in 10 s (not the default minute): the standby
            // then leaves the synchronous role, and the read check, sooner
            wal_sender_timeout: '10s',
            wal_receiver_timeout: '10s',
            // a commit returns once the synchronous standby has applied it, for every session: Patroni
            // then admits a standby back to the synchronous role (and so to reads) only once it has
            // replayed, not merely received, what the leader acknowledged without it
            synchronous_commit: 'remote_apply',
            // a standby's reads never make replay (and with it every commit) wait long
            hot_standby_feedback: 'on',
            max_standby_streaming_delay: '5s',
            jit: 'off',
          },
        },
      },
      initdb: [{ encoding: 'UTF8' }, { locale: 'C.UTF-8' }, 'data-checksums', { 'auth-host': 'scram-sha-256' }, { 'auth-local': 'scram-sha-256' }],
    },
    postgresql: {
      listen: `${node.host}:${node.port}`,
      connect_address: `${node.host}:${node.port}`,
      data_dir: paths.dataDir,
      bin_dir: paths.binDir,
      pgpass: `${paths.socketDir}/pgpass`,
      authentication: {
        superuser: { username: SUPERUSER, password: secrets.superuserPassword },
        replication: { username: 'replicator', password: secrets.replicationPassword },
        rewind: { username: SUPERUSER, password: secrets.superuserPassword },
      },
      parameters: { unix_socket_directories: paths.socketDir, password_encryption: 'scram-sha-256' },
      pg_hba: ['local all all scram-sha-256', 'host replication replicator 127.0.0.1/32 scram-sha-256', 'host all all 127.0.0.1/32 scram-sha-256'],
    },
    tags: { nofailover: false, noloadbalance: false, clonefrom: false, nosync: false },
  });
}

const serverLines = (name: string, ports: readonly number[], check: string) => ports.map((p, i) => `  server ${name}${i + 1} 127.0.0.1:${p} ${check}`).join('\n');

/**
 * HAProxy: PostgreSQL's leader and standbys found by asking Patroni, and the gateways and
 * subgraphs balanced over their instances by readiness. Only a request that never reached an
 * instance (a refused connection) is sent to another: whatever an instance received may have
 * been acted on, and a caller re-sends it knowing that (submissions carry a batch id).
 */
export function haproxyConfig(t: Topology): string {
  const pg = (name: string, port: number, check: string) => `
listen ${name}
  bind ${t.haproxy.host}:${port}
  mode tcp
  option httpchk GET ${check}
  http-check expect status 200
  # a refused connection (a node just lost) is tried again on another node that passes the check
  option redispatch
  retries 3
  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
${t.postgres.nodes.map((n) => `  server ${n.name} ${n.host}:${n.port} check port ${n.restPort}`).join('\n')}
`;
  // a gateway or a subgraph is sent requests while it lives: when the database's leader is away it
  // still serves what it can (a subgraph reads from the standby) and names what is missing itself,
  // rather than HAProxy answering 503 for every instance at once
  const http = (name: string, port: number, instances: readonly number[], health: string) => `
frontend ${name}
  bind ${t.haproxy.host}:${port}
  mode http
  default_backend ${name}_instances

backend ${name}_instances
  mode http
  balance roundrobin
  option httpchk GET ${health}
  http-check expect status 200
  retry-on conn-failure
  retries 2
  option redispatch 1
  default-server inter 1s fall 2 rise 1 observe layer4 error-limit 1 on-error mark-down
${serverLines(name, instances, 'check')}
`;
  return `# rendered from scripts/cluster/topology.yaml
global
  maxconn 4000
  # after a reload, the old process closes what it still holds within 30 s
  hard-stop-after 30s

defaults
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout http-request 30s
  timeout queue 10s

listen stats
  bind ${t.haproxy.host}:${t.haproxy.statsPort}
  mode http
  stats enable
  stats uri /
${pg('postgres_primary', t.haproxy.primaryPort, '/primary')}${pg('postgres_reads', t.haproxy.readPort, '/read-only-sync')}${http('gateway', t.haproxy.gatewayPort, t.gateways, '/health/live')}${SUBGRAPHS.map((s) => http(s.name, t.haproxy.subgraphPorts[s.name], t.subgraphs[s.name], '/health/live')).join('')}`;
}

/** The variables every service process of the cluster reads (launcher/config.ts). */
export function serviceEnv(t: Topology, secrets: ClusterSecrets, urls: { keycloak: string; redis: string }): Record<string, string> {
  const h = t.haproxy;
  return {
    DATABASE_URL: `postgresql://${SUPERUSER}:${encodeURIComponent(secrets.superuserPassword)}@${h.host}:${h.primaryPort}/postgres`,
    // reads go to the synchronous standby or the leader (Patroni's /read-only-sync), never to a
    // standby that may lag: see storage/postgres/index.ts for why such a read sees every acknowledged write
    READ_DATABASE_URL: `postgresql://${h.host}:${h.readPort}/postgres`,
    DATABASE_ROLE_SECRET: secrets.roleSecret,
    // an answer waits for its audit record through a leader change (about 12 s) rather than fail
    AUDIT_RECORD_PATIENCE_MS: '20000',
    KEYCLOAK_URL: urls.keycloak,
    REDIS_URL: urls.redis,
    ...(t.webhookLoopbackPorts.length ? { WEBHOOK_ALLOW_LOOPBACK_HTTP: t.webhookLoopbackPorts.join(',') } : {}),
    SUBGRAPH_SIGNING_KEY: secrets.hopKey,
    PERSON_HASH_KEY: secrets.personHashKey,
    GATEWAY_URL: `http://${h.host}:${h.gatewayPort}`,
    REPORT_PUBLIC_URL: `http://${h.host}:${h.gatewayPort}`,
    ...Object.fromEntries(SUBGRAPHS.map((s) => [`${s.name.toUpperCase()}_SUBGRAPH_URL`, `http://${h.host}:${h.subgraphPorts[s.name]}/graphql`])),
  };
}

/** Every service instance of the topology: its name (unit and pid file), the service it runs, its own variables. */
export function instances(t: Topology): { id: string; service: string; env: Record<string, string> }[] {
  const all: { id: string; service: string; env: Record<string, string> }[] = [];
  t.gateways.forEach((port, i) => all.push({ id: `gateway-${i + 1}`, service: 'gateway', env: { GATEWAY_PORT: String(port), GATEWAY_METRICS_PORT: String(metricsPortOf(port)) } }));
  for (const s of SUBGRAPHS) {
    const upper = s.name.toUpperCase();
    t.subgraphs[s.name].forEach((port, i) => all.push({ id: `${s.name}-${i + 1}`, service: s.name, env: { [`${upper}_PORT`]: String(port), [`${upper}_METRICS_PORT`]: String(metricsPortOf(port)) } }));
  }
  t.dispatchers.forEach((port, i) => all.push({ id: `dispatcher-${i + 1}`, service: 'dispatcher', env: { DISPATCHER_METRICS_PORT: String(metricsPortOf(port)) } }));
  return all;
}

/** systemd units for a deployment: one templated unit per service instance, with its variables in /etc/credit/<id>.env. */
export function systemdUnits(t: Topology, installDir = '/opt/credit-gateway'): Record<string, string> {
  const units: Record<string, string> = {};
  for (const instance of instances(t)) {
    units[`credit-${instance.id}.service`] = `[Unit]
Description=credit gateway: ${instance.id}
After=network-online.target haproxy.service
Wants=network-online.target

[Service]
Type=simple
User=credit
WorkingDirectory=${installDir}
# the common variables (database, Keycloak, Redis, keys) and this instance's ports
EnvironmentFile=/etc/credit/common.env
EnvironmentFile=/etc/credit/${instance.id}.env
ExecStart=/usr/bin/node --import tsx launcher/main.ts ${instance.service}
Restart=always
RestartSec=2
KillSignal=SIGTERM
TimeoutStopSec=30
NoNewPrivileges=true
ProtectSystem=strict
ProtectHome=true
PrivateTmp=true

[Install]
WantedBy=multi-user.target
`;
    units[`${instance.id}.env`] = Object.entries(instance.env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  }
  units['patroni@.service'] = `[Unit]
Description=Patroni node %i (PostgreSQL ${t.postgres.version} with automatic failover)
After=network-online.target etcd.service

[Service]
Type=simple
User=postgres
ExecStart=/usr/bin/patroni /etc/patroni/%i.yml
Restart=always
KillMode=process
TimeoutSec=30

[Install]
WantedBy=multi-user.target
`;
  return units;
}
