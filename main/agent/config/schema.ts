// The configuration file, as config-and-cli.md defines it. Unknown keys are errors everywhere:
// a misspelt key silently ignored is a till that behaves differently from the rest of the estate.
import { z } from 'zod';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * An https address (plain http only to this machine: a local simulator or collector). `example`
 * is shown when the text is not a URL; `noCredentials` names where credentials go instead.
 */
function secureUrl(example: string, local: string, noCredentials?: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: `is not a URL (expected e.g. ${example})` });
      return;
    }
    if (noCredentials && (url.username || url.password)) {
      ctx.addIssue({ code: 'custom', message: `must not hold a user name or password: ${noCredentials}` });
      return;
    }
    if (url.protocol === 'https:') return;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return;
    ctx.addIssue({
      code: 'custom',
      message: `must start with https:// (plain http is allowed only to this machine, e.g. ${local})`,
    });
  };
}

const BaseUrl = z
  .string()
  .superRefine(secureUrl('https://api.centegraplus.com/giftcards/v1', 'a local simulator'))
  .transform((value) => value.replace(/\/+$/, ''));

/** An OpenTelemetry collector's OTLP/HTTP address: https (plain http only to this machine), no credentials in it. */
const OtlpEndpoint = z
  .string()
  .superRefine(
    secureUrl(
      'https://collector.example/v1/metrics',
      'a local collector',
      'give credentials in metrics.otlp.headers',
    ),
  );

const Secret = (what: string, min: number) =>
  z.string().min(min, `${what} is too short (at least ${min} characters)`).max(512);

const VendorOrProductId = z.int().min(0).max(0xffff);

/** Bytes a scanner sends before or after each code, as text: "\r", "\n", "\r\n", "\t". */
const Affix = z.string().max(8);

const scannerCommon = {
  name: z.string().max(64).optional().describe('A name to show in Diagnostics, e.g. "Till 1 handheld".'),
  prefix: Affix.optional().describe('Characters the scanner puts before each code (removed).'),
  suffix: z
    .array(Affix)
    .max(4)
    .optional()
    .describe('Characters that end a code. Default: CR, LF, CRLF or Tab.'),
};

const SerialScanner = z.strictObject({
  kind: z.literal('serial'),
  ...scannerCommon,
  path: z.string().min(1).optional().describe('e.g. /dev/ttyACM0 or COM3. Or give vendorId/productId.'),
  vendorId: VendorOrProductId.optional(),
  productId: VendorOrProductId.optional(),
  baudRate: z.int().positive().max(4_000_000).default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  gapMs: z.int().min(5).max(2000).default(50).describe('Without a suffix, a pause this long ends a code.'),
});

const HidScanner = z.strictObject({
  kind: z.literal('hid'),
  ...scannerCommon,
  vendorId: VendorOrProductId.optional(),
  productId: VendorOrProductId.optional(),
  usagePage: VendorOrProductId.optional().describe(
    '0x8C (140) for HID POS scanners, 1 for keyboard emulation.',
  ),
  layout: z
    .enum(['en-US', 'en-GB', 'de-DE', 'fr-FR'])
    .default('en-US')
    .describe('Keyboard layout the scanner emulates, when it acts as a keyboard.'),
});

const KeyboardScanner = z.strictObject({
  kind: z.literal('keyboard'),
  ...scannerCommon,
  maxKeyGapMs: z.int().min(5).max(200).default(40).describe("Longest pause between a scanner's keystrokes."),
  minLength: z.int().min(1).max(64).default(6).describe('Shortest code taken as a scan.'),
});

export const ScannerConfig = z.discriminatedUnion('kind', [SerialScanner, HidScanner, KeyboardScanner]);

const Regex = z.string().superRefine((value, ctx) => {
  try {
    new RegExp(value);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `is not a valid regular expression (${(e as Error).message})` });
  }
});

const Origin = z.string().superRefine((value, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    /* reported below */
  }
  if (!url || url.origin !== value) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an origin such as http://127.0.0.1:8080 (scheme, host and port only)',
    });
  }
});

const TillId = z.string().min(1, 'must not be empty').max(32, 'is at most 32 characters');

