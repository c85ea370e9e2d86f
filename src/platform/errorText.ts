import * as vscode from 'vscode';
import { SecretStorageUnavailableError } from './secretStorage';
import { ProxyConfigError } from './proxy';
import {
    MAX_CLOCK_SKEW_SECONDS,
    DEFAULT_ENDPOINT,
    IMAGE_NAME_MAX_LENGTH,
    IMAGE_NAME_MIN_LENGTH,
    type ImageNameProblem,
    type InputProblem,
    type ResponseProblem,
    ZenlayerAbortError,
    ZenlayerApiError,
    ZenlayerInputError,
    ZenlayerNetworkError,
    ZenlayerResponseError,
    ZenlayerTimeoutError,
} from '../zenlayer';

/** What went wrong, in one line a person can act on, in their language: the API's code, message and requestId when there are any. */
export function describeError(error: unknown): string {
    if (error instanceof SecretStorageUnavailableError) {
        return secretStorageHelp();
    }
    if (error instanceof ZenlayerApiError) {
        const answer = error.requestId
            ? vscode.l10n.t('{0}: {1} (requestId {2})', error.code, error.apiMessage, error.requestId)
            : vscode.l10n.t('{0}: {1}', error.code, error.apiMessage);
        return error.isClockSkew ? vscode.l10n.t('{0} Zenlayer said: {1}', clockSkewHelp(), answer) : answer;
    }
    if (error instanceof ZenlayerNetworkError) {
        return vscode.l10n.t(
            'Cannot reach {0}{1}. Check the network, the proxy settings and the zenlayer.endpoint setting.',
            error.endpoint,
            error.errorCode ? ` (${error.errorCode})` : '',
        );
    }
    if (error instanceof ZenlayerTimeoutError) {
        return vscode.l10n.t('Zenlayer did not answer within {0} seconds (setting zenlayer.requestTimeoutSeconds).', Math.round(error.timeoutMs / 1000));
    }
    if (error instanceof ZenlayerResponseError) {
        return describeResponseError(error);
    }
    if (error instanceof ZenlayerAbortError) {
        return vscode.l10n.t('The request was cancelled.');
    }
    if (error instanceof ZenlayerInputError) {
        return describeInputProblem(error.problem);
    }
    if (error instanceof ProxyConfigError) {
        // `url` is already without user:password.
        return vscode.l10n.t(
            'The proxy {0} (from {1}) cannot be used: only http://, https:// or host:port proxies work. Change it, or set http.proxySupport to "off".',
            error.url,
            error.source,
        );
    }
    return error instanceof Error ? error.message : String(error);
}

function describeResponseError(error: ZenlayerResponseError): string {
    const http = error.contentType ? `HTTP ${error.status}, ${error.contentType}` : `HTTP ${error.status}`;
    const parts = [vscode.l10n.t('Unexpected answer from Zenlayer ({0}): {1}.', http, responseProblemText(error))];
    if (error.excerpt) {
        parts.push(vscode.l10n.t('It begins: {0}', JSON.stringify(error.excerpt)));
    }
    if (error.requestId) {
        parts.push(vscode.l10n.t('(requestId {0})', error.requestId));
    }
    return parts.join(' ');
}

function responseProblemText({ reason, field, limitBytes }: { reason: ResponseProblem; field?: string; limitBytes?: number }): string {
    switch (reason) {
        case 'notJson':
            return vscode.l10n.t('the answer is not JSON (often a proxy or gateway page)');
        case 'emptyBody':
            return vscode.l10n.t('the answer is empty');
        case 'notObject':
            return vscode.l10n.t('the answer is JSON but not an object');
        case 'missingResponse':
            return vscode.l10n.t('the answer has no "response" object');
        case 'missingCode':
            return vscode.l10n.t('the error answer has no "code"');
        case 'unreadableBody':
            return vscode.l10n.t('the answer broke off before it was complete');
        case 'bodyTooLarge':
            return vscode.l10n.t('the answer is larger than {0} MiB and was not read', Math.round((limitBytes ?? 0) / 2 ** 20));
        case 'invalidField':
            return vscode.l10n.t('its field "{0}" is not what the API documents', field ?? '?');
    }
}

