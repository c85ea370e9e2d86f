/** Bytes of a file to the text VS Code would show: byte-order marks honoured and dropped, binary files refused. */

/** Files larger than this are not scanned (infrastructure code is small; larger files are state, logs or data). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** How far into a file a NUL byte marks it as binary (git looks as far). */
const BINARY_SNIFF_BYTES = 8000;

export type DecodedFile = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'skipped'; readonly reason: 'binary' | 'tooLarge' };

const utf8 = new TextDecoder('utf-8');
const utf16le = new TextDecoder('utf-16le');

export function decodeFile(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): DecodedFile {
    if (bytes.length > maxBytes) {
        return { kind: 'skipped', reason: 'tooLarge' };
    }
    // UTF-16 (PowerShell's default on Windows) is full of NUL bytes: its byte-order mark says so before the binary test.
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
        return { kind: 'text', text: utf16le.decode(bytes.subarray(2)) };
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
        const swapped = new Uint8Array(bytes.length - 2 - (bytes.length % 2));
        for (let index = 0; index < swapped.length; index += 2) {
            swapped[index] = bytes[index + 3];
            swapped[index + 1] = bytes[index + 2];
        }
        return { kind: 'text', text: utf16le.decode(swapped) };
    }
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
        return { kind: 'skipped', reason: 'binary' };
    }
    // TextDecoder drops a UTF-8 byte-order mark, as VS Code's editor does: columns then count from the first character.
    return { kind: 'text', text: utf8.decode(bytes) };
}
