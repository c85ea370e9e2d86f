import { ZenlayerError } from './errors';

/**
 * Input the client refuses before sending anything: what was wrong (InputProblem, for a UI to word in the user's
 * language), and an English message for the log.
 */

/**
 * What was wrong with a filter value: the filter is not an object, a value has the wrong type, is blank, too long,
 * not one of the allowed values, has leading or trailing spaces, or a list has too many entries (`limit` says how
 * long or how many may be).
 */
export type FilterProblem = 'notObject' | 'wrongType' | 'blank' | 'tooLong' | 'notAllowed' | 'spaces' | 'tooMany';

/**
 * What was wrong with an input of an image action (a region list, an instance ID, tags): a FilterProblem, or a list
 * with no entries, an entry given twice, or a value that is not an ID (characters an ID never has).
 */
export type FieldProblem = FilterProblem | 'empty' | 'duplicate' | 'malformed';

/**
 * Why a text is not an image name Zenlayer accepts: 2–63 characters, ASCII letters, digits, `-`, `_`, `.`, starting
 * and ending with a letter or digit. `badCharacter`: a space, `/`, a non-ASCII letter or other punctuation.
 */
export type ImageNameProblem = 'notString' | 'tooShort' | 'tooLong' | 'badFirstCharacter' | 'badLastCharacter' | 'badCharacter';

/** What was wrong with input the client refused before sending anything. */
export type InputProblem =
    | { readonly kind: 'endpointNotUrl' | 'endpointScheme' | 'endpointPlainHttp' | 'endpointUserInfo' | 'endpointNotOrigin'; readonly endpoint: string }
    | { readonly kind: 'noImageIds' }
    | { readonly kind: 'imageIdNotString' | 'imageIdBlank' | 'imageIdSpaces'; readonly position: number }
    /** Contains spaces or control characters inside, or is longer than `maxLength`. */
    | { readonly kind: 'imageIdMalformed'; readonly position: number; readonly maxLength: number }
    | { readonly kind: 'credentialsIncomplete' }
    /** Holds characters an HTTP header cannot carry (spaces, control characters, non-ASCII), or is absurdly long. */
    | { readonly kind: 'credentialsMalformed'; readonly field: 'accessKeyId' | 'accessKeyPassword' | 'token' }
    | { readonly kind: 'optionOutOfRange'; readonly option: string; readonly min: number; readonly max: number }
    | { readonly kind: 'optionWrongType'; readonly option: string; readonly expected: ExpectedOptionType }
    /** `field` names the filter field, with the position for list entries: `imageIds[3]`, `tags[0].key`. */
    | { readonly kind: 'filterInvalid'; readonly field: string; readonly reason: FilterProblem; readonly limit?: number }
    | { readonly kind: 'imageNameInvalid'; readonly reason: ImageNameProblem }
    /** An input of an image action; `field` as for filters: `regionIds[1]`, `instanceId`, `tags[0].key`. */
    | { readonly kind: 'fieldInvalid'; readonly field: string; readonly reason: FieldProblem; readonly limit?: number };

function describeInputProblem(problem: InputProblem): string {
    switch (problem.kind) {
        case 'endpointNotUrl':
            return `The Zenlayer endpoint "${problem.endpoint}" is not a valid URL; expected something like https://console.zenlayer.com.`;
        case 'endpointScheme':
            return `The Zenlayer endpoint "${problem.endpoint}" must start with https://.`;
        case 'endpointPlainHttp':
            return (
                `The Zenlayer endpoint "${problem.endpoint}" uses plain http://, ` +
                `which is only allowed for a loopback address (127.0.0.1, localhost); use https://.`
            );
        case 'endpointUserInfo':
            return `The Zenlayer endpoint "${problem.endpoint}" must not contain a user name or password.`;
        case 'endpointNotOrigin':
            return `The Zenlayer endpoint "${problem.endpoint}" must be an origin only (no path, query or fragment); the client adds /api/v2/zec itself.`;
        case 'noImageIds':
            return 'At least one image ID is needed.';
        case 'imageIdNotString':
            return `Image ID #${problem.position} is not a string.`;
        case 'imageIdBlank':
            return `Image ID #${problem.position} is blank.`;
        case 'imageIdSpaces':
            return `Image ID #${problem.position} has leading or trailing spaces.`;
        case 'imageIdMalformed':
            return `Image ID #${problem.position} contains spaces or control characters, or is longer than ${problem.maxLength} characters.`;
        case 'credentialsIncomplete':
            return 'Zenlayer credentials are incomplete: an AccessKey ID and AccessKey Password, or a token, are required.';
        case 'credentialsMalformed':
            return `The Zenlayer ${problem.field} contains characters that cannot be sent (spaces, control characters or non-ASCII), or is too long.`;
        case 'optionOutOfRange':
            return `${problem.option} must be a whole number from ${problem.min} to ${problem.max}.`;
        case 'optionWrongType':
            return `${problem.option} must be ${describeExpected(problem.expected)}.`;
        case 'filterInvalid':
            return `Filter field ${problem.field}: ${describeFilterProblem(problem.reason, problem.limit)}.`;
        case 'imageNameInvalid':
            return (
                `The image name ${describeImageNameProblem(problem.reason)}; ` +
                'it must be 2 to 63 characters of letters, digits, "-", "_" and ".", starting and ending with a letter or digit.'
            );
        case 'fieldInvalid':
            return `${problem.field}: ${describeFilterProblem(problem.reason, problem.limit)}.`;
    }
}

function describeImageNameProblem(reason: ImageNameProblem): string {
    switch (reason) {
        case 'notString':
            return 'is not a string';
        case 'tooShort':
            return 'is shorter than 2 characters';
        case 'tooLong':
            return 'is longer than 63 characters';
        case 'badFirstCharacter':
            return 'does not start with a letter or digit';
        case 'badLastCharacter':
            return 'does not end with a letter or digit';
        case 'badCharacter':
            return 'contains a character other than letters, digits, "-", "_" and "."';
    }
}

function describeFilterProblem(reason: FieldProblem, limit: number | undefined): string {
    switch (reason) {
        case 'empty':
            return 'needs at least one entry';
        case 'duplicate':
            return 'is given more than once';
        case 'malformed':
            return 'is not an ID (it holds characters an ID never has)';
        case 'notObject':
            return 'the filter must be an object';
        case 'wrongType':
            return 'wrong type';
        case 'blank':
            return 'must not be blank';
        case 'tooLong':
            return `longer than ${limit ?? '?'} characters`;
        case 'notAllowed':
            return 'not one of the allowed values';
        case 'spaces':
            return 'has leading or trailing spaces';
        case 'tooMany':
            return `more than ${limit ?? '?'} entries`;
    }
}

/** Bad input caught before anything was sent. */
export class ZenlayerInputError extends ZenlayerError {
    override readonly name = 'ZenlayerInputError';
    constructor(
        readonly action: string,
        readonly problem: InputProblem,
    ) {
        super(describeInputProblem(problem));
    }
}

type ExpectedOptionType = 'object' | 'function' | 'dispatcher' | 'AbortSignal';

function describeExpected(expected: ExpectedOptionType): string {
    switch (expected) {
        case 'object':
            return 'an object';
        case 'dispatcher':
            return 'an undici Dispatcher';
        default:
            return `a ${expected}`;
    }
}
