// The desktop app's command line. Electron and Chromium add switches of their own (and `.` when
// started from the repo), so unknown arguments are left alone rather than refused.

export interface HostArgs {
  /** --config FILE: the config file to read instead of the usual lookup. */
  configFile?: string;
  /** --demo: use the built-in Centegra Plus simulator. */
  demo: boolean;
  /** --data-dir DIR: keep the database, tokens, logs and Electron's own files here. */
  dataDir?: string;
}

/** A flag without its value: the message says how to write it. */
export class HostUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostUsageError';
  }
}

const valueFlags = { '--config': 'configFile', '--data-dir': 'dataDir' } as const;

export function parseHostArgs(argv: readonly string[]): HostArgs {
  const args: HostArgs = { demo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--demo') {
      args.demo = true;
      continue;
    }
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (!Object.hasOwn(valueFlags, flag)) continue;
    const key = valueFlags[flag as keyof typeof valueFlags];
    const value = inline ?? argv[i + 1];
    if (!value || (inline === undefined && value.startsWith('--'))) {
      throw new HostUsageError(`${flag} needs a value: ${flag} ${key === 'configFile' ? 'FILE' : 'DIR'}`);
    }
    if (inline === undefined) i++;
    args[key] = value;
  }
  return args;
}
