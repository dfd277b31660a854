// The simulator's control panel over HTTP (/__sim/...): faults, recorded requests, cards, applied
// operations, the books, holds, a spend at another till, the clock and reset. No API key;
// loopback only, and every body checked with zod.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, errorAnswer, type Answer } from './answers';
import { describeZodError, FaultsError } from './faults';
import { readJsonBody, sendAnswer } from './wire';
import type { Simulation } from './simulation';
import type { SimCard } from './store';

export const ADMIN_BASE = '/__sim';

const CardFieldsSchema = z.strictObject({
  pin: z
    .string()
    .regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits')
    .optional(),
  status: z.enum(['ACTIVE', 'INACTIVE', 'BLOCKED', 'EXPIRED']),
  balanceMinor: z.int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as GBP'),
  expiresOn: z.iso.date().optional(),
});

export const SimCardSchema = CardFieldsSchema.extend({
  cardNumber: z.string().regex(/^[0-9A-Za-z]{8,32}$/, 'must be 8 to 32 letters or digits'),
});

/** Extra keys such as a DemoCard's label are dropped here; over HTTP they are refused as typos. */
const InProcessCardSchema = z.object(SimCardSchema.shape);

/** A card checked as the contract would allow it; throws RangeError naming every bad field. */
export function checkedCard(card: unknown): SimCard {
  const parsed = InProcessCardSchema.safeParse(card);
  if (!parsed.success) throw new RangeError(`Invalid simulator card: ${describeZodError(parsed.error)}`);
  return parsed.data;
}

const SpendSchema = z.strictObject({
  cardNumber: z.string().min(1),
  amountMinor: z.int().min(1).max(100_000_000),
});

/** Forward only, by at most a year: enough for any hold (a day at most) to lapse. */
const ClockSchema = z.strictObject({
  advanceMs: z
    .int()
    .min(0)
    .max(366 * 24 * 3600 * 1000),
});

const LedgerFilterSchema = z.strictObject({
  currency: z.string().optional(),
  siteId: z.string().optional(),
  tillId: z.string().optional(),
});

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function registerAdminRoutes(app: FastifyInstance, sim: Simulation): void {
  app.register(
    async (admin) => {
      // The server binds to 127.0.0.1 anyway; this keeps the panel closed should that ever change.
      admin.addHook('onRequest', async (request, reply) => {
        if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) {
          return sendAnswer(
            reply,
            errorAnswer(403, 'FORBIDDEN', 'The simulator admin API answers loopback only.'),
          );
        }
      });

      admin.get('/faults', async (_request, reply) => sendAnswer(reply, ok(sim.faults())));
      admin.put('/faults', async (request, reply) =>
        sendAnswer(
          reply,
          changeFaults(request, (b) => sim.replaceFaults(b)),
        ),
      );
      admin.patch('/faults', async (request, reply) =>
        sendAnswer(
          reply,
          changeFaults(request, (b) => sim.setFaults(b)),
        ),
      );
      admin.delete('/faults', async (_request, reply) => sendAnswer(reply, ok(sim.clearFaults())));

      admin.get('/requests', async (_request, reply) => sendAnswer(reply, ok({ requests: sim.log.list() })));
      admin.delete('/requests', async (_request, reply) => {
        sim.log.clear();
        return reply.code(204).send();
      });

      admin.get('/cards', async (_request, reply) => sendAnswer(reply, ok({ cards: sim.store.allCards() })));
      admin.get<{ Params: { cardNumber: string } }>('/cards/:cardNumber', async (request, reply) => {
        const card = sim.store.card(request.params.cardNumber);
        return sendAnswer(
          reply,
          card ? ok(card) : errorAnswer(404, 'CARD_NOT_FOUND', 'No such card in the simulator.'),
        );
      });
      admin.put<{ Params: { cardNumber: string } }>('/cards/:cardNumber', async (request, reply) => {
        const body = readJsonBody(request);
        if (!body.ok) return sendAnswer(reply, body.answer);
        const fields = typeof body.value === 'object' && body.value !== null ? body.value : {};
        const parsed = SimCardSchema.safeParse({ ...fields, cardNumber: request.params.cardNumber });
        if (!parsed.success) return sendAnswer(reply, badRequest(describeZodError(parsed.error)));
        sim.store.setCard(parsed.data);
        return sendAnswer(reply, ok(sim.store.card(parsed.data.cardNumber)));
      });

      admin.get('/applied', async (_request, reply) => {
        const applied = [...sim.store.applied()].map(([requestId, a]) => ({ requestId, ...a }));
        return sendAnswer(reply, ok({ applied }));
      });

      admin.get<{ Querystring: Record<string, string | undefined> }>('/ledger', async (request, reply) => {
        const parsed = LedgerFilterSchema.safeParse(request.query ?? {});
        if (!parsed.success) return sendAnswer(reply, badRequest(describeZodError(parsed.error)));
        const entries = sim.store.ledgerEntries(parsed.data);
        return sendAnswer(reply, ok({ entries, totals: sim.store.ledgerTotals(parsed.data) }));
      });

      admin.get('/holds', async (_request, reply) => sendAnswer(reply, ok({ holds: sim.store.holds() })));

      admin.post('/spend', async (request, reply) => {
        const body = readJsonBody(request);
        if (!body.ok) return sendAnswer(reply, body.answer);
        const parsed = SpendSchema.safeParse(body.value);
        if (!parsed.success) return sendAnswer(reply, badRequest(describeZodError(parsed.error)));
        const { cardNumber, amountMinor } = parsed.data;
        const card = sim.store.card(cardNumber);
        if (!card)
          return sendAnswer(reply, errorAnswer(404, 'CARD_NOT_FOUND', 'No such card in the simulator.'));
        if (card.status !== 'ACTIVE') {
          return sendAnswer(
            reply,
            errorAnswer(422, 'CARD_NOT_ACTIVE', `The card is ${card.status}.`, { status: card.status }),
          );
        }
        if (amountMinor > card.balanceMinor) {
          return sendAnswer(
            reply,
            errorAnswer(422, 'INSUFFICIENT_FUNDS', 'The card cannot spend that much (held money excluded).', {
              availableMinor: card.balanceMinor,
            }),
          );
        }
        return sendAnswer(reply, ok(sim.store.spendElsewhere(cardNumber, amountMinor)));
      });

      admin.get('/clock', async (_request, reply) =>
        sendAnswer(reply, ok({ now: new Date(sim.now()).toISOString() })),
      );
      admin.post('/clock', async (request, reply) => {
        const body = readJsonBody(request);
        if (!body.ok) return sendAnswer(reply, body.answer);
        const parsed = ClockSchema.safeParse(body.value);
        if (!parsed.success) return sendAnswer(reply, badRequest(describeZodError(parsed.error)));
        return sendAnswer(
          reply,
          ok({ now: new Date(sim.advanceClock(parsed.data.advanceMs)).toISOString() }),
        );
      });

      admin.post('/reset', async (_request, reply) => {
        sim.reset();
        return reply.code(204).send();
      });
    },
    { prefix: ADMIN_BASE },
  );
}

function changeFaults(request: FastifyRequest, change: (body: unknown) => unknown): Answer {
  const body = readJsonBody(request);
  if (!body.ok) return body.answer;
  try {
    return ok(change(body.value));
  } catch (error) {
    if (error instanceof FaultsError) return badRequest(error.message);
    throw error;
  }
}

const ok = (body: unknown): Answer => ({ status: 200, body });
