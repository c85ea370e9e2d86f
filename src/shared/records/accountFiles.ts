import { createHash } from 'node:crypto';
import * as path from 'node:path';

/**
 * One file per account, named by a hash of the account's name (names are the user's own text: any character, any
 * length), so one account's damaged file never costs another account anything. The name itself is kept inside.
 */
function accountFileName(account: string): string {
    return `${createHash('sha256').update(account, 'utf8').digest('hex').slice(0, 32)}.json`;
}

export function accountFilePath(directory: string, account: string): string {
    return path.join(directory, accountFileName(account));
}

/** Account names as the accounts feature allows them, with room to spare; a longer one in a file is damage. */
export const MAX_ACCOUNT_NAME_LENGTH = 256;
/** Image and request IDs (Zenlayer's are well under 64 characters). */
export const MAX_RECORD_ID_LENGTH = 128;

export function isAccountName(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_ACCOUNT_NAME_LENGTH;
}

export function isRecordId(value: unknown): value is string {
    return typeof value === 'string' && value.length > 0 && value.length <= MAX_RECORD_ID_LENGTH;
}
