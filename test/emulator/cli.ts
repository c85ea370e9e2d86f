/**
 * `npm run emulator -- [options]`: run the Zenlayer API emulator in the foreground on 127.0.0.1.
 * Prints one `demo credentials (ACCOUNT): …` line per seeded access key, then `listening on http://127.0.0.1:PORT`
 * once ready. Bad arguments: message on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs';
import { generateSeed } from './generate';
import { defaultSeed } from './seed';
import { parseSeed } from './seed-file';
import { startEmulator } from './server';
import type { EmulatorOptions, LoggedRequest, RunningEmulator } from './server';

export const USAGE = `Usage: npm run emulator -- [options]

  --port N            port on 127.0.0.1 (0 = any free port; default 8787)
  --key-id ID         the first account's access key ID for ZC2-HMAC-SHA256, replacing
                      its demo key (needs --key-secret); other accounts keep theirs
  --key-secret S      its access key password (needs --key-id)
  --token T           a Bearer token of the first account (repeatable)
  --seed FILE         JSON seed {zones, images, accounts} instead of the default seed
                      (without "accounts": one account owning images and instances)
  --images N          one generated account with N custom images instead of the default seed
  --instances N       with --images: that many instances (default half of --images)
  --latency MS        delay added to every response
  --delete-delay MS   how long deleted images stay DELETING (default 3000)
  --copy-prepare-delay MS
                      CopyImage: how long PREPARING lasts (default 2000)
  --copy-transfer-delay MS
                      CopyImage: TRANSFERRING per destination, 0 to 100 % (default 6000)
  --copy-parallel N   CopyImage: destinations of one image transferring at once,
                      the others queued (default 1)
  --create-delay MS   how long an image made by CreateImage stays CREATING (default 5000)
  --image-quota N     custom images an account may hold before CreateImage is refused
                      (default 50, an emulator choice; 0 = no limit)
  --fail-copy-to R    every copy to region R fails half-way (repeatable)
  --fail-image-creation
                      every CreateImage ends FAILED
  --fail-every N      every Nth request gets 429 REQUEST_LIMIT_EXCEEDED
  --retry-after S     with --fail-every: send Retry-After: S on those 429s (default: none)
  --unknown-id-mode M failedList (default) or notFoundError: DeleteImages with unknown IDs
  --max-image-ids N   max IDs per imageIds filter / DeleteImages call (default 100,
                      an emulator choice; 0 = no limit)
  --clock-skew-code C 401 code for a valid signature with a skewed timestamp
                      (default AUTHFAILURE_SIGNATURE_FAILURE)
  --quiet             do not print a line per request
  --print-seed        print the seed (default, --seed or --images) as JSON and exit
  --help              this text

The default seed has two accounts, demo and staging, each with a demo access key; at start
the emulator prints one "demo credentials (ACCOUNT): …" line per seeded key.`;

export class UsageError extends Error {
    override readonly name = 'UsageError';
}

export interface CliConfig {
    options: EmulatorOptions;
    quiet: boolean;
    help: boolean;
    printSeed: boolean;
    /** No --key-id: the first account keeps the access keys its seed gives it (and the CLI prints them). */
    demoCredentials: boolean;
    /** --fail-every: applied with faults.rateLimitEvery() after start. */
    failEvery: number | undefined;
    /** --retry-after: rateLimitEvery's retryAfterSeconds. */
    retryAfterSeconds: number | undefined;
    /** --fail-copy-to: regions every copy to which fails (faults.failImageCopy after start). */
    failCopyTo: string[];
    /** --fail-image-creation: every CreateImage ends FAILED (faults.failImageCreation after start). */
    failImageCreation: boolean;
}

function integer(flag: string, value: string, min: number, max: number): number {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${value}"`);
    }
    return Number(value);
}

