import { DEFAULT_ENDPOINT } from '../../zenlayer/endpoint';

/** How the images view groups its rows (zenlayer.images.groupBy). */
export const GROUP_BY_VALUES = ['none', 'status', 'osType', 'region', 'usage', 'cleanup'] as const;
export type GroupBy = (typeof GROUP_BY_VALUES)[number];

export const CONFIRMATION_MODES = ['modal', 'typeToConfirm'] as const;
export type ConfirmationMode = (typeof CONFIRMATION_MODES)[number];

export interface ExtensionSettings {
    readonly endpoint: string;
    readonly requestTimeoutMs: number;
    readonly groupBy: GroupBy;
    readonly confirmation: ConfirmationMode;
    readonly pollIntervalMs: number;
    /** From this many images, the modal confirmation also asks to type the count. */
    readonly typeCountThreshold: number;
}

/** A setting that held an unusable value and was replaced by its default. */
export interface SettingProblem {
    readonly key: string;
    readonly value: unknown;
}

export const TIMEOUT_SECONDS_RANGE = { min: 1, max: 300, default: 30 } as const;
export const POLL_SECONDS_RANGE = { min: 1, max: 60, default: 5 } as const;
export const TYPE_COUNT_RANGE = { min: 2, max: 10_000, default: 10 } as const;

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
    return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function inRange(value: unknown, range: { min: number; max: number }): value is number {
    return typeof value === 'number' && Number.isFinite(value) && value >= range.min && value <= range.max;
}

/**
 * Reads the settings through `get` (workspace configuration in the extension, a map in tests). Anything outside
 * the schema (hand-edited settings.json) falls back to the default and is reported, never thrown.
 * The endpoint's scheme rule is checked by the client's validateEndpoint when the client is built.
 */
export function readSettings(get: (key: string) => unknown): { settings: ExtensionSettings; problems: SettingProblem[] } {
    const problems: SettingProblem[] = [];
    function pick<T>(key: string, valid: (value: unknown) => value is T, fallback: T): T {
        const value = get(key);
        if (value === undefined || valid(value)) {
            return value ?? fallback;
        }
        problems.push({ key, value });
        return fallback;
    }
    const endpointValue = pick('endpoint', (value): value is string => typeof value === 'string' && value.trim() !== '', DEFAULT_ENDPOINT);
    const settings: ExtensionSettings = {
        endpoint: endpointValue.trim(),
        requestTimeoutMs:
            1000 * pick('requestTimeoutSeconds', (value): value is number => inRange(value, TIMEOUT_SECONDS_RANGE), TIMEOUT_SECONDS_RANGE.default),
        groupBy: pick('images.groupBy', (value): value is GroupBy => oneOf(GROUP_BY_VALUES, value), 'none'),
        confirmation: pick('delete.confirmation', (value): value is ConfirmationMode => oneOf(CONFIRMATION_MODES, value), 'modal'),
        pollIntervalMs: 1000 * pick('delete.pollIntervalSeconds', (value): value is number => inRange(value, POLL_SECONDS_RANGE), POLL_SECONDS_RANGE.default),
        typeCountThreshold: pick(
            'delete.typeCountThreshold',
            (value): value is number => inRange(value, TYPE_COUNT_RANGE) && Number.isInteger(value),
            TYPE_COUNT_RANGE.default,
        ),
    };
    return { settings, problems };
}