/** The named groups of a regular expression (an empty alternative matches anything); none if it does not compile. */
export function namedGroups(pattern: string): string[] {
  try {
    new RegExp(pattern);
    return Object.keys(new RegExp(`(?:${pattern})|`).exec('')?.groups ?? {});
  } catch {
    return [];
  }
}

/** One estate file for every till: the host name, matched against this, gives tillId (and siteId). */
const TillPattern = z
  .string()
  .min(1, 'must not be empty')
  .max(256)
  .superRefine((value, ctx) => {
    try {
      new RegExp(value);
    } catch (e) {
      ctx.addIssue({
        code: 'custom',
        message: `is not a valid regular expression (${(e as Error).message})`,
      });
      return;
    }
    if (!namedGroups(value).includes('till'))
      ctx.addIssue({
        code: 'custom',
        message:
          'must have a group named till, e.g. ^(?<site>S[0-9]+)-(?<till>T[0-9]+)$ for host names such as S001-T03',
      });
  });

/**
 * Marks a problem that only the whole config can have (a key that needs another key): a file
 * merged under IT's is checked without them, since the other key may come from the other file.
 */
export const ACROSS_KEYS = { acrossKeys: true } as const;

export const ConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    centegra: z
      .strictObject({
        baseUrl: BaseUrl.optional().describe(
          'Centegra Plus gift card API, e.g. https://api.centegraplus.com/giftcards/v1. Without it the agent runs against its built-in simulator (demo).',
        ),
        apiKey: Secret('the API key', 8)
          .optional()
          .describe(
            'Secret. The "Factor4 Gift Card" API secure key (Company Settings > External Access & FTP > API Secure Keys).',
          ),
        timeoutMs: z
          .int()
          .min(500)
          .max(60_000)
          .default(8000)
          .describe('How long to wait for Centegra Plus before treating a call as failed.'),
      })
      .default({ timeoutMs: 8000 }),
    till: z
      .strictObject({
        siteId: TillId.optional().describe(
          'The site as set up in Centegra Plus. Or a (?<site>…) group in tillIdFromHostname.',
        ),
        tillId: TillId.optional().describe(
          'This till as set up in Centegra Plus. Or give tillIdFromHostname.',
        ),
        tillIdFromHostname: TillPattern.optional().describe(
          "Instead of tillId, so one file serves every till: a regular expression matched against the till's host name; its group (?<till>…) gives tillId, and a group (?<site>…) siteId. $TILL_AGENT_TILL_ID and $TILL_AGENT_SITE_ID override both.",
        ),
      })
      .optional()
      .describe('This till as set up in Centegra Plus: siteId, and tillId or tillIdFromHostname.'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as GBP')
      .default('GBP'),
    dataDir: z
      .string()
      .min(1)
      .optional()
      .describe('Where the queue database, tokens and logs are kept. Default: the user data folder.'),
    closeWaitMs: z
      .int()
      .min(0)
      .max(30_000)
      .default(3000)
      .describe('How long a close waits for Centegra Plus before answering QUEUED.'),
    posApi: z
      .strictObject({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.int().min(0).max(65_535).default(7420),
        token: Secret('the POS API token', 24)
          .optional()
          .describe('Secret. Bearer token the POS sends. Generated and kept in the data folder when absent.'),
        allowedOrigins: z
          .array(Origin)
          .default([])
          .describe('Web origins allowed to call the local API (a browser-based POS). Empty: none.'),
        tls: z
          .strictObject({
            certFile: z.string().min(1).describe('PEM certificate (with its chain) for this till.'),
            keyFile: z.string().min(1).describe('Its PEM private key; keep it readable by Till Agent only.'),
          })
          .optional()
          .describe('Serve the local API over HTTPS. Required when posApi.host is not this machine.'),
      })
      .default({ host: '127.0.0.1', port: 7420, allowedOrigins: [] }),
    scanners: z.array(ScannerConfig).default([]),
    cards: z
      .strictObject({
        pattern: Regex.default('^[0-9]{15,19}$').describe('A whole gift card number must match this.'),
        luhn: z.boolean().default(false).describe('Also require a valid Luhn check digit.'),
        extractors: z
          .array(
            z.strictObject({
              name: z.string().min(1).max(64),
              regex: Regex.describe('Named groups (?<card>…) and optionally (?<pin>…).'),
            }),
          )
          .max(20)
          .default([])
          .describe('Extra ways to find a card number (and PIN) in a scanned code, tried first.'),
        dedupeMs: z
          .int()
          .min(0)
          .max(10_000)
          .default(1500)
          .describe('The same card from the same scanner within this time is one scan.'),
      })
      .default({ pattern: '^[0-9]{15,19}$', luhn: false, extractors: [], dedupeMs: 1500 }),
    desktop: z
      .strictObject({
        startAtLogin: z
          .boolean()
          .default(true)
          .describe('Start Till Agent when the till user logs in (desktop app).'),
        autoUpdate: z
          .boolean()
          .default(true)
          .describe(
            'Install updates from the update server (NSIS, AppImage, deb). IT can turn this off for the estate.',
          ),
      })
      .default({ startAtLogin: true, autoUpdate: true }),
    log: z
      .strictObject({
        level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
        maxFileMB: z.int().min(1).max(1024).default(10).describe('The log file is rotated at this size.'),
        keepFiles: z.int().min(1).max(50).default(5).describe('How many rotated log files are kept.'),
      })
      .default({ level: 'info', maxFileMB: 10, keepFiles: 5 }),
    ui: z
      .strictObject({
        alwaysOnTop: z.boolean().default(false).describe('Keep the Till Agent window above the POS screen.'),
        bringToFrontOnScan: z
          .boolean()
          .default(true)
          .describe('Bring the window to the front when a card is scanned.'),
        language: z
          .enum(['en-GB', 'cy-GB'])
          .default('en-GB')
          .describe(
            'The language the screens open in: English (en-GB) or Welsh (cy-GB). The cashier can switch on the Till screen.',
          ),
      })
      .default({ alwaysOnTop: false, bringToFrontOnScan: true, language: 'en-GB' }),
    queue: z
      .strictObject({
        retentionDays: z
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .describe('How long delivered sales are kept (masked) for managers and reconciliation.'),
      })
      .default({ retentionDays: 90 }),
    manager: z
      .strictObject({
        pinHash: z
          .string()
          .regex(/^scrypt\$/, 'must be a hash made by: npm run agent -- hash-pin')
          .optional()
          .describe(
            'The manager PIN, hashed (npm run agent -- hash-pin). Without it, the demo PIN 1234 works in demo mode only.',
          ),
        lockoutMinutes: z
          .int()
          .min(1)
          .max(1440)
          .default(5)
          .describe('How long the manager view stays locked after 5 wrong PINs.'),
      })
      .default({ lockoutMinutes: 5 }),
    offline: z
      .strictObject({
        giftCardTender: z.enum(['block', 'allow']).default('block'),
        maxPerCardMinor: z.int().min(0).default(5000),
        maxTotalMinor: z.int().min(0).default(50_000),
      })
      .default({ giftCardTender: 'block', maxPerCardMinor: 5000, maxTotalMinor: 50_000 }),
    holds: z
      .strictObject({
        enabled: z
          .boolean()
          .default(true)
          .describe(
            "Hold a gift card tender's amount on the card when it is applied, so it cannot be spent elsewhere before the sale closes (only where Centegra Plus offers holds).",
          ),
        ttlMinutes: z
          .int()
          .min(1)
          .max(1440)
          .default(30)
          .describe(
            'An open basket untouched this long is abandoned: its gift cards are taken off (their holds released, their sealed card numbers and PINs dropped).',
          ),
      })
      .default({ enabled: true, ttlMinutes: 30 }),
    topUps: z
      .strictObject({
        maxMinor: z
          .int()
          .min(1)
          .max(100_000_000)
          .default(50_000)
          .describe('The most one top-up may load, in minor units (422 TOPUP_LIMIT above it).'),
        approvalAboveMinor: z
          .int()
          .min(0)
          .max(100_000_000)
          .optional()
          .describe(
            'On the Till Agent screen, a top-up above this asks for the manager PIN. Unset: none does.',
          ),
      })
      .default({ maxMinor: 50_000 }),
    metrics: z
      .strictObject({
        token: Secret('the metrics token', 24)
          .optional()
          .describe(
            'Secret. A bearer token that reads GET /v1/metrics and nothing else, for Prometheus (the POS token reads metrics too).',
          ),
        otlp: z
          .strictObject({
            endpoint: OtlpEndpoint.describe(
              "The collector's OTLP/HTTP metrics address, e.g. https://collector.example/v1/metrics.",
            ),
            headers: z
              .record(
                z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$/, 'is not an HTTP header name'),
                z
                  .string()
                  .max(4096)
                  .regex(/^[^\r\n]*$/, 'must be on one line'),
              )
              .default({})
              .describe(
                'HTTP headers sent with every push, e.g. { "Authorization": "Bearer …" }. Their values are masked wherever the config is shown.',
              ),
            intervalS: z
              .int()
              .min(5)
              .max(3600)
              .default(60)
              .describe('How often the metrics are pushed, in seconds.'),
          })
          .optional()
          .describe(
            'Push the same metrics by OTLP/HTTP to an OpenTelemetry collector, for estates whose tills cannot be scraped.',
          ),
      })
      .default({})
      .describe('Fleet metrics: GET /v1/metrics (Prometheus text format) and, optionally, an OTLP push.'),
  })
  .superRefine((config, ctx) => {
    if (!isLoopbackHost(config.posApi.host) && !config.posApi.tls) {
      ctx.addIssue({
        code: 'custom',
        path: ['posApi', 'tls'],
        message: `is required when posApi.host (${config.posApi.host}) lets other machines in: { "certFile": "...", "keyFile": "..." }, so the token never crosses the network in clear. Or set posApi.host to 127.0.0.1.`,
        params: ACROSS_KEYS,
      });
    }
    if (config.metrics?.token !== undefined && config.metrics.token === config.posApi.token) {
      ctx.addIssue({
        code: 'custom',
        path: ['metrics', 'token'],
        message:
          'must differ from posApi.token: whoever holds the metrics token could otherwise run the till. Make a new long random one.',
        params: ACROSS_KEYS,
      });
    }
    if (config.centegra.baseUrl && !config.till) {
      ctx.addIssue({
        code: 'custom',
        path: ['till'],
        message:
          'is required with centegra.baseUrl: { "siteId": "...", "tillId": "..." } as set up in Centegra Plus (or "tillIdFromHostname" instead of "tillId")',
        params: ACROSS_KEYS,
      });
    }
    const till = config.till;
    if (till) {
      if (till.tillId !== undefined && till.tillIdFromHostname !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['till'],
          message: 'give tillId or tillIdFromHostname, not both',
          params: ACROSS_KEYS,
        });
      } else if (till.tillId === undefined && till.tillIdFromHostname === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['till', 'tillId'],
          message:
            'is required: this till as set up in Centegra Plus, or tillIdFromHostname to read it from the host name',
          params: ACROSS_KEYS,
        });
      }
      const groups = till.tillIdFromHostname === undefined ? [] : namedGroups(till.tillIdFromHostname);
      // A pattern without a till group is said to be wrong on its own.
      if (
        till.siteId === undefined &&
        !groups.includes('site') &&
        (till.tillIdFromHostname === undefined || groups.includes('till'))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['till', 'siteId'],
          message:
            'is required: the site as set up in Centegra Plus, or a (?<site>…) group in tillIdFromHostname',
          params: ACROSS_KEYS,
        });
      }
    }
  });

export type ConfigInput = z.input<typeof ConfigSchema>;
/** A config file as read, with defaults: the till may still be named by a pattern. */
export type ConfigFile = z.output<typeof ConfigSchema>;
export interface TillIds {
  siteId: string;
  tillId: string;
}
/** The effective config the agent runs on: the till's ids resolved on this machine (till.ts). */
export type Config = Omit<ConfigFile, 'till'> & { till?: TillIds };
export type ScannerConfig = z.output<typeof ScannerConfig>;
