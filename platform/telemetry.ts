// Starts OpenTelemetry tracing for this process when the standard OTEL_* variables ask for it
// (an OTLP endpoint, or OTEL_TRACES_EXPORTER other than none), and not otherwise. The SDK reads
// the rest itself: OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, OTEL_TRACES_SAMPLER(_ARG),
// OTEL_RESOURCE_ATTRIBUTES, OTEL_BSP_*. No instrumentation patches modules: the spans come from
// traceRequests, Apollo Gateway and the database adapter (see tracing.ts).
import type { NodeSDK } from '@opentelemetry/sdk-node';

export interface RunningTelemetry {
  readonly enabled: boolean;
  /** Exports the spans still buffered, then stops. */
  shutdown(): Promise<void>;
}

export function tracingRequested(env: NodeJS.ProcessEnv): boolean {
  if (/^true$/i.test(env['OTEL_SDK_DISABLED'] ?? '')) return false;
  const exporters = env['OTEL_TRACES_EXPORTER']?.trim();
  if (exporters) return exporters !== 'none';
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
}

export function startTelemetry(serviceName: string, env: NodeJS.ProcessEnv = process.env): RunningTelemetry {
  if (!tracingRequested(env)) return { enabled: false, shutdown: async () => undefined };
  // loaded only when tracing is on: the SDK and its exporters cost start-up time otherwise
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NodeSDK: Sdk } = require('@opentelemetry/sdk-node') as { NodeSDK: typeof NodeSDK };
  const sdk = new Sdk({
    serviceName: env['OTEL_SERVICE_NAME'] ?? serviceName,
    instrumentations: [],
    // traces only: metrics are served to Prometheus (metrics.ts) and logs go to standard output
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { enabled: true, shutdown: () => sdk.shutdown() };
}
