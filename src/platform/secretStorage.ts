/** SecretStorage refused to work, typically Linux without a keyring; the message says what to do. */
export class SecretStorageUnavailableError extends Error {
    override readonly name = 'SecretStorageUnavailableError';
}
