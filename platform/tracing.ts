// Traces: a server span for every HTTP request a process serves, continued from the W3C
// traceparent of the hop before it, and made the active context for everything the request does
// (Apollo Gateway's own planning and fetch spans, subgraph calls, database statements). Without a
// tracer provider (see telemetry.ts) every call here is OpenTelemetry's no-op and costs nothing.
import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export const TRACER_PREFIX = 'credit-gateway';

export function tracer(component: string) {
  return trace.getTracer(`${TRACER_PREFIX}/${component}`);
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The trace this request is recorded under, for its log line (absent when tracing is off). */
    traceId?: string;
  }
}

const headerGetter = {
  keys: (carrier: Request['headers']) => Object.keys(carrier),
  get: (carrier: Request['headers'], key: string) => carrier[key],
};

/**
 * Opens the request's server span. `trustIncoming`: continue the caller's trace (a subgraph behind
 * the gateway); otherwise a caller could choose trace ids and force every request to be sampled.
 */
export function traceRequests(component: string, trustIncoming: boolean): RequestHandler {
  const requests = tracer(component);
  return (req: Request, res: Response, next: NextFunction) => {
    const parent = trustIncoming ? propagation.extract(context.active(), req.headers, headerGetter) : context.active();
    const route = req.path;
    const span = requests.startSpan(`${req.method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': route } }, parent);
    if (!span.isRecording()) return next();
    req.traceId = span.spanContext().traceId;
    // the id a support desk has (x-request-id) finds the trace too
    if (req.requestId) span.setAttribute('credit.request_id', req.requestId);
    const active = trace.setSpan(parent, span);
    // body parsers resume the request from stream events: bind them to this request's context
    context.bind(active, req);
    context.bind(active, res);
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(active, next);
  };
}

/** Adds the active trace context (traceparent, tracestate) to an outgoing request's headers. */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  propagation.inject(context.active(), undefined, { set: (_carrier, key, value) => set(key, value) });
}

/** Runs `work` in a client span (a database statement); the span records a failure and ends either way. */
export async function inClientSpan<T>(component: string, name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  return tracer(component).startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
    try {
      return await work(span);
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.name : 'error' });
      throw err;
    } finally {
      span.end();
    }
  });
}

export type { Context };
