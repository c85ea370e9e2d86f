import type { ApiCallEvent } from '../zenlayer';

const MAX_LOGGED_IDS = 50;

function idList(ids: readonly string[]): string {
    const shown = ids.slice(0, MAX_LOGGED_IDS).join(',');
    return ids.length > MAX_LOGGED_IDS ? `${shown},…(+${ids.length - MAX_LOGGED_IDS})` : shown;
}

/**
 * One log line per API call. Built only from the event's fields, which the client guarantees are free of
 * credentials, signatures and headers.
 */
export function formatApiCall(event: ApiCallEvent): string {
    const parts = [`${event.action} ${event.outcome}`, `${event.durationMs} ms`, `attempt ${event.attempt}`];
    if (event.status !== undefined) {
        parts.push(`HTTP ${event.status}`);
    }
    if (event.requestId) {
        parts.push(`requestId ${event.requestId}`);
    }
    if (event.errorCode) {
        parts.push(`code ${event.errorCode}`);
    }
    if (event.errorMessage) {
        parts.push(`message ${JSON.stringify(event.errorMessage)}`);
    }
    if (event.imageIds?.length) {
        parts.push(`ids [${idList(event.imageIds)}]`);
    }
    if (event.failedImageIds?.length) {
        parts.push(`failed [${idList(event.failedImageIds)}]`);
    }
    return parts.join(' | ');
}