function describeInputProblem(problem: InputProblem): string {
    switch (problem.kind) {
        case 'endpointNotUrl':
            return vscode.l10n.t('The zenlayer.endpoint setting "{0}" is not a URL; expected something like {1}.', problem.endpoint, DEFAULT_ENDPOINT);
        case 'endpointScheme':
            return vscode.l10n.t('The zenlayer.endpoint setting "{0}" must start with https://.', problem.endpoint);
        case 'endpointPlainHttp':
            return vscode.l10n.t(
                'The zenlayer.endpoint "{0}" uses plain http://, which is allowed only for a loopback address (localhost, 127.0.0.1, [::1]).',
                problem.endpoint,
            );
        case 'endpointUserInfo':
            return vscode.l10n.t('The zenlayer.endpoint setting "{0}" must not contain a user name or password.', problem.endpoint);
        case 'endpointNotOrigin':
            return vscode.l10n.t('The zenlayer.endpoint setting "{0}" must be only scheme, host and port (no path, query or fragment).', problem.endpoint);
        case 'noImageIds':
            return vscode.l10n.t('No image was given to delete.');
        case 'imageIdNotString':
            return vscode.l10n.t('Image ID #{0} is not text.', problem.position);
        case 'imageIdBlank':
            return vscode.l10n.t('Image ID #{0} is empty.', problem.position);
        case 'imageIdSpaces':
            return vscode.l10n.t('Image ID #{0} starts or ends with spaces.', problem.position);
        case 'imageIdMalformed':
            return vscode.l10n.t('Image ID #{0} contains spaces or control characters, or is longer than {1} characters.', problem.position, problem.maxLength);
        case 'credentialsIncomplete':
            return vscode.l10n.t('The stored Zenlayer credentials are incomplete. Configure them again.');
        case 'credentialsMalformed':
            return vscode.l10n.t('The stored Zenlayer credentials contain characters that cannot be sent. Configure them again.');
        case 'optionOutOfRange':
            return vscode.l10n.t('{0} must be a whole number from {1} to {2}.', problem.option, problem.min, problem.max);
        case 'optionWrongType':
            return vscode.l10n.t('{0} has the wrong type (expected: {1}).', problem.option, problem.expected);
        case 'filterInvalid':
            return vscode.l10n.t('The filter value {0} is not valid ({1}).', problem.field, problem.reason);
        case 'imageNameInvalid':
            return imageNameProblemText(problem.reason);
        case 'fieldInvalid':
            return vscode.l10n.t('The value {0} is not valid ({1}).', problem.field, problem.reason);
    }
}

/** What is wrong with an image name (checkImageName's verdict), for an input box or an error. */
export function imageNameProblemText(reason: ImageNameProblem): string {
    switch (reason) {
        case 'notString':
            return vscode.l10n.t('The image name must be text.');
        case 'tooShort':
            return vscode.l10n.t('An image name needs at least {0} characters.', IMAGE_NAME_MIN_LENGTH);
        case 'tooLong':
            return vscode.l10n.t('An image name has at most {0} characters.', IMAGE_NAME_MAX_LENGTH);
        case 'badFirstCharacter':
            return vscode.l10n.t('An image name starts with a letter or digit.');
        case 'badLastCharacter':
            return vscode.l10n.t('An image name ends with a letter or digit.');
        case 'badCharacter':
            return vscode.l10n.t('An image name has only letters (A–Z, a–z), digits, "-", "_" and ".".');
    }
}

/** Clock skew: Zenlayer refuses a signature whose timestamp is too far from its own clock. */
export function clockSkewHelp(): string {
    return vscode.l10n.t(
        "Zenlayer refused the request's timestamp: this computer's clock is more than {0} minutes off. Correct the system time, then retry.",
        Math.round(MAX_CLOCK_SKEW_SECONDS / 60),
    );
}

/** Refusals the API makes on purpose (image in use, wrong state, not found) are warnings, not extension failures. */
export function isExpectedRefusal(error: unknown): boolean {
    return error instanceof ZenlayerApiError && error.status >= 400 && error.status < 500 && !error.isAuthFailure && !error.isRateLimit;
}

export function isAuthFailure(error: unknown): boolean {
    return error instanceof ZenlayerApiError && error.isAuthFailure;
}

/** An auth failure caused by the local clock: re-entering the key will not help, fixing the time will. */
export function isClockSkew(error: unknown): boolean {
    return error instanceof ZenlayerApiError && error.isClockSkew;
}

export function isUnreachable(error: unknown): boolean {
    return error instanceof ZenlayerNetworkError || error instanceof ZenlayerTimeoutError;
}

export function secretStorageHelp(): string {
    return vscode.l10n.t(
        'VS Code cannot use its secret storage to save credentials. On Linux, unlock a keyring (gnome-keyring, KWallet) or start with --password-store=basic.',
    );
}