/** Parse argv (without node and script). Throws UsageError. Supports `--flag value` and `--flag=value`. */
export function parseArgs(argv: readonly string[]): CliConfig {
    const options: EmulatorOptions = { port: 8787 };
    let keyId: string | undefined;
    let keySecret: string | undefined;
    let seedFile: string | undefined;
    let images: number | undefined;
    let instances: number | undefined;
    let quiet = false;
    let help = false;
    let printSeed = false;
    let failEvery: number | undefined;
    let retryAfterSeconds: number | undefined;
    const tokens: string[] = [];
    const failCopyTo: string[] = [];
    let failImageCreation = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
        const value = (): string => {
            if (inline !== undefined) {
                return inline;
            }
            const next = argv[i + 1];
            if (next === undefined || next.startsWith('--')) {
                throw new UsageError(`${flag} needs a value`);
            }
            i++;
            return next;
        };
        const noValue = (): void => {
            if (inline !== undefined) {
                throw new UsageError(`${flag} takes no value`);
            }
        };
        switch (flag) {
            case '--port':
                options.port = integer(flag, value(), 0, 65535);
                break;
            case '--key-id':
                keyId = value();
                break;
            case '--key-secret':
                keySecret = value();
                break;
            case '--token':
                tokens.push(value());
                break;
            case '--seed':
                seedFile = value();
                break;
            case '--images':
                images = integer(flag, value(), 0, 1_000_000);
                break;
            case '--instances':
                instances = integer(flag, value(), 0, 1_000_000);
                break;
            case '--latency':
                options.latencyMs = integer(flag, value(), 0, 600_000);
                break;
            case '--delete-delay':
                options.deleteDelayMs = integer(flag, value(), 0, 86_400_000);
                break;
            case '--copy-prepare-delay':
                options.copyPrepareMs = integer(flag, value(), 0, 86_400_000);
                break;
            case '--copy-transfer-delay':
                options.copyTransferMs = integer(flag, value(), 0, 86_400_000);
                break;
            case '--copy-parallel':
                options.copyParallel = integer(flag, value(), 1, 1000);
                break;
            case '--create-delay':
                options.createDelayMs = integer(flag, value(), 0, 86_400_000);
                break;
            case '--image-quota':
                options.imageQuota = integer(flag, value(), 0, 1_000_000);
                break;
            case '--fail-copy-to': {
                const regionId = value();
                if (regionId.trim() === '') {
                    throw new UsageError('--fail-copy-to needs a region ID');
                }
                failCopyTo.push(regionId);
                break;
            }
            case '--fail-image-creation':
                noValue();
                failImageCreation = true;
                break;
            case '--fail-every':
                failEvery = integer(flag, value(), 1, 1_000_000);
                break;
            case '--retry-after':
                retryAfterSeconds = integer(flag, value(), 0, 86_400);
                break;
            case '--unknown-id-mode': {
                const mode = value();
                if (mode !== 'failedList' && mode !== 'notFoundError') {
                    throw new UsageError(`--unknown-id-mode must be failedList or notFoundError, got "${mode}"`);
                }
                options.unknownIdMode = mode;
                break;
            }
            case '--max-image-ids':
                options.maxImageIdsPerCall = integer(flag, value(), 0, 1_000_000);
                break;
            case '--clock-skew-code': {
                const code = value();
                if (!/^[A-Z][A-Z0-9_.]*$/.test(code)) {
                    throw new UsageError(`--clock-skew-code must be an UPPER_SNAKE_CASE code, got "${code}"`);
                }
                options.clockSkewCode = code;
                break;
            }
            case '--quiet':
                noValue();
                quiet = true;
                break;
            case '--print-seed':
                noValue();
                printSeed = true;
                break;
            case '--help':
            case '-h':
                help = true;
                break;
            default:
                throw new UsageError(`unknown argument "${arg}"`);
        }
    }
    if ((keyId === undefined) !== (keySecret === undefined)) {
        throw new UsageError('--key-id and --key-secret must be given together');
    }
    if (keyId === '' || keySecret === '') {
        throw new UsageError('--key-id and --key-secret must not be empty');
    }
    if (tokens.some((t) => t.trim() === '')) {
        throw new UsageError('--token must not be empty');
    }
    if (retryAfterSeconds !== undefined && failEvery === undefined) {
        throw new UsageError('--retry-after needs --fail-every');
    }
    if (seedFile !== undefined && images !== undefined) {
        throw new UsageError('--seed and --images cannot be combined');
    }
    if (instances !== undefined && images === undefined) {
        throw new UsageError('--instances needs --images (a --seed file lists its own instances)');
    }
    if (keyId !== undefined && keySecret !== undefined) {
        options.credentials = [{ accessKeyId: keyId, accessKeyPassword: keySecret }];
    }
    if (tokens.length > 0) {
        options.tokens = tokens;
    }
    if (seedFile !== undefined) {
        let raw: unknown;
        try {
            raw = JSON.parse(readFileSync(seedFile, 'utf8')) as unknown;
        } catch (err) {
            throw new UsageError(`--seed ${seedFile}: ${err instanceof Error ? err.message : String(err)}`);
        }
        try {
            options.seed = parseSeed(raw);
        } catch (err) {
            throw new UsageError(`--seed ${seedFile}: ${err instanceof Error ? err.message : String(err)}`);
        }
    } else if (images !== undefined) {
        options.seed = generateSeed(images, { instances });
    }
    return { options, quiet, help, printSeed, demoCredentials: keyId === undefined, failEvery, retryAfterSeconds, failCopyTo, failImageCreation };
}

