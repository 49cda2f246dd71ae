// HTTP routes of credit reports:
//   POST /reports                     issue one (JSON {uscc} or {registrationNo}); signed-in or anonymous; with
//                                     {special: {domains, from, to}}: a special credit report, for the enterprise itself;
//                                     {checkId}: a credit check as it was answered, printed and signed
//   GET  /reports/:number.pdf         download a report again (its signed-in requester only; anonymous callers' reports are not kept)
//   GET  /reports/keys                the published signing keys
//   GET  /reports/verify?number=      whether a number was issued (the QR code's link)
//   POST /reports/verify?number=      verify a document: the PDF (application/pdf) or JSON {sha256, attestation?}
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { sendError, type ErrorCode } from '../platform/errors';
import type { ReportRegistry } from '../storage/port';
import type { ReportRequest, ReportService } from './report-service';
import type { Attestation } from './signing';
import { REPORT_NUMBER } from './report-number';
import { asText } from '../schema/text';
import { issueBody, verifyBody } from './report-bodies';
import { parseInput } from '../platform/parse-input';

export interface ReportRouteDeps<C extends ReportRequest> {
  readonly service: ReportService<C>;
  readonly registry: ReportRegistry;
  readonly contextOf: (req: Request) => C;
  /** Token validation, rate limits and the query purpose, in the gateway's order. */
  readonly signedIn: readonly RequestHandler[];
  /** The public's budget: verification needs no sign-in. */
  readonly publicLimit: RequestHandler;
  /** How many verifications one address (or subject) runs at once. */
  readonly slot: RequestHandler;
}

/** The largest report PDF accepted for verification: a report of thousands of records is a few MB. */
const MAX_PDF = '8mb';

/** An error of the service as an HTTP answer: its GraphQL code decides the status. */
function answerError(res: Response, err: unknown, next: NextFunction): void {
  if (err instanceof GraphQLError && typeof err.extensions['code'] === 'string') sendError(res, err.extensions['code'] as ErrorCode, err.message);
  else next(err);
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export function reportRoutes<C extends ReportRequest>(deps: ReportRouteDeps<C>): express.Router {
  const router = express.Router();
  const { service } = deps;

  router.get('/keys', (_req, res) => {
    res.json({ keys: service.keys() });
  });

  router.get('/verify', deps.publicLimit, async (req, res, next) => {
    try {
      res.json(await service.lookup(asText(req.query['number'])));
    } catch (err) {
      answerError(res, err, next);
    }
  });

  router.post(
    '/verify',
    deps.publicLimit,
    deps.slot,
    express.raw({ type: 'application/pdf', limit: MAX_PDF }),
    express.json({ limit: '16kb' }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const body: unknown = req.body;
        if (Buffer.isBuffer(body)) {
          res.json(await service.verify(deps.contextOf(req), asText(req.query['number']), { pdf: body }));
          return;
        }
        const parsed = parseInput(verifyBody, body);
        if (parsed instanceof GraphQLError) throw parsed;
        const presented = { sha256: parsed.sha256, ...(parsed.attestation ? { attestation: parsed.attestation as Attestation } : {}) };
        res.json(await service.verify(deps.contextOf(req), asText(req.query['number']) || (parsed.number ?? ''), presented));
      } catch (err) {
        answerError(res, err, next);
      }
    },
  );

  router.post('/', ...deps.signedIn, express.json({ limit: '16kb' }), async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = parseInput(issueBody, req.body);
      if (body instanceof GraphQLError) throw body;
      const checkId = text(body.checkId);
      const uscc = text(body.uscc);
      const registrationNo = text(body.registrationNo);
      if (checkId && (uscc || registrationNo || body.special)) {
        sendError(res, 'BAD_USER_INPUT', 'give either a credit check (checkId) or an enterprise (uscc or registrationNo)');
        return;
      }
      if (!checkId && !uscc === !registrationNo) {
        sendError(res, 'BAD_USER_INPUT', 'give the enterprise as exactly one of uscc or registrationNo');
        return;
      }
      const issued = checkId
        ? await service.issueCheck(deps.contextOf(req), checkId)
        : await service.issue(deps.contextOf(req), { ...(uscc ? { uscc } : {}), ...(registrationNo ? { registrationNo } : {}) }, body.special);
      const downloadUrl = deps.contextOf(req).caller.anonymous ? null : `/reports/${issued.number}.pdf`;
      if (req.accepts(['application/json', 'application/pdf']) === 'application/pdf') {
        res
          .status(201)
          .type('application/pdf')
          .set({ 'content-disposition': `attachment; filename="${issued.number}.pdf"`, 'x-report-number': issued.number })
          .send(issued.pdf);
        return;
      }
      res.status(201).json({ number: issued.number, version: issued.version, sha256: issued.pdfSha256, downloadUrl, verifyUrl: service.verifyUrl(issued.number), attestation: issued.attestation });
    } catch (err) {
      answerError(res, err, next);
    }
  });

  router.get('/:file', ...deps.signedIn, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const number = String(req.params['file'] ?? '').replace(/\.pdf$/, '');
      if (!REPORT_NUMBER.test(number)) {
        sendError(res, 'NOT_FOUND', 'no such report');
        return;
      }
      const pdf = await service.download(deps.contextOf(req), number);
      if (!pdf) {
        sendError(
          res,
          'NOT_FOUND',
          `no report ${number} of yours is kept (a report asked for without signing in is returned when issued and not kept: ask for the PDF with Accept: application/pdf, or issue another)`,
        );
        return;
      }
      res.type('application/pdf').set('content-disposition', `attachment; filename="${number}.pdf"`).send(pdf);
    } catch (err) {
      answerError(res, err, next);
    }
  });
  return router;
}
