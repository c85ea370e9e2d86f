import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CLI_ENV } from '../../constants';
import { type CredentialSource, currentCliProfile, fromEnvironment, parseCliCredentials } from '../../shared/session/credentialSources';

/** The file's text, or undefined when it does not exist or cannot be read (the import offer then has nothing from it). */
export async function readIfExists(file: string): Promise<string | undefined> {
    try {
        return await fs.readFile(file, 'utf8');
    } catch {
        return undefined;
    }
}

/** Credentials the zeno CLI would use: the environment first, then the profiles of ~/.zenlayer/credentials.json. */
export async function discoverCredentialSources(env: Readonly<Record<string, string | undefined>>, home: string): Promise<CredentialSource[]> {
    const fromEnv = fromEnvironment(env, CLI_ENV.accessKeyId, CLI_ENV.accessKeySecret);
    const credentialsText = await readIfExists(path.join(home, '.zenlayer', 'credentials.json'));
    const profile = currentCliProfile(await readIfExists(path.join(home, '.zenlayer', 'config.json')), env[CLI_ENV.profile]);
    return [...(fromEnv ? [fromEnv] : []), ...(credentialsText ? parseCliCredentials(credentialsText, profile) : [])];
}
