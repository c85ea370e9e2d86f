/**
 * `npm run emulator -- [options]`: run the Zenlayer API emulator in the foreground on 127.0.0.1.
 * Prints `listening on http://127.0.0.1:PORT` once ready. Bad arguments: message on stderr, exit code 2.
 */
import { readFileSync } from 'node:fs';
import { DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_PASSWORD, startEmulator } from './server';
import type { EmulatorOptions } from './server';
import { defaultSeed, generateSeed, parseSeed } from './seed';

export const USAGE = `Usage: npm run emulator -- [options]

  --port N            port on 127.0.0.1 (0 = any free port; default 8787)
  --key-id ID         access key ID accepted for ZC2-HMAC-SHA256 (needs --key-secret)
  --key-secret S      its access key password (needs --key-id)
  --token T           accepted Bearer token (repeatable)
  --seed FILE         JSON seed {zones, images} instead of the default account
  --images N          generate an account with N custom images instead of the default account
  --latency MS        delay added to every response
  --delete-delay MS   how long deleted images stay DELETING (default 3000)
  --fail-every N      every Nth request gets 429 REQUEST_LIMIT_EXCEEDED
  --retry-after S     with --fail-every: send Retry-After: S on those 429s (default: none)
  --unknown-id-mode M failedList (default) or notFoundError: DeleteImages with unknown IDs
  --max-image-ids N   max IDs per imageIds filter / DeleteImages call (default 100,
                      an emulator choice; 0 = no limit)
  --clock-skew-code C 401 code for a valid signature with a skewed timestamp
                      (default AUTHFAILURE_SIGNATURE_FAILURE)
  --quiet             do not print a line per request
  --print-seed        print the default seed as JSON and exit
  --help              this text

Without --key-id/--key-secret the demo credentials are accepted:
  ${DEMO_ACCESS_KEY_ID} / ${DEMO_ACCESS_KEY_PASSWORD}`;

export class UsageError extends Error {
    override readonly name = 'UsageError';
}

export interface CliConfig {
    options: EmulatorOptions;
    quiet: boolean;
    help: boolean;
    printSeed: boolean;
    demoCredentials: boolean;
    /** --fail-every: applied with faults.rateLimitEvery() after start. */
    failEvery: number | undefined;
    /** --retry-after: rateLimitEvery's retryAfterSeconds. */
    retryAfterSeconds: number | undefined;
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
    let quiet = false;
    let help = false;
    let printSeed = false;
    let failEvery: number | undefined;
    let retryAfterSeconds: number | undefined;
    const tokens: string[] = [];
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
            case '--port': options.port = integer(flag, value(), 0, 65535); break;
            case '--key-id': keyId = value(); break;
            case '--key-secret': keySecret = value(); break;
            case '--token': tokens.push(value()); break;
            case '--seed': seedFile = value(); break;
            case '--images': images = integer(flag, value(), 0, 1_000_000); break;
            case '--latency': options.latencyMs = integer(flag, value(), 0, 600_000); break;
            case '--delete-delay': options.deleteDelayMs = integer(flag, value(), 0, 86_400_000); break;
            case '--fail-every': failEvery = integer(flag, value(), 1, 1_000_000); break;
            case '--retry-after': retryAfterSeconds = integer(flag, value(), 0, 86_400); break;
            case '--unknown-id-mode': {
                const mode = value();
                if (mode !== 'failedList' && mode !== 'notFoundError') {
                    throw new UsageError(`--unknown-id-mode must be failedList or notFoundError, got "${mode}"`);
                }
                options.unknownIdMode = mode;
                break;
            }
            case '--max-image-ids': options.maxImageIdsPerCall = integer(flag, value(), 0, 1_000_000); break;
            case '--clock-skew-code': {
                const code = value();
                if (!/^[A-Z][A-Z0-9_.]*$/.test(code)) {
                    throw new UsageError(`--clock-skew-code must be an UPPER_SNAKE_CASE code, got "${code}"`);
                }
                options.clockSkewCode = code;
                break;
            }
            case '--quiet': noValue(); quiet = true; break;
            case '--print-seed': noValue(); printSeed = true; break;
            case '--help': case '-h': help = true; break;
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
        options.seed = generateSeed(images);
    }
    return { options, quiet, help, printSeed, demoCredentials: keyId === undefined, failEvery, retryAfterSeconds };
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
        process.stdout.write(`${JSON.stringify(defaultSeed(), null, 2)}\n`);
        return 0;
    }
    if (!config.quiet) {
        config.options.onRequest = (entry) => {
            const code = entry.code ? ` ${entry.code}` : '';
            const fault = entry.fault ? ` [fault ${entry.fault}]` : '';
            process.stdout.write(`${new Date(entry.time).toISOString()} ${entry.method} ${entry.path} ${entry.action ?? '-'} ${entry.status}${code}${fault} ${entry.requestId}\n`);
        };
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
    if (config.demoCredentials) {
        process.stdout.write(`demo credentials: access key ID ${DEMO_ACCESS_KEY_ID}, access key password ${DEMO_ACCESS_KEY_PASSWORD}\n`);
    }
    const customCount = emulator.state.customImages().length;
    process.stdout.write(`serving POST ${emulator.url}/api/v2/zec (version 2025-09-01), ${customCount} custom images, ${emulator.state.zones().length} zones\n`);
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

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    }, (err: unknown) => {
        process.stderr.write(`emulator: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
        process.exitCode = 1;
    });
}