export async function main(argv: readonly string[]): Promise<number> {
    let config: CliConfig;
    try {
        config = parseArgs(argv);
    } catch (err) {
        if (err instanceof UsageError) {
            process.stderr.write(`emulator: ${err.message}\n\n${USAGE}\n`);
            return 2;
        }
        throw err;
    }
    if (config.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
    }
    if (config.printSeed) {
        process.stdout.write(`${JSON.stringify(config.options.seed ?? defaultSeed(), null, 2)}\n`);
        return 0;
    }
    if (!config.quiet) {
        config.options.onRequest = (entry) => process.stdout.write(`${requestLine(entry)}\n`);
    }
    let emulator;
    try {
        emulator = await startEmulator(config.options);
    } catch (err) {
        process.stderr.write(`emulator: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
        return 1;
    }
    if (config.failEvery !== undefined) {
        emulator.faults.rateLimitEvery(config.failEvery, { retryAfterSeconds: config.retryAfterSeconds });
    }
    for (const regionId of config.failCopyTo) {
        emulator.faults.failImageCopy({ regionId, count: Number.POSITIVE_INFINITY });
    }
    if (config.failImageCreation) {
        emulator.faults.failImageCreation({ count: Number.POSITIVE_INFINITY });
    }
    for (const line of credentialLines(emulator, config.demoCredentials)) {
        process.stdout.write(`${line}\n`);
    }
    process.stdout.write(`${servingLine(emulator)}\n`);
    process.stdout.write(`listening on ${emulator.url}\n`);
    const running = emulator;
    return new Promise<number>((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
            process.stdout.write(`received ${signal}, closing\n`);
            void running.close().then(() => resolve(0));
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    });
}

/**
 * One line per seeded access key, account by account. The first account's keys are left out when they came from
 * --key-id/--key-secret: the person who typed them knows them, and a log should not repeat a real-looking secret.
 */
export function credentialLines(emulator: Pick<RunningEmulator, 'accounts'>, includeFirstAccount: boolean): string[] {
    return emulator.accounts
        .slice(includeFirstAccount ? 0 : 1)
        .flatMap((account) =>
            account
                .accessKeys()
                .map((key) => `demo credentials (${account.accountId}): access key ID ${key.accessKeyId}, access key password ${key.accessKeyPassword}`),
        );
}

function servingLine(emulator: RunningEmulator): string {
    const accounts = emulator.accounts.map((a) => `account ${a.accountId} (${a.images().length} custom images, ${a.instances().length} instances)`);
    return `serving POST ${emulator.url}/api/v2/zec (version 2025-09-01): ${accounts.join(', ')}; ${emulator.state.publicImages().length} public images, ${emulator.state.zones().length} zones`;
}

/** The per-request line: time, method, path, action, status, error code, fault, account, request ID. Never a secret. */
export function requestLine(entry: LoggedRequest): string {
    const code = entry.code ? ` ${entry.code}` : '';
    const fault = entry.fault ? ` [fault ${entry.fault}]` : '';
    const account = entry.accountId ? ` account=${entry.accountId}` : '';
    return `${new Date(entry.time).toISOString()} ${entry.method} ${entry.path} ${entry.action ?? '-'} ${entry.status}${code}${fault}${account} ${entry.requestId}`;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => {
            process.exitCode = code;
        },
        (err: unknown) => {
            process.stderr.write(`emulator: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
            process.exitCode = 1;
        },
    );
}
