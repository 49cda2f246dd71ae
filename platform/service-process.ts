// What every process of the system does around its own work: start tracing (when OTEL_* ask for
// it) and the metrics listener, print one line when ready, stop cleanly on SIGTERM or SIGINT, and
// exit non-zero with the reason when it cannot start, so a supervisor sees the failure.
import { metricsListenerFromEnv, startMetricsListener } from './metrics-server';
import { startTelemetry } from './telemetry';

export interface ServiceProcess {
  /** Names the process in messages, e.g. "gateway". */
  readonly name: string;
  /** OpenTelemetry's service.name unless OTEL_SERVICE_NAME says otherwise. */
  readonly serviceName: string;
  /** `<NAME>_METRICS_PORT` and its default. */
  readonly metricsPortVariable: string;
  readonly defaultMetricsPort: number;
}

export interface StartedService {
  /** What the ready line says, e.g. "gateway ready at http://…". */
  readonly ready: string;
  stop(): Promise<void>;
}

export function runServiceProcess(service: ServiceProcess, start: (env: NodeJS.ProcessEnv) => Promise<StartedService>): void {
  const env = process.env;
  const main = async () => {
    const telemetry = startTelemetry(service.serviceName, env);
    const metrics = await startMetricsListener(metricsListenerFromEnv(env, service.metricsPortVariable, service.defaultMetricsPort));
    const running = await start(env);
    process.stdout.write(`${running.ready}; metrics at ${metrics.url}${telemetry.enabled ? '; traces exported over OTLP' : ''}\n`);
    let stopping = false;
    const shutdown = async () => {
      if (stopping) return;
      stopping = true;
      await running.stop();
      await metrics.stop();
      await telemetry.shutdown();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  };
  main().catch((err: unknown) => {
    process.stderr.write(`${service.name} failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
