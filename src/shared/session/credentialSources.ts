import type { ZenlayerCredentials } from '../../zenlayer';

/** A place outside VS Code where credentials were found, offered for import (never read silently). */
export type CredentialSource =
    | { readonly kind: 'environment'; readonly credentials: ZenlayerCredentials; readonly accessKeyId: string }
    | { readonly kind: 'cliProfile'; readonly profile: string; readonly credentials: ZenlayerCredentials; readonly isCurrent: boolean };

/** Access key IDs are opaque tokens: letters, digits, `-` and `_`, without spaces. */
const ACCESS_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export type AccessKeyIdProblem = 'empty' | 'whitespace' | 'format';

export function checkAccessKeyId(value: string): AccessKeyIdProblem | undefined {
    if (value.trim() === '') {
        return 'empty';
    }
    if (/\s/.test(value)) {
        return 'whitespace';
    }
    return ACCESS_KEY_ID_PATTERN.test(value) ? undefined : 'format';
}

export function fromEnvironment(env: Readonly<Record<string, string | undefined>>, idVar: string, secretVar: string): CredentialSource | undefined {
    const accessKeyId = env[idVar]?.trim();
    const accessKeyPassword = env[secretVar];
    if (!accessKeyId || !accessKeyPassword) {
        return undefined;
    }
    return { kind: 'environment', accessKeyId, credentials: { accessKeyId, accessKeyPassword } };
}

function nonEmptyString(value: unknown): string | undefined {
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Profiles of the zeno CLI's `~/.zenlayer/credentials.json` (`{"<profile>": {access_key_id, access_key_secret} | {token}}`).
 * A token wins over a key pair, as in the CLI. Malformed entries are skipped; malformed JSON yields no profiles.
 */
export function parseCliCredentials(text: string, currentProfile: string | undefined): CredentialSource[] {
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return [];
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return [];
    }
    const sources: CredentialSource[] = [];
    for (const [profile, entry] of Object.entries(parsed as Record<string, unknown>)) {
        if (typeof entry !== 'object' || entry === null) {
            continue;
        }
        const record = entry as Record<string, unknown>;
        const token = nonEmptyString(record.token);
        const accessKeyId = nonEmptyString(record.access_key_id);
        const accessKeyPassword = typeof record.access_key_secret === 'string' && record.access_key_secret !== '' ? record.access_key_secret : undefined;
        const credentials: ZenlayerCredentials | undefined = token
            ? { token }
            : accessKeyId && accessKeyPassword
              ? { accessKeyId, accessKeyPassword }
              : undefined;
        if (credentials) {
            sources.push({ kind: 'cliProfile', profile, credentials, isCurrent: profile === (currentProfile ?? 'default') });
        }
    }
    // The active profile first, so Enter picks what the CLI itself would use.
    return sources.sort((a, b) => Number(b.kind === 'cliProfile' && b.isCurrent) - Number(a.kind === 'cliProfile' && a.isCurrent));
}

/** The CLI's `config.json` names the current profile; ZENLAYER_PROFILE overrides it. */
export function currentCliProfile(configText: string | undefined, envProfile: string | undefined): string | undefined {
    if (envProfile?.trim()) {
        return envProfile.trim();
    }
    if (configText === undefined) {
        return undefined;
    }
    try {
        const parsed: unknown = JSON.parse(configText);
        return typeof parsed === 'object' && parsed !== null ? nonEmptyString((parsed as Record<string, unknown>).current_profile) : undefined;
    } catch {
        return undefined;
    }
}

/** Parses what this extension stored in SecretStorage; anything else (hand-edited, older format) reads as signed out. */
export function parseStoredCredentials(stored: string | undefined): ZenlayerCredentials | undefined {
    if (!stored) {
        return undefined;
    }
    try {
        return credentialsFromRecord(JSON.parse(stored));
    } catch {
        return undefined;
    }
}

/** `{token}` or `{accessKeyId, accessKeyPassword}` as this extension writes them; a token wins, as in the CLI. */
export function credentialsFromRecord(parsed: unknown): ZenlayerCredentials | undefined {
    if (typeof parsed !== 'object' || parsed === null) {
        return undefined;
    }
    const record = parsed as Record<string, unknown>;
    const token = nonEmptyString(record.token);
    if (token) {
        return { token };
    }
    const accessKeyId = nonEmptyString(record.accessKeyId);
    const accessKeyPassword = typeof record.accessKeyPassword === 'string' && record.accessKeyPassword !== '' ? record.accessKeyPassword : undefined;
    return accessKeyId && accessKeyPassword ? { accessKeyId, accessKeyPassword } : undefined;
}
